package dev.vela.samples.signal.ops;

import dev.vela.samples.signal.dsp.FixedRfft;
import dev.vela.samples.signal.dsp.FloatRfft;
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
import java.util.EnumSet;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * {@code tflite:SignalRfft}: a real FFT of every frame along the last axis, zero-padded to {@code fft_length}
 * ({@link FixedRfft} for int16/int32, {@link FloatRfft} for float32; TFLite Micro signal/micro/kernels/rfft.cc).
 */
public class RfftOp extends SignalOp {
    /** TFLite's TensorType codes that the importer hands over in the {@code T} option. */
    private static final int TFLITE_FLOAT32 = 0;

    private static final int TFLITE_INT32 = 2;
    private static final int TFLITE_INT16 = 7;

    public RfftOp() {
        super("SignalRfft", DataType.INT16, DataType.INT32, DataType.FLOAT32);
    }

    @Override
    protected void describe(OperatorDefinition.Builder d) {
        d.doc("Real FFT of each frame (last axis), zero-padded to fft_length, as fft_length/2+1 interleaved complex "
                        + "bins. Integer types follow kissfft's fixed-point build (output scaled by 1/fft_length). "
                        + "TFLite Micro signal/src/rfft_*.cc with kissfft v1.3.0.")
                .typeConstraint(TypeConstraint.of(
                        "T", EnumSet.of(DataType.INT16, DataType.INT32, DataType.FLOAT32), "sample type"))
                .input(ParameterDefinition.required("input", "T", "frames, last axis at most fft_length"))
                .output(ParameterDefinition.required("output", "T", "last axis fft_length + 2"))
                .attribute(AttributeDefinition.required(
                        "fft_length", AttributeType.INT, "even, at least 4; fft_length/2 has no prime factor above 5"))
                .attribute(AttributeDefinition.optional(
                        "T",
                        AttributeType.INT,
                        "TFLite TensorType code of the samples (0 float32, 2 int32, 7 int16); must match the input"));
    }

    @Override
    protected List<TensorType> infer(Node node) {
        int fftLength = intAttribute(node, "fft_length", 4, 1 << 20);
        try {
            if (node.inputType(0).dataType() == DataType.FLOAT32) {
                new FloatRfft(fftLength);
            } else {
                new FixedRfft(16, fftLength);
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidNodeException(node, e.getMessage());
        }
        DataType type = node.inputType(0).dataType();
        if (node.attributes().has("T")) {
            long code = node.attributes().getLong("T");
            int expected = switch (type) {
                case INT16 -> TFLITE_INT16;
                case INT32 -> TFLITE_INT32;
                default -> TFLITE_FLOAT32;
            };
            if (code != expected) {
                throw new InvalidNodeException(
                        node,
                        "attribute 'T' = " + code + " names another type than the " + type.label()
                                + " input (TFLite code " + expected + ")");
            }
        }
        Shape input = node.inputType(0).shape();
        if (input.rank() < 1 || input.dim(input.rank() - 1) > fftLength) {
            throw new InvalidNodeException(
                    node,
                    "input " + input + " needs frames (last axis) of at most fft_length " + fftLength + " samples");
        }
        return List.of(TensorType.of(type, input.withDim(input.rank() - 1, fftLength + 2)));
    }

    @Override
    protected Kernel kernel(Node node, List<TensorType> outputTypes) {
        int fftLength = node.attributes().getInt("fft_length");
        Shape inputShape = node.inputType(0).shape();
        int frameLength = inputShape.dim(inputShape.rank() - 1);
        DataType type = node.inputType(0).dataType();
        if (type == DataType.FLOAT32) {
            FloatRfft fft = new FloatRfft(fftLength);
            return new SignalKernel(node, outputTypes) {
                @Override
                void run(Invocation inv) {
                    float[] input = TensorArrays.floats(inv.input(0));
                    Tensor output = inv.output(0);
                    float[] frame = new float[fftLength];
                    float[] bins = new float[fftLength + 2];
                    int frames = output.elementCount() / (fftLength + 2);
                    for (int f = 0; f < frames; f++) {
                        java.util.Arrays.fill(frame, 0);
                        System.arraycopy(input, f * frameLength, frame, 0, frameLength);
                        fft.apply(frame, bins);
                        output.floats().position(f * (fftLength + 2)).put(bins);
                    }
                }
            };
        }
        FixedRfft fft = new FixedRfft(type == DataType.INT16 ? 16 : 32, fftLength);
        return new SignalKernel(node, outputTypes) {
            @Override
            void run(Invocation inv) {
                Tensor in = inv.input(0);
                Tensor output = inv.output(0);
                int frames = output.elementCount() / (fftLength + 2);
                int[] frame = new int[fftLength];
                int[] bins = new int[fftLength + 2];
                for (int f = 0; f < frames; f++) {
                    java.util.Arrays.fill(frame, 0);
                    for (int i = 0; i < frameLength; i++) {
                        frame[i] = (int) in.getLong(f * frameLength + i);
                    }
                    fft.apply(frame, bins);
                    for (int i = 0; i < bins.length; i++) {
                        output.setLong(f * (fftLength + 2) + i, bins[i]);
                    }
                }
            }
        };
    }

    /** Lengths with radix 2, 3, 4 and 5 stages, up to the 512 of the micro_speech preprocessor. */
    private static final int[] LENGTHS = {
        4, 6, 8, 10, 12, 16, 20, 24, 30, 32, 40, 48, 60, 64, 80, 96, 120, 128, 160, 240, 256, 320, 480, 512
    };

    @Override
    protected GeneratedCase generate(RandomGenerator r, int size) {
        int fftLength = LENGTHS[r.nextInt(0, 1 + size * (LENGTHS.length - 1) / 100)];
        int frameLength = r.nextInt(1, fftLength + 1);
        int frames = r.nextInt(1, 3);
        DataType type = switch (r.nextInt(0, 3)) {
            case 0 -> DataType.INT16;
            case 1 -> DataType.INT32;
            default -> DataType.FLOAT32;
        };
        Tensor input = Tensor.allocate(TensorType.of(type, frames, frameLength));
        int magnitude = 1 << r.nextInt(1, type == DataType.INT32 ? 31 : 16);
        for (int i = 0; i < input.elementCount(); i++) {
            if (type == DataType.FLOAT32) {
                input.setDouble(i, (r.nextDouble() * 2 - 1) * magnitude);
            } else {
                input.setLong(i, r.nextInt(-magnitude, magnitude));
            }
        }
        Node node = Node.builder(op())
                .name("rfft")
                .input(input.type())
                .attr("fft_length", fftLength)
                .build();
        return GeneratedCase.of(node, List.of(input));
    }
}
