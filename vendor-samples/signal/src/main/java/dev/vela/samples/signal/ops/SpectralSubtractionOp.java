package dev.vela.samples.signal.ops;

import static dev.vela.samples.signal.ops.TensorArrays.ints;
import static dev.vela.samples.signal.ops.TensorArrays.put;

import dev.vela.samples.signal.dsp.SpectralSubtraction;
import dev.vela.spi.AttributeDefinition;
import dev.vela.spi.AttributeType;
import dev.vela.spi.DataType;
import dev.vela.spi.GeneratedCase;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelState;
import dev.vela.spi.Node;
import dev.vela.spi.OperatorDefinition;
import dev.vela.spi.ParameterDefinition;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.TypeConstraint;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * {@code tflite:SignalFilterBankSpectralSubtraction}: {@link SpectralSubtraction}, stateful. The noise estimate is
 * declared as kernel state (uint32 per channel, starting at zero, as TFLite Micro's Prepare and Reset leave it), so
 * the runtime keeps it per session across runs and restores it on reset; the second output is a copy of it.
 */
public class SpectralSubtractionOp extends SignalOp {
    private static final String[] COEFFICIENTS = {
        "smoothing",
        "one_minus_smoothing",
        "alternate_smoothing",
        "alternate_one_minus_smoothing",
        "min_signal_remaining"
    };

    public SpectralSubtractionOp() {
        super("SignalFilterBankSpectralSubtraction", DataType.UINT32);
    }

    @Override
    protected void describe(OperatorDefinition.Builder d) {
        d.doc("Subtracts a per-channel noise estimate, tracked with a one-pole low-pass filter across frames (state), "
                        + "keeping at least min_signal_remaining of the signal; outputs the result and the estimate. "
                        + "TFLite Micro signal/src/filter_bank_spectral_subtraction.cc.")
                .typeConstraint(TypeConstraint.fixed("U", DataType.UINT32))
                .input(ParameterDefinition.required("input", "U", "channels, rank 1, num_channels values"))
                .output(ParameterDefinition.required("output", "U", "channels after subtraction"))
                .output(ParameterDefinition.required("noise_estimate", "U", "the updated noise estimate"))
                .attribute(AttributeDefinition.required("num_channels", AttributeType.INT, "channels"))
                .attribute(AttributeDefinition.required(
                        "smoothing",
                        AttributeType.INT,
                        "even-channel filter coefficient, scaled by 2^spectral_subtraction_bits"))
                .attribute(AttributeDefinition.required("one_minus_smoothing", AttributeType.INT, "its complement"))
                .attribute(AttributeDefinition.required(
                        "alternate_smoothing", AttributeType.INT, "odd-channel coefficient"))
                .attribute(AttributeDefinition.required(
                        "alternate_one_minus_smoothing", AttributeType.INT, "its complement"))
                .attribute(AttributeDefinition.required(
                        "min_signal_remaining", AttributeType.INT, "fraction of the signal always kept"))
                .attribute(AttributeDefinition.required(
                        "smoothing_bits", AttributeType.INT, "extra fractional bits of the estimate, 0..31"))
                .attribute(AttributeDefinition.required(
                        "spectral_subtraction_bits", AttributeType.INT, "scale of the coefficients, 0..63"))
                .attribute(AttributeDefinition.withDefault(
                        "clamping", 0L, "1: pull the estimate down to the signal when it exceeds it"));
    }

    @Override
    protected List<TensorType> infer(Node node) {
        config(node);
        int channels = node.attributes().getInt("num_channels");
        int n = shapeOfRank(node, 0, "input", 1).dim(0);
        if (n != channels) {
            throw new InvalidNodeException(node, "input holds " + n + " channels, num_channels is " + channels);
        }
        TensorType type = TensorType.of(DataType.UINT32, channels);
        return List.of(type, type);
    }

    /** The algorithm's configuration; refuses values outside what the C types hold. */
    protected static SpectralSubtraction config(Node node) {
        int channels = intAttribute(node, "num_channels", 1, 1 << 16);
        int[] c = new int[COEFFICIENTS.length];
        for (int i = 0; i < c.length; i++) {
            // the C fields are uint32 filled from int32 options: anything in int32 or uint32 range keeps its bits
            c[i] = (int) (long) intAttributeBits(node, COEFFICIENTS[i]);
        }
        return new SpectralSubtraction(
                channels,
                c[0],
                c[1],
                c[2],
                c[3],
                c[4],
                intAttribute(node, "smoothing_bits", 0, 31),
                intAttribute(node, "spectral_subtraction_bits", 0, 63),
                intAttribute(node, "clamping", 0, 0, 1) != 0);
    }

    private static long intAttributeBits(Node node, String name) {
        long v = node.attributes().getLong(name);
        if (v < Integer.MIN_VALUE || v > 0xFFFF_FFFFL) {
            throw new InvalidNodeException(node, "attribute '" + name + "' = " + v + " does not fit 32 bits");
        }
        return v;
    }

    @Override
    protected Kernel kernel(Node node, List<TensorType> outputTypes) {
        SpectralSubtraction algorithm = config(node);
        KernelState noise = KernelState.zeros("noise_estimate", outputTypes.get(1));
        return new SignalKernel(node, outputTypes) {
            @Override
            public List<KernelState> state() {
                return List.of(noise);
            }

            @Override
            void run(Invocation inv) {
                Tensor state = inv.state(0);
                int[] estimate = ints(state);
                int[] out = new int[algorithm.numChannels()];
                algorithm.apply(ints(inv.input(0)), out, estimate);
                put(state, estimate);
                put(inv.output(0), out);
                put(inv.output(1), estimate);
            }
        };
    }

    @Override
    protected GeneratedCase generate(RandomGenerator r, int size) {
        int channels = Random.count(size, 40);
        Tensor input = Random.uint32(r, r.nextInt(1, 22), channels);
        int bits = 14;
        int smoothing = r.nextInt(0, (1 << bits) + 1);
        int alternate = r.nextInt(0, (1 << bits) + 1);
        Node node = Node.builder(op())
                .name("spectral_subtraction")
                .input(input.type())
                .outputs(2)
                .attr("num_channels", channels)
                .attr("smoothing", smoothing)
                .attr("one_minus_smoothing", (1 << bits) - smoothing)
                .attr("alternate_smoothing", alternate)
                .attr("alternate_one_minus_smoothing", (1 << bits) - alternate)
                .attr("min_signal_remaining", r.nextInt(0, (1 << bits) + 1))
                .attr("smoothing_bits", r.nextInt(0, 11))
                .attr("spectral_subtraction_bits", bits)
                .attr("clamping", r.nextInt(0, 2))
                .build();
        return GeneratedCase.of(node, List.of(input));
    }
}
