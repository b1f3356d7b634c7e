package dev.vela.samples.nativenpu;

import static dev.vela.samples.nativenpu.NpuTesting.bytes;
import static dev.vela.samples.nativenpu.NpuTesting.int8;
import static dev.vela.samples.nativenpu.NpuTesting.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Support;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.ActivationRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded randomized cases run through the quantized reference kernels and through this provider on
 * every dispatch path the CPU has (forced portable, AVX2, AVX-512 VNNI); the output bytes must be
 * identical. Cases cover many shapes, per-channel and per-tensor scales, extreme zero points,
 * saturating scales and huge biases (int32 wrap-around), padding, strides, dilations and fused
 * activations.
 */
class ReferenceComparisonTest {

    private static final long SEED = 0x5EEDL;
    private final Set<Isa> paths = NpuTesting.paths();

    /** One generated case: the node and its positional inputs. */
    private record Case(Node node, Tensor[] inputs) {}

    @Test
    void coversEveryPathThisCpuRuns() {
        assertThat(paths).contains(Isa.PORTABLE, Dispatch.best());
    }

    @Test
    void convMatchesReference() {
        Random r = new Random(SEED);
        int compared = 0;
        for (int i = 0; i < 160; i++) {
            compared += compare("Conv", conv(r, false));
        }
        assertThat(compared).isGreaterThan(120);
    }

    @Test
    void depthwiseConvMatchesReference() {
        Random r = new Random(SEED + 1);
        int compared = 0;
        for (int i = 0; i < 120; i++) {
            compared += compare("Conv", conv(r, true));
        }
        assertThat(compared).isGreaterThan(90);
    }

    /**
     * Depthwise convolutions on images wide and tall enough that the SIMD kernels take every route:
     * interior pixels four, two and one at a time (without the zero-point subtraction), border pixels
     * over clamped tap ranges, 64-channel groups, one to three further full blocks and a masked tail
     * block (AVX-512), full 8-channel blocks and a scalar tail (AVX2), with strides, dilations and pads.
     */
    @Test
    void wideDepthwiseConvMatchesReference() {
        Random r = new Random(SEED + 11);
        int compared = 0;
        for (int i = 0; i < 80; i++) {
            compared += compare("Conv", conv(r, true, true));
        }
        assertThat(compared).isGreaterThan(60);
    }

    @Test
    void gemmMatchesReference() {
        Random r = new Random(SEED + 2);
        int compared = 0;
        for (int i = 0; i < 120; i++) {
            compared += compare("Gemm", gemm(r));
        }
        assertThat(compared).isGreaterThan(100);
    }

    @Test
    void addMatchesReference() {
        Random r = new Random(SEED + 3);
        int compared = 0;
        for (int i = 0; i < 150; i++) {
            compared += compare("Add", add(r));
        }
        assertThat(compared).isGreaterThan(120);
    }

    @Test
    void poolsMatchReference() {
        Random r = new Random(SEED + 4);
        int compared = 0;
        for (int i = 0; i < 150; i++) {
            String op = r.nextBoolean() ? "AveragePool" : "MaxPool";
            compared += compare(op, pool(r, op));
        }
        assertThat(compared).isGreaterThan(100);
    }

    @Test
    void softmaxMatchesReference() {
        Random r = new Random(SEED + 5);
        int compared = 0;
        for (int i = 0; i < 150; i++) {
            compared += compare("Softmax", softmax(r));
        }
        assertThat(compared).isGreaterThan(100);
    }

    /**
     * TFLite MEAN over any set of axes (the global H,W average of NHWC maps often, MobileNetV2's 7x7x1280 among
     * them), axes as a constant input or attribute, negative axes, keepdims 0/1, output scales that saturate.
     */
    @Test
    void meanMatchesReference() {
        Random r = new Random(SEED + 6);
        int compared = 0;
        for (int i = 0; i < 150; i++) {
            compared += compare("ReduceMean", mean(r));
        }
        assertThat(compared).isGreaterThan(140);
    }

    /** Transpose of rank 0 to 6, perms random or absent, the NCHW -> NHWC of an RGB input often. */
    @Test
    void transposeMatchesReference() {
        Random r = new Random(SEED + 7);
        int compared = 0;
        for (int i = 0; i < 150; i++) {
            compared += compare("Transpose", transpose(r));
        }
        assertThat(compared).isEqualTo(150);
    }

