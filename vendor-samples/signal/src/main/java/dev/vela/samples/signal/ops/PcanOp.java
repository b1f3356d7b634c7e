package dev.vela.samples.signal.ops;

import static dev.vela.samples.signal.ops.TensorArrays.ints;
import static dev.vela.samples.signal.ops.TensorArrays.put;
import static dev.vela.samples.signal.ops.TensorArrays.shorts;

import dev.vela.samples.signal.dsp.Pcan;
import dev.vela.spi.AttributeDefinition;
import dev.vela.spi.AttributeType;
import dev.vela.spi.DataType;
import dev.vela.spi.GeneratedCase;
import dev.vela.spi.InvalidNodeException;
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

/** {@code tflite:SignalPCAN}: {@link Pcan}, driven by the noise estimate of the spectral subtraction. */
public class PcanOp extends SignalOp {
    public PcanOp() {
        super("SignalPCAN", DataType.UINT32);
    }

    @Override
    protected void describe(OperatorDefinition.Builder d) {
        d.doc("Per-channel energy normalization: a gain looked up from the noise estimate, then x^2/4 below an SNR of "
                        + "2 and x - 1 above. TFLite Micro signal/src/pcan_argc_fixed.cc.")
                .typeConstraint(TypeConstraint.fixed("U", DataType.UINT32))
                .typeConstraint(TypeConstraint.fixed("W", DataType.INT16))
                .input(ParameterDefinition.required("input", "U", "channels, rank 1"))
                .input(ParameterDefinition.required("noise_estimate", "U", "one per channel"))
                .input(ParameterDefinition.required("gain_lut", "W", "at least 125 coefficients"))
                .output(ParameterDefinition.required("output", "U", "one value per channel"))
                .attribute(AttributeDefinition.required("snr_shift", AttributeType.INT, "0..63"));
    }

    @Override
    protected List<TensorType> infer(Node node) {
        intAttribute(node, "snr_shift", 0, 63);
        Shape input = shapeOfRank(node, 0, "input", 1);
        if (!shapeOfRank(node, 1, "noise_estimate", 1).equals(input)) {
            throw new InvalidNodeException(node, "noise_estimate must have the input's shape " + input);
        }
        int lut = shapeOfRank(node, 2, "gain_lut", 1).dim(0);
        if (lut < Pcan.GAIN_LUT_MIN_LENGTH) {
            throw new InvalidNodeException(
                    node, "gain_lut holds " + lut + " coefficients, PCAN needs " + Pcan.GAIN_LUT_MIN_LENGTH);
        }
        return List.of(TensorType.of(DataType.UINT32, input));
    }

    @Override
    protected Kernel kernel(Node node, List<TensorType> outputTypes) {
        int snrShift = node.attributes().getInt("snr_shift");
        return new SignalKernel(node, outputTypes) {
            @Override
            void run(Invocation inv) {
                int[] input = ints(inv.input(0));
                int[] out = new int[input.length];
                Pcan.apply(input, ints(inv.input(1)), shorts(inv.input(2)), snrShift, out);
                put(inv.output(0), out);
            }
        };
    }

    @Override
    protected GeneratedCase generate(RandomGenerator r, int size) {
        int channels = Random.count(size, 40);
        Tensor input = Random.uint32(r, r.nextInt(1, 20), channels);
        Tensor noise = Random.uint32(r, r.nextInt(1, 32), channels);
        Tensor lut = Random.int16(r, Pcan.GAIN_LUT_MIN_LENGTH);
        Node node = Node.builder(op())
                .name("pcan")
                .input(input.type())
                .input(noise.type())
                .input(lut.type())
                .attr("snr_shift", r.nextInt(0, 13))
                .build();
        return GeneratedCase.of(node, List.of(input, noise, lut));
    }
}
