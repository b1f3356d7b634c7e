package dev.vela.samples.signal.ops;

import static dev.vela.samples.signal.ops.TensorArrays.put;
import static dev.vela.samples.signal.ops.TensorArrays.shorts;

import dev.vela.samples.signal.dsp.FftAutoScale;
import dev.vela.spi.DataType;
import dev.vela.spi.GeneratedCase;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.OperatorDefinition;
import dev.vela.spi.ParameterDefinition;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.TypeConstraint;
import java.util.List;
import java.util.random.RandomGenerator;

/** {@code tflite:SignalFftAutoScale}: {@link FftAutoScale}. */
public class FftAutoScaleOp extends SignalOp {
    public FftAutoScaleOp() {
        super("SignalFftAutoScale", DataType.INT16);
    }

    @Override
    protected void describe(OperatorDefinition.Builder d) {
        d.doc("Shifts a frame left by as many bits as its largest magnitude allows and outputs the shift. "
                        + "TFLite Micro signal/src/fft_auto_scale.cc.")
                .typeConstraint(TypeConstraint.fixed("T", DataType.INT16))
                .typeConstraint(TypeConstraint.fixed("S", DataType.INT32))
                .input(ParameterDefinition.required("input", "T", "a frame, rank 1"))
                .output(ParameterDefinition.required("output", "T", "the scaled frame"))
                .output(ParameterDefinition.required("scale_bits", "S", "the shift, a scalar"));
    }

    @Override
    protected List<TensorType> infer(Node node) {
        Shape input = shapeOfRank(node, 0, "input", 1);
        return List.of(TensorType.of(DataType.INT16, input), TensorType.of(DataType.INT32, Shape.scalar()));
    }

    @Override
    protected Kernel kernel(Node node, List<TensorType> outputTypes) {
        return new SignalKernel(node, outputTypes) {
            @Override
            void run(Invocation inv) {
                short[] input = shorts(inv.input(0));
                short[] out = new short[input.length];
                int bits = FftAutoScale.apply(input, out);
                put(inv.output(0), out);
                inv.output(1).ints().put(0, bits);
            }
        };
    }

    @Override
    protected GeneratedCase generate(RandomGenerator r, int size) {
        Tensor input = Random.int16(r, Random.count(size, 512));
        Node node = Node.builder(op())
                .name("fft_auto_scale")
                .input(input.type())
                .outputs(2)
                .build();
        return GeneratedCase.of(node, List.of(input));
    }
}