    /**
     * Runs one case. Both sides must agree on whether the node is valid; when it is, every path must
     * give the reference's bytes.
     *
     * @return 1 if outputs were compared, 0 if both refused the node
     */
    private int compare(String op, Case c) {
        KernelFactory ref = NpuTesting.reference(op);
        Support refSupport = ref.supports(c.node());
        for (Isa isa : paths) {
            Support s = NpuTesting.npu(isa, op).supports(c.node());
            assertThat(s.isSupported())
                    .as(
                            "%s on %s: provider says %s, reference says %s",
                            c.node().attributes(), isa, s, refSupport)
                    .isEqualTo(refSupport.isSupported());
        }
        if (!refSupport.isSupported()) {
            return 0;
        }
        byte[] expected = bytes(NpuTesting.run(ref, c.node(), c.inputs()));
        ActivationRange range = activationRange(c.node());
        if (range.min() > range.max()) {
            // An empty fused-activation range (e.g. Clip above what the output can hold). TFLite clamps
            // max-then-min, so every output is the upper bound; the reference clamps min-first and then
            // narrows an out-of-range int to a byte. Expect TFLite's answer.
            java.util.Arrays.fill(expected, (byte) range.max());
        }
        for (Isa isa : paths) {
            byte[] actual = bytes(NpuTesting.run(NpuTesting.npu(isa, op), c.node(), c.inputs()));
            int at = java.util.Arrays.mismatch(actual, expected);
            assertThat(at)
                    .as(
                            "%s %s on %s, inputs %s: first difference at %d",
                            op, c.node().attributes(), isa, describe(c), at)
                    .isEqualTo(-1);
        }
        return 1;
    }

    private static ActivationRange activationRange(Node node) {
        if (java.util.Set.of("Softmax", "ReduceMean", "Transpose")
                .contains(node.op().name())) {
            return new ActivationRange(-128, 127);
        }
        // pools without output attributes keep the input's quantization
        Quantization q = node.attributes().has("output_scale")
                ? Quantization.perTensor(
                        node.attributes().getFloat("output_scale"),
                        node.attributes().getLong("output_zero_point", 0))
                : node.inputType(0).quantization().orElseThrow();
        return QuantMath.int8ActivationRange(node, q);
    }

    private static String describe(Case c) {
        List<String> types = new ArrayList<>();
        for (Tensor t : c.inputs()) {
            types.add(t == null ? "-" : t.type().toString());
        }
        return types.toString();
    }

    // ---- generators ----

    private static int pick(Random r, int... values) {
        return values[r.nextInt(values.length)];
    }

    private static float scale(Random r, float lo, float hi) {
        return (float) (lo * Math.pow(hi / lo, r.nextDouble()));
    }

