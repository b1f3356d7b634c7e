package dev.vela.samples.nativenpu;

import dev.vela.reference.quantized.QuantizedOps;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Tensor builders, runners and the dispatch paths the tests cover. */
final class NpuTesting {

    private NpuTesting() {}

    /** Every path this CPU runs (portable always; AVX2 and VNNI when present). */
    static Set<Isa> paths() {
        Set<Isa> paths = EnumSet.noneOf(Isa.class);
        for (Isa isa : Isa.values()) {
            paths.add(Dispatch.resolve(isa));
        }
        return paths;
    }

    static KernelFactory npu(Isa isa, String op) {
        return new NativeNpuProvider(isa)
                .factories().stream()
                        .filter(f -> f.op().name().equals(op))
                        .findFirst()
                        .orElseThrow();
    }

    static KernelFactory reference(String op) {
        if (op.equals("Transpose")) {
            return new dev.vela.reference.tensor.Transpose(); // moves bytes: the generic reference
        }
        return QuantizedOps.all().stream()
                .filter(f -> f.op().name().equals(op))
                .findFirst()
                .orElseThrow();
    }

    static Tensor int8(Shape shape, float scale, long zp, byte[] values) {
        return Tensor.ofBytes(TensorType.quantized(DataType.INT8, shape, Quantization.perTensor(scale, zp)), values);
    }

    static Tensor int8(Shape shape, float scale, long zp, int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) values[i];
        }
        return int8(shape, scale, zp, b);
    }

    static Tensor int32(Shape shape, int... values) {
        return Tensor.ofInts(shape, values);
    }

    static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /**
     * Prepares and runs a kernel with the given inputs (all positional inputs, constants included).
     * Scratch is a fresh direct buffer of the asked size.
     */
    static Tensor run(KernelFactory f, Node node, Tensor... inputs) {
        try (Kernel k = f.prepare(node)) {
            Tensor out = Tensor.allocate(k.outputTypes().get(0));
            List<Tensor> in = new ArrayList<>(List.of(inputs));
            k.invoke(Invocation.of(in, List.of(out), ByteBuffer.allocateDirect(k.scratchBytes())));
            return out;
        }
    }

    static byte[] bytes(Tensor t) {
        byte[] b = new byte[t.type().byteSize()];
        t.bytes().get(b);
        return b;
    }

    static int[] values(Tensor t) {
        byte[] b = bytes(t);
        int[] v = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            v[i] = b[i];
        }
        return v;
    }

    /** Per-output-channel int8 weights [out, k, k, in], scales 0.005-0.025, zero points 0. */
    static Tensor weights(Random r, int out, int k, int in) {
        float[] scales = new float[out];
        for (int i = 0; i < out; i++) {
            scales[i] = 0.005f + 0.02f * r.nextFloat();
        }
        return Tensor.ofBytes(
                TensorType.quantized(
                        DataType.INT8, Shape.of(out, k, k, in), Quantization.perAxis(0, scales, new long[out])),
                NpuTesting.randomBytes(r, out * k * k * in));
    }

    /** Int32 biases in [-2000, 2000). */
    static Tensor biases(Random r, int out) {
        int[] b = new int[out];
        for (int i = 0; i < out; i++) {
            b[i] = r.nextInt(4000) - 2000;
        }
        return Tensor.ofInts(Shape.of(out), b);
    }

    /** The output quantization attributes of a quantized node. */
    static Attributes quantized(float scale, long zp) {
        return Attributes.builder()
                .put("output_scale", scale)
                .put("output_zero_point", zp)
                .build();
    }

    /** A quantized NHWC Conv's attributes: square kernel, equal pads and strides. */
    static Attributes conv(float scale, long zp, int k, int pad, int stride, int group) {
        return Attributes.builder()
                .put("output_scale", scale)
                .put("output_zero_point", zp)
                .put("data_format", "NHWC")
                .put("kernel_shape", k, k)
                .put("pads", pad, pad, pad, pad)
                .put("strides", stride, stride)
                .put("group", group)
                .build();
    }
}
