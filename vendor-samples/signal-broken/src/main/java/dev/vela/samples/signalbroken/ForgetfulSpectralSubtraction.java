package dev.vela.samples.signalbroken;

import dev.vela.samples.signal.dsp.SpectralSubtraction;
import dev.vela.samples.signal.ops.SpectralSubtractionOp;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;
import java.util.List;

/**
 * PLANTED BUG: starts every frame from a zero noise estimate instead of the session's state (a kernel that declares
 * no state). The first frame of a stream is right; every later one subtracts too little.
 */
public final class ForgetfulSpectralSubtraction extends SpectralSubtractionOp {
    @Override
    protected Kernel kernel(Node node, List<TensorType> outputTypes) {
        SpectralSubtraction algorithm = config(node);
        return new Kernel() {
            @Override
            public List<TensorType> outputTypes() {
                return outputTypes;
            }

            @Override
            public void invoke(Invocation inv) {
                int channels = algorithm.numChannels();
                int[] input = new int[channels];
                inv.input(0).ints().get(input);
                int[] estimate = new int[channels];
                int[] out = new int[channels];
                algorithm.apply(input, out, estimate);
                inv.output(0).ints().put(out);
                inv.output(1).ints().put(estimate);
            }
        };
    }
}