    private static long zeroPoint(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> -128;
            case 1 -> 127;
            case 2 -> 0;
            default -> r.nextInt(256) - 128;
        };
    }

    private static void activation(Random r, Node.Builder b) {
        switch (r.nextInt(4)) {
            case 0 -> b.attr("activation", "Relu");
            case 1 -> b.attr("activation", "Clip").attr("activation_params", 0f, 6f);
            case 2 ->
                b.attr("activation", "Clip").attr("activation_params", -0.5f + r.nextFloat(), 0.6f + r.nextFloat());
            default -> {}
        }
    }

    private static void window(Random r, Node.Builder b, int kH, int kW, boolean allowDilation) {
        b.attr("strides", pick(r, 1, 1, 2, 3), pick(r, 1, 1, 2));
        if (allowDilation && r.nextInt(4) == 0) {
            b.attr("dilations", pick(r, 1, 2), pick(r, 1, 2, 3));
        }
        switch (r.nextInt(3)) {
            case 0 -> b.attr("auto_pad", "SAME_UPPER");
            case 1 -> b.attr("auto_pad", "VALID");
            default -> b.attr("pads", r.nextInt(kH), r.nextInt(kW), r.nextInt(kH), r.nextInt(kW));
        }
    }

    private Case conv(Random r, boolean depthwise) {
        return conv(r, depthwise, false);
    }

    /** wide: a depthwise conv (multiplier 1) on an image up to 12 x 40 with 8 to 200 channels. */
    private Case conv(Random r, boolean depthwise, boolean wide) {
        int n = pick(r, 1, 1, 2);
        int h = 1 + r.nextInt(wide ? 12 : 10);
        int w = wide ? 4 + r.nextInt(37) : 1 + r.nextInt(10);
        int c = wide
                ? pick(r, 8, 16, 24, 32, 48, 64, 72, 80, 96, 112, 130, 200)
                : depthwise
                        ? pick(r, 1, 3, 8, 15, 16, 17, 32, 40, 130)
                        : pick(r, 1, 3, 4, 5, 8, 16, 17, 32, 33, 64, 70);
        int mult = wide ? 1 : depthwise ? pick(r, 1, 1, 1, 2, 3) : 1;
        int m = depthwise ? c * mult : pick(r, 1, 7, 8, 16, 24, 31, 32, 33, 48, 64, 65);
        int kH = pick(r, 1, 1, 3, 3, 5);
        int kW = pick(r, 1, 1, 3, 3, 2);
        float sx = scale(r, 0.002f, 0.2f);
        long zx = zeroPoint(r);
        Tensor x = int8(Shape.of(n, h, w, c), sx, zx, randomBytes(r, n * h * w * c));
        int cg = depthwise ? 1 : c;
        boolean perChannel = r.nextBoolean();
        float[] sw = new float[m];
        for (int i = 0; i < m; i++) {
            sw[i] = perChannel || i == 0 ? scale(r, 0.0005f, 0.05f) : sw[0];
        }
        Quantization wq = perChannel ? Quantization.perAxis(0, sw, new long[m]) : Quantization.perTensor(sw[0], 0);
        byte[] wBytes = randomBytes(r, m * kH * kW * cg);
        Tensor wt = Tensor.ofBytes(TensorType.quantized(DataType.INT8, Shape.of(m, kH, kW, cg), wq), wBytes);
        float sy = r.nextInt(8) == 0 ? scale(r, 1e-5f, 1e-3f) : scale(r, 0.005f, 0.5f);
        Node.Builder b = Node.builder("Conv")
                .name(depthwise ? "dw" : "conv")
                .input(x.type())
                .constantInput(wt);
        Tensor bias = null;
        if (r.nextInt(4) != 0) {
            int[] bv = new int[m];
            for (int i = 0; i < m; i++) {
                bv[i] = r.nextInt(10) == 0 ? r.nextInt() : r.nextInt(1 << 16) - (1 << 15);
            }
            bias = Tensor.ofInts(Shape.of(m), bv);
            b.constantInput(bias);
        }
        b.attr("data_format", "NHWC").attr("output_scale", sy).attr("output_zero_point", zeroPoint(r));
        if (depthwise) {
            b.attr("group", (long) c);
        }
        window(r, b, kH, kW, true);
        activation(r, b);
        return new Case(b.build(), bias == null ? new Tensor[] {x, wt} : new Tensor[] {x, wt, bias});
    }

    private Case gemm(Random r) {
        int rows = 1 + r.nextInt(9);
        int depth = pick(r, 1, 3, 4, 15, 64, 100, 257);
        int out = pick(r, 1, 5, 16, 32, 33, 70);
        boolean transB = r.nextInt(4) != 0;
        float sx = scale(r, 0.002f, 0.2f);
        Tensor a = int8(Shape.of(rows, depth), sx, zeroPoint(r), randomBytes(r, rows * depth));
        boolean perChannel = r.nextBoolean();
        float[] sw = new float[out];
        for (int i = 0; i < out; i++) {
            sw[i] = perChannel || i == 0 ? scale(r, 0.0005f, 0.05f) : sw[0];
        }
        int axis = transB ? 0 : 1;
        Shape ws = transB ? Shape.of(out, depth) : Shape.of(depth, out);
        Quantization wq = perChannel ? Quantization.perAxis(axis, sw, new long[out]) : Quantization.perTensor(sw[0], 0);
        Tensor wt = Tensor.ofBytes(TensorType.quantized(DataType.INT8, ws, wq), randomBytes(r, out * depth));
        Node.Builder b = Node.builder("Gemm").name("fc").input(a.type()).constantInput(wt);
        Tensor bias = null;
        if (r.nextBoolean()) {
            int[] bv = new int[out];
            for (int i = 0; i < out; i++) {
                bv[i] = r.nextInt(10) == 0 ? r.nextInt() : r.nextInt(1 << 16) - (1 << 15);
            }
            bias = Tensor.ofInts(Shape.of(out), bv);
            b.constantInput(bias);
        }
        b.attr("transB", transB ? 1L : 0L)
                .attr("output_scale", scale(r, 0.01f, 1f))
                .attr("output_zero_point", zeroPoint(r));
        activation(r, b);
        return new Case(b.build(), bias == null ? new Tensor[] {a, wt} : new Tensor[] {a, wt, bias});
    }

    private Case add(Random r) {
        int rank = 1 + r.nextInt(5);
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = pick(r, 1, 2, 3, 5, 16, 33);
        }
        int[] da = dims.clone();
        int[] db = dims.clone();
        for (int i = 0; i < rank; i++) {
            if (r.nextInt(4) == 0) {
                da[i] = 1;
            } else if (r.nextInt(4) == 0) {
                db[i] = 1;
            }
        }
        Shape sa = Shape.of(da);
        Shape sb = r.nextInt(5) == 0 ? Shape.of(java.util.Arrays.copyOfRange(db, r.nextInt(rank), rank)) : Shape.of(db);
        Tensor a = int8(sa, scale(r, 0.001f, 1f), zeroPoint(r), randomBytes(r, sa.elementCount()));
        Tensor bt = int8(sb, scale(r, 0.001f, 1f), zeroPoint(r), randomBytes(r, sb.elementCount()));
        Node.Builder b = Node.builder("Add")
                .name("add")
                .input(a.type())
                .input(bt.type())
                .attr("output_scale", scale(r, 0.002f, 2f))
                .attr("output_zero_point", zeroPoint(r));
        activation(r, b);
        return new Case(b.build(), new Tensor[] {a, bt});
    }

    private Case pool(Random r, String op) {
        int n = pick(r, 1, 2);
        int h = 1 + r.nextInt(12);
        int w = 1 + r.nextInt(12);
        int c = pick(r, 1, 3, 16, 17, 64, 300);
        int kH = 1 + r.nextInt(4);
        int kW = 1 + r.nextInt(4);
        float s = scale(r, 0.01f, 0.5f);
        long zp = zeroPoint(r);
        Tensor x = int8(Shape.of(n, h, w, c), s, zp, randomBytes(r, n * h * w * c));
        Node.Builder b = Node.builder(op)
                .name("pool")
                .input(x.type())
                .attr("data_format", "NHWC")
                .attr("kernel_shape", kH, kW);
        window(r, b, kH, kW, false);
        activation(r, b);
        if (r.nextBoolean()) {
            b.attr("output_scale", s).attr("output_zero_point", zp);
        }
        return new Case(b.build(), new Tensor[] {x});
    }

    private Case softmax(Random r) {
        int rows = 1 + r.nextInt(6);
        int depth = pick(r, 1, 2, 10, 100, 1001);
        float s = r.nextInt(6) == 0 ? scale(r, 0.5f, 20f) : scale(r, 0.01f, 0.5f);
        Tensor x = int8(Shape.of(rows, depth), s, zeroPoint(r), randomBytes(r, rows * depth));
        Node.Builder b = Node.builder("Softmax").name("softmax").input(x.type());
        if (r.nextInt(3) == 0) {
            b.attr("beta", 0.25f + 2 * r.nextFloat());
        }
        return new Case(b.build(), new Tensor[] {x});
    }

    private Case mean(Random r) {
        int rank = 1 + r.nextInt(4);
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = pick(r, 1, 2, 3, 5, 7, 16, 33);
        }
        if (r.nextInt(8) == 0) {
            rank = 4;
            dims = new int[] {1, 7, 7, 1280};
        }
        List<Long> axes = new ArrayList<>();
        int mask = rank == 4 && r.nextBoolean() ? 0b0110 : r.nextInt(1 << rank);
        boolean negative = r.nextInt(4) == 0;
        for (int d = 0; d < rank; d++) {
            if ((mask & (1 << d)) != 0) {
                axes.add(negative ? (long) (d - rank) : (long) d);
            }
        }
        Shape shape = Shape.of(dims);
        float sx = scale(r, 0.002f, 0.5f);
        Tensor x = int8(shape, sx, zeroPoint(r), randomBytes(r, shape.elementCount()));
        Node.Builder b = Node.builder("ReduceMean").name("mean").input(x.type());
        long[] a = axes.stream().mapToLong(Long::longValue).toArray();
        Tensor axesTensor = null;
        if (r.nextBoolean()) {
            axesTensor = Tensor.ofLongs(Shape.of(a.length), a);
            b.constantInput(axesTensor);
        } else if (a.length > 0) {
            b.attr("axes", axes.stream().mapToInt(Long::intValue).toArray());
        }
        b.attr("keepdims", (long) r.nextInt(2));
        if (r.nextInt(5) != 0) {
            b.attr("output_scale", sx * new float[] {1f, 0.5f, 2f, 0.13f, 0.01f}[r.nextInt(5)])
                    .attr("output_zero_point", zeroPoint(r));
        }
        return new Case(b.build(), axesTensor == null ? new Tensor[] {x} : new Tensor[] {x, axesTensor});
    }

    private Case transpose(Random r) {
        int rank = r.nextInt(7);
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = pick(r, 1, 2, 3, 4, 5, 17, 40);
        }
        if (r.nextInt(4) == 0) {
            rank = 4;
            dims = new int[] {1, 3, 8 + r.nextInt(30), 8 + r.nextInt(30)};
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, r);
        int[] perm = order.stream().mapToInt(Integer::intValue).toArray();
        if (rank == 4 && dims[1] == 3 && r.nextBoolean()) {
            perm = new int[] {0, 2, 3, 1};
        }
        Shape shape = Shape.of(dims);
        Tensor x = int8(shape, scale(r, 0.002f, 0.5f), zeroPoint(r), randomBytes(r, shape.elementCount()));
        Node.Builder b = Node.builder("Transpose").name("transpose").input(x.type());
        if (r.nextInt(5) != 0) {
            b.attr("perm", perm);
        }
        return new Case(b.build(), new Tensor[] {x});
    }
}
