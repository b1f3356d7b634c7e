package dev.vela.samples.nativefp32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.vela.conformance.tolerance.Comparison;
import dev.vela.conformance.tolerance.TolerancePolicy;
import dev.vela.reference.ReferenceProvider;
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
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every native kernel against the float reference kernel on seeded shapes, on every code path this CPU runs,
 * within the float32 tolerance policy, judged by the kit's own {@link TolerancePolicy#check} (docs/architecture.md):
 * {@code |a - e| <= 1e-5 + rtol |e|}, rtol widened to {@code max(1e-4, 10 eps sqrt(K))} for reductions over K
 * terms, and for sums whose terms cancel {@code |a - e| <= 1e-5 + 10 eps sqrt(K) M}, M being the sum of the terms'
 * magnitudes (the reference run on the inputs' absolute values), as the gate allows. The shapes reach the GEMM tile remainders
 * (rows and columns not multiples of 12/6/4 and 32/16), the im2col blocks (more than 48 pixels), the direct 1x1
 * path, padding on every side, strides, dilations, depthwise channel remainders, NCHW, broadcasts and pooling
 * windows in the padding. The reference refuses a fused activation, so it runs without and the expectation is
 * clamped.
 */
class ReferenceComparisonTest {

    private static final ReferenceProvider REFERENCE = new ReferenceProvider();
    private static final TolerancePolicy POLICY = TolerancePolicy.load();

    /** The operators whose outputs are sums of products or of inputs: the policy's cancellation clause applies. */
    private static final Set<String> SUMS = Set.of("Conv", "Gemm", "MatMul", "FullyConnected", "AveragePool");

    static Stream<Isa> paths() {
        return Arrays.stream(Isa.values())
                .filter(i -> i.ordinal() <= Dispatch.best().ordinal());
    }

    @ParameterizedTest
    @MethodSource("paths")
    void convolutionsMatchTheReference(Isa isa) {
        Random rnd = new Random(20261207L + isa.ordinal());
        NativeFp32Provider provider = new NativeFp32Provider(isa);
        int[][] fixed = {
            // nhwc, c, h, w, m, k, stride, dilation, pad, depthwise
            {1, 3, 13, 11, 37, 3, 2, 1, 1, 0}, // strided stem, 37 outputs: a partial panel
            {1, 16, 9, 9, 16, 1, 1, 1, 0, 0}, // direct 1x1 (81 rows: 6 full AVX-512 tiles + 9)
            {1, 29, 8, 7, 65, 1, 1, 1, 0, 0}, // direct 1x1 with remainders everywhere
            {1, 8, 10, 10, 24, 3, 1, 1, 1, 0}, // 3x3 same: 100 pixels, two im2col blocks and a tail
            {1, 5, 9, 9, 7, 3, 1, 2, 2, 0}, // dilated
            {1, 19, 12, 9, 19, 3, 2, 1, 1, 1}, // depthwise strided, 19 channels: a masked tail
            {1, 48, 7, 7, 48, 3, 1, 1, 1, 1}, // depthwise, 3 full vectors
            {1, 33, 6, 6, 33, 5, 1, 1, 2, 1}, // depthwise 5x5, windows in the padding
            {0, 1, 28, 28, 8, 5, 1, 1, 2, 0}, // mnist-8 conv 1 (NCHW)
            {0, 8, 14, 14, 16, 5, 1, 1, 2, 0}, // mnist-8 conv 2 (NCHW)
            {0, 5, 9, 11, 37, 3, 1, 1, 1, 0}, // NCHW planes, 37 outputs: two weight blocks of 16 and a tail of 5
            {0, 2, 6, 40, 23, 3, 1, 1, 1, 0}, // NCHW planes, rows of 40 (16 + 16 + 8), 23 outputs
            {0, 3, 5, 9, 9, 5, 1, 1, 4, 0}, // NCHW planes, padding wider than the row: lanes empty at both ends
            {0, 6, 7, 9, 13, 1, 1, 1, 0, 0}, // NCHW 1x1 (im2col gather)
            {0, 4, 9, 8, 5, 3, 2, 1, 0, 0}, // NCHW strided, no padding
            {1, 3, 40, 38, 8, 3, 2, 1, 1, 0}, // 3-channel stride-2 stem: runs of 8 pixels in place (AVX-512)
            {1, 4, 6, 21, 16, 3, 1, 1, 1, 0}, // 4 channels: two runs of 8 and im2col edges per row
            {1, 2, 7, 30, 40, 5, 1, 1, 2, 0}, // 5x5, 2 channels, two panels of 32 and 16 columns
        };
        List<int[]> cases = new ArrayList<>(Arrays.asList(fixed));
        for (int i = 0; i < 24; i++) {
            boolean depthwise = rnd.nextInt(3) == 0;
            boolean nhwc = depthwise || rnd.nextBoolean();
            int c = 1 + rnd.nextInt(40);
            int k = 1 + rnd.nextInt(3) * 2 - (rnd.nextInt(4) == 0 ? 1 : 0);
            int kk = Math.max(1, k);
            int d = 1 + (rnd.nextInt(5) == 0 ? 1 : 0);
            int span = (kk - 1) * d + 1; // the window fits the input even without padding
            cases.add(new int[] {
                nhwc ? 1 : 0,
                c,
                span + rnd.nextInt(12),
                span + rnd.nextInt(12),
                depthwise ? c : 1 + rnd.nextInt(70),
                kk,
                1 + rnd.nextInt(2),
                d,
                rnd.nextInt(kk),
                depthwise ? 1 : 0
            });
        }
        int index = 0;
        for (int[] cs : cases) {
            boolean nhwc = cs[0] == 1;
            int c = cs[1], h = cs[2], w = cs[3], m = cs[4], k = cs[5], s = cs[6], d = cs[7], pad = cs[8];
            boolean depthwise = cs[9] == 1;
            int batch = index % 5 == 0 ? 2 : 1;
            int cg = depthwise ? 1 : c;
            Tensor weights = random(rnd, nhwc ? new int[] {m, k, k, cg} : new int[] {m, cg, k, k});
            Tensor bias = random(rnd, m);
            Tensor x = random(rnd, nhwc ? new int[] {batch, h, w, c} : new int[] {batch, c, h, w});
            String activation = new String[] {null, "Relu", "Clip"}[index % 3];
            Node plain = convNode(nhwc, x.type(), weights, bias, depthwise ? c : 1, k, s, d, pad, null);
            Node fused = convNode(nhwc, x.type(), weights, bias, depthwise ? c : 1, k, s, d, pad, activation);
            String what =
                    isa + " conv case " + index + " " + Arrays.toString(cs) + " batch " + batch + " " + activation;
            assertThat(factory(provider, "Conv").supports(fused).isSupported())
                    .as(what)
                    .isTrue();
            compare(factory(provider, "Conv"), fused, plain, activation, k * k * cg, what, x, weights, bias);
            index++;
        }
    }

    /**
     * Hybrid (int8-weight) convolutions against the reference's TFLite hybrid Conv: per-tensor weights (symmetric
     * image quantization) and per-channel weights (asymmetric), NHWC and NCHW, the direct 1x1 path, KWS's 10x4
     * stride-2 stem, padding, batch 2, all-zero and offset images, without bias, and fused Relu/Clip.
     */
    @ParameterizedTest
    @MethodSource("paths")
    void hybridConvolutionsMatchTheReference(Isa isa) {
        Random rnd = new Random(31 + isa.ordinal());
        NativeFp32Provider provider = new NativeFp32Provider(isa);
        int[][] cases = {
            // nhwc, c, h, w, m, kh, kw, stride, pad, perChannel, batch, input (0 any, 1 zero, 2 offset, 3 NaN), bias
            {1, 1, 49, 10, 64, 10, 4, 2, 2, 1, 1, 0, 1}, // KWS stem
            {1, 64, 25, 5, 64, 1, 1, 1, 0, 1, 1, 0, 1}, // KWS pointwise: the direct path
            {1, 64, 25, 5, 64, 1, 1, 1, 0, 0, 1, 2, 1}, // per tensor, offset image
            {1, 7, 9, 8, 37, 3, 3, 1, 1, 1, 2, 0, 0}, // im2col blocks, partial panel, batch 2, no bias
            {1, 5, 6, 6, 13, 3, 3, 2, 1, 0, 2, 1, 1}, // all-zero image
            {0, 3, 9, 7, 11, 3, 3, 1, 1, 1, 1, 0, 1}, // NCHW per channel
            {0, 8, 14, 14, 16, 5, 5, 1, 2, 0, 1, 2, 1}, // NCHW per tensor
            {1, 48, 6, 6, 40, 3, 3, 1, 1, 1, 1, 0, 1}, // K = 432: sums of up to 432 x 255 x 127, still exact
            {1, 3, 12, 26, 20, 3, 3, 1, 1, 1, 2, 0, 1}, // runs of 8 pixels in place, per channel, batch 2
            {1, 3, 12, 26, 20, 3, 3, 2, 1, 0, 1, 2, 1}, // the same per tensor, strided
            {1, 9, 5, 5, 12, 3, 3, 1, 1, 1, 2, 3, 1}, // a NaN in the image (per channel): the scalar range path
            {1, 9, 5, 5, 12, 3, 3, 1, 1, 0, 1, 3, 1}, // a NaN in the image (per tensor)
        };
        int index = 0;
        for (int[] cs : cases) {
            boolean nhwc = cs[0] == 1;
            int c = cs[1], h = cs[2], w = cs[3], m = cs[4], kh = cs[5], kw = cs[6], stride = cs[7], pad = cs[8];
            boolean perChannel = cs[9] == 1;
            int batch = cs[10];
            Tensor weights = int8Weights(rnd, nhwc ? new int[] {m, kh, kw, c} : new int[] {m, c, kh, kw}, perChannel);
            Tensor bias = random(rnd, m);
            Tensor x = random(rnd, nhwc ? new int[] {batch, h, w, c} : new int[] {batch, c, h, w});
            for (int i = 0; i < x.elementCount(); i++) {
                x.setDouble(i, cs[11] == 1 ? 0 : cs[11] == 2 ? x.getDouble(i) * 4 + 5 : x.getDouble(i) * 4);
            }
            if (cs[11] == 3) {
                x.setDouble(x.elementCount() / 2, Double.NaN);
            }
            String activation = new String[] {null, "Relu", "Clip"}[index % 3];
            Node plain = hybridConvNode(nhwc, x.type(), weights, cs[12] == 1 ? bias : null, kh, kw, stride, pad, null);
            Node fused =
                    hybridConvNode(nhwc, x.type(), weights, cs[12] == 1 ? bias : null, kh, kw, stride, pad, activation);
            String what = isa + " hybrid conv case " + index + " " + Arrays.toString(cs) + " " + activation;
            assertThat(factory(provider, "Conv").supports(fused).isSupported())
                    .as(what)
                    .isTrue();
            Tensor[] inputs = cs[12] == 1 ? new Tensor[] {x, weights, bias} : new Tensor[] {x, weights};
            compare(factory(provider, "Conv"), fused, plain, activation, kh * kw * c, what, inputs);
            index++;
        }
    }

    /**
     * The AVX-512 path computes NHWC hybrid convolutions in integers (VNNI, where the CPU has it), the AVX2 path in
     * integers too (int16 pairs, vpmaddwd), the portable path as float sums of the integer values; all sums are exact
     * here (K below 2^24 / (255 x 127)), so every path must give the portable path's bits, fused activations, odd K and
     * the per-channel offsets included. (Before the AVX2 integer path the float reference here was AVX2's.)
     */
    @ParameterizedTest
    @MethodSource("paths")
    void hybridConvolutionsEqualTheFloatPathBitForBit(Isa isa) {
        Random rnd = new Random(47);
        NativeFp32Provider floatPath = new NativeFp32Provider(Isa.PORTABLE);
        NativeFp32Provider tested = new NativeFp32Provider(isa);
        int[][] cases = {
            // c, h, w, m, kh, kw, stride, pad, perChannel, input (0 any, 1 offset)
            {1, 49, 10, 64, 10, 4, 2, 2, 1, 0}, // KWS stem: byte im2col, four-byte kernel rows
            {64, 25, 5, 64, 1, 1, 1, 0, 1, 1}, // KWS pointwise, offset image: the column-sum correction
            {64, 25, 5, 64, 1, 1, 1, 0, 0, 0}, // per tensor
            {7, 9, 8, 37, 3, 3, 1, 1, 1, 1}, // K = 63 (not a multiple of 4), partial panel, padding
            {30, 6, 7, 17, 1, 1, 1, 0, 1, 0}, // direct 1x1 with C = 30: the last group of four reads the next pixel
            {31, 5, 7, 17, 1, 1, 1, 0, 1, 1}, // C = 31 (AVX2: the last int16 pair of a pixel reads the next one)
            {3, 12, 26, 20, 3, 3, 2, 1, 0, 0}, // strided 3x3 over 3 channels: int16 im2col rows with odd K = 27
        };
        int index = 0;
        for (int[] cs : cases) {
            int c = cs[0], h = cs[1], w = cs[2], m = cs[3], kh = cs[4], kw = cs[5], stride = cs[6], pad = cs[7];
            Tensor weights = int8Weights(rnd, new int[] {m, kh, kw, c}, cs[8] == 1);
            Tensor bias = random(rnd, m);
            Tensor x = random(rnd, 1, h, w, c);
            for (int i = 0; i < x.elementCount(); i++) {
                x.setDouble(i, cs[9] == 1 ? x.getDouble(i) * 4 + 5 : x.getDouble(i) * 4);
            }
            String activation = new String[] {null, "Relu", "Clip"}[index % 3];
            Node node = hybridConvNode(true, x.type(), weights, bias, kh, kw, stride, pad, activation);
            Tensor expected = run(factory(floatPath, "Conv"), node, 1, x, weights, bias);
            Tensor actual = run(factory(tested, "Conv"), node, 1, x, weights, bias);
            for (int i = 0; i < expected.elementCount(); i++) {
                if (Float.floatToRawIntBits((float) actual.getDouble(i))
                        != Float.floatToRawIntBits((float) expected.getDouble(i))) {
                    fail(isa + " hybrid case " + Arrays.toString(cs) + ": element " + i + " is " + actual.getDouble(i)
                            + ", the float path gives " + expected.getDouble(i));
                }
            }
            index++;
        }
    }

    /** What TFLite's hybrid CONV_2D cannot do is refused with the reason. */
    @ParameterizedTest
    @MethodSource("paths")
    void hybridConvolutionsTheReferenceRefusesAreRefused(Isa isa) {
        Random rnd = new Random(5);
        KernelFactory conv = factory(new NativeFp32Provider(isa), "Conv");
        Tensor weights = int8Weights(rnd, new int[] {4, 3, 3, 4}, false);
        Node dilated = Node.builder("Conv")
                .name("dilated")
                .input(floats(1, 9, 9, 4))
                .constantInput(weights)
                .attr("kernel_shape", 3, 3)
                .attr("dilations", 2, 2)
                .attr("data_format", "NHWC")
                .build();
        assertThat(conv.supports(dilated).reason()).contains("dilation 1 only");
        Node depthwise = Node.builder("Conv")
                .name("depthwise")
                .input(floats(1, 9, 9, 4))
                .constantInput(int8Weights(rnd, new int[] {4, 3, 3, 1}, false))
                .attr("kernel_shape", 3, 3)
                .attr("group", 4)
                .attr("data_format", "NHWC")
                .build();
        assertThat(conv.supports(depthwise).reason()).contains("group 1 only");
    }

    @ParameterizedTest
    @MethodSource("paths")
    void reluMatchesTheReference(Isa isa) {
        Random rnd = new Random(7);
        KernelFactory relu = factory(new NativeFp32Provider(isa), "Relu");
        for (int[] dims : new int[][] {{1, 32, 32, 16}, {3}, {2, 5, 7}}) {
            Tensor x = random(rnd, dims);
            x.setDouble(0, Double.NaN);
            x.setDouble(x.elementCount() - 1, -0.0);
            Node node = Node.builder("Relu").name("relu").input(x.type()).build();
            compare(relu, node, node, null, 1, isa + " relu " + Arrays.toString(dims), x);
        }
    }

    /** Depthwise with 64 channels or more on narrow rows: four channel blocks per pixel, then the remainder. */
    @ParameterizedTest
    @MethodSource("paths")
    void wideDepthwiseMatchesTheReference(Isa isa) {
        Random rnd = new Random(64);
        NativeFp32Provider provider = new NativeFp32Provider(isa);
        for (int[] cs : new int[][] {{80, 6, 5, 1}, {64, 7, 5, 2}, {128, 3, 9, 1}, {64, 25, 5, 1}, {13, 4, 2, 1}}) {
            int c = cs[0], h = cs[1], w = cs[2], s = cs[3];
            Tensor weights = random(rnd, c, 3, 3, 1);
            Tensor bias = random(rnd, c);
            Tensor x = random(rnd, 1, h, w, c);
            Node node = convNode(true, x.type(), weights, bias, c, 3, s, 1, 1, "Relu");
            Node plain = convNode(true, x.type(), weights, bias, c, 3, s, 1, 1, null);
            compare(
                    factory(provider, "Conv"),
                    node,
                    plain,
                    "Relu",
                    9,
                    isa + " depthwise " + Arrays.toString(cs),
                    x,
                    weights,
                    bias);
        }
    }

    /**
     * Calls above the split threshold, cut between two threads at pixel ranges that start and end inside output
     * rows: the in-place runs for few channels, NCHW output planes and a hybrid convolution (each share quantizes
     * the image itself) give the same bits as one thread, which matches the reference.
     */
    @ParameterizedTest
    @MethodSource("paths")
    void splitCallsEqualOneThread(Isa isa) {
        Random rnd = new Random(2);
        KernelFactory conv = factory(new NativeFp32Provider(isa), "Conv");
        // nhwc, c, h, w, m, k, hybrid: each above 2^23 floating-point operations
        int[][] cases = {{1, 3, 97, 95, 32, 3, 0}, {0, 8, 61, 67, 16, 5, 0}, {1, 3, 97, 95, 32, 3, 1}};
        for (int[] cs : cases) {
            boolean nhwc = cs[0] == 1;
            int c = cs[1], h = cs[2], w = cs[3], m = cs[4], k = cs[5];
            boolean hybrid = cs[6] == 1;
            Tensor weights = hybrid
                    ? int8Weights(rnd, new int[] {m, k, k, c}, true)
                    : random(rnd, nhwc ? new int[] {m, k, k, c} : new int[] {m, c, k, k});
            Tensor bias = random(rnd, m);
            Tensor x = random(rnd, nhwc ? new int[] {1, h, w, c} : new int[] {1, c, h, w});
            Node node = hybrid
                    ? hybridConvNode(nhwc, x.type(), weights, bias, k, k, 1, k / 2, null)
                    : convNode(nhwc, x.type(), weights, bias, 1, k, 1, 1, k / 2, null);
            String what = isa + " split " + Arrays.toString(cs);
            Tensor one = run(conv, node, 1, x, weights, bias);
            Tensor two = run(conv, node, 2, x, weights, bias);
            for (int i = 0; i < one.elementCount(); i++) {
                if (Double.compare(one.getDouble(i), two.getDouble(i)) != 0) {
                    fail(what + ": element " + i + " is " + two.getDouble(i) + " with 2 threads, " + one.getDouble(i)
                            + " with 1");
                }
            }
            compare(conv, node, node, null, k * k * c, what, x, weights, bias);
        }
    }

    /** A 1x1 convolution with padding only at the end is not the direct path (found by the gate at one seed). */
    @ParameterizedTest
    @MethodSource("paths")
    void pointwiseConvolutionWithEndPaddingMatchesTheReference(Isa isa) {
        Random rnd = new Random(22);
        NativeFp32Provider provider = new NativeFp32Provider(isa);
        for (int[] pads : new int[][] {{0, 0, 0, 1}, {0, 0, 2, 2}, {0, 0, 1, 0}}) {
            Tensor x = random(rnd, 1, 3, 4, 5);
            Tensor w = random(rnd, 7, 1, 1, 5);
            Tensor b = random(rnd, 7);
            Node node = Node.builder("Conv")
                    .name("pw")
                    .input(x.type())
                    .constantInput(w)
                    .constantInput(b)
                    .attr("kernel_shape", 1, 1)
                    .attr("pads", pads)
                    .attr("data_format", "NHWC")
                    .build();
            compare(
                    factory(provider, "Conv"),
                    node,
                    node,
                    null,
                    5,
                    isa + " 1x1 pads " + Arrays.toString(pads),
                    x,
                    w,
                    b);
        }
    }

    @ParameterizedTest
    @MethodSource("paths")
    void fullyConnectedMatchesTheReference(Isa isa) {
        Random rnd = new Random(7 + isa.ordinal());
        NativeFp32Provider provider = new NativeFp32Provider(isa);
        int[][] shapes = {{1, 640, 128}, {1, 128, 8}, {1, 250, 10}, {3, 67, 45}, {13, 64, 33}, {25, 31, 17}, {1, 5, 1}};
        int index = 0;
        for (int[] sh : shapes) {
            int rows = sh[0], k = sh[1], n = sh[2];
            boolean transB = index % 2 == 0;
            Tensor a = random(rnd, rows, k);
            Tensor b = random(rnd, transB ? new int[] {n, k} : new int[] {k, n});
            Tensor c = index % 3 == 0 ? random(rnd, n) : index % 3 == 1 ? random(rnd, 1, n) : random(rnd, 1);
            float alpha = index % 4 == 3 ? 0.5f : 1f;
            float beta = index % 4 == 2 ? 2f : 1f;
            String activation = new String[] {"Relu", null, "Clip"}[index % 3];
            Node plain = gemmNode(a.type(), b, c, transB, alpha, beta, null);
            Node fused = gemmNode(a.type(), b, c, transB, alpha, beta, activation);
            compare(
                    factory(provider, "Gemm"),
                    fused,
                    plain,
                    activation,
                    k,
                    isa + " gemm " + Arrays.toString(sh),
                    a,
                    b,
                    c);
            index++;
        }
    }

    @ParameterizedTest
    @MethodSource("paths")
    void poolingMatchesTheReference(Isa isa) {
        Random rnd = new Random(11 + isa.ordinal());
        NativeFp32Provider provider = new NativeFp32Provider(isa);
        int index = 0;
        for (String op : List.of("MaxPool", "AveragePool")) {
            for (boolean nhwc : new boolean[] {true, false}) {
                for (int[] g : new int[][] {{2, 2, 0, 0}, {3, 2, 1, 0}, {3, 1, 1, 1}, {6, 1, 0, 0}, {3, 2, 1, 1}}) {
                    int k = g[0], s = g[1], pad = g[2];
                    boolean ceilOrIncludePad = g[3] == 1;
                    Tensor x = random(rnd, nhwc ? new int[] {2, 7, 6, 5} : new int[] {2, 5, 7, 6});
                    Node.Builder b = Node.builder(op)
                            .name("pool")
                            .opset(11)
                            .input(x.type())
                            .attr("kernel_shape", k, k)
                            .attr("strides", s, s)
                            .attr("pads", pad, pad, pad, pad);
                    if (nhwc) {
                        b.attr("data_format", "NHWC");
                    }
                    if (ceilOrIncludePad) {
                        b.attr(op.equals("MaxPool") ? "ceil_mode" : "count_include_pad", 1L);
                    }
                    Node node = b.build();
                    compare(
                            factory(provider, op),
                            node,
                            node,
                            null,
                            k * k,
                            isa + " " + op + " " + Arrays.toString(g) + " nhwc " + nhwc,
                            x);
                    index++;
                }
            }
        }
        assertThat(index).isEqualTo(20);
    }

    /**
     * NCHW pooling works on output rows (AVX-512: 16 columns per register, strides 1 and 2): mnist-8's two pools,
     * rows of more than 16 columns (a second, masked block), windows in the padding on both ends, ceil_mode, NaN
     * taps and a kernel wider than the row path takes.
     */
    @ParameterizedTest
    @MethodSource("paths")
    void nchwPoolingByRowsMatchesTheReference(Isa isa) {
        Random rnd = new Random(13 + isa.ordinal());
        NativeFp32Provider provider = new NativeFp32Provider(isa);
        int[][] cases = {
            // c, h, w, k, stride, pad, ceil_mode / count_include_pad
            {8, 28, 28, 2, 2, 0, 0}, // mnist-8 pool 1
            {16, 14, 14, 3, 3, 0, 0}, // mnist-8 pool 2: short rows at stride 3, pixel by pixel
            {3, 9, 37, 3, 1, 1, 0}, // stride 1, 37 columns: three blocks, the last masked
            {2, 11, 40, 3, 2, 1, 1}, // stride 2, padding on both ends, ceil_mode / count_include_pad
            {2, 6, 23, 4, 2, 2, 0}, // stride 2, kernel 4, pad 2: the first columns' taps in the padding
            {2, 5, 30, 17, 1, 8, 0}, // a kernel wider than 16: pixel by pixel
        };
        for (String op : List.of("MaxPool", "AveragePool")) {
            for (int[] g : cases) {
                Tensor x = random(rnd, 1, g[0], g[1], g[2]);
                x.setDouble(5, Double.NaN);
                x.setDouble(6, -0.0);
                Node.Builder b = Node.builder(op)
                        .name("pool")
                        .opset(11)
                        .input(x.type())
                        .attr("kernel_shape", g[3], g[3])
                        .attr("strides", g[4], g[4])
                        .attr("pads", g[5], g[5], g[5], g[5]);
                if (g[6] == 1) {
                    b.attr(op.equals("MaxPool") ? "ceil_mode" : "count_include_pad", 1L);
                }
                Node node = b.build();
                compare(
                        factory(provider, op),
                        node,
                        node,
                        null,
                        g[3] * g[3],
                        isa + " " + op + " " + Arrays.toString(g),
                        x);
            }
        }
    }

    /**
     * NHWC pooling on AVX-512 keeps 16 channels in a register over the window: KWS's global average (64 channels),
     * 37 channels (two blocks and a masked tail) with windows in the padding, NaN and -0 taps.
     */
    @ParameterizedTest
    @MethodSource("paths")
    void nhwcPoolingOverChannelBlocksMatchesTheReference(Isa isa) {
        Random rnd = new Random(17 + isa.ordinal());
        NativeFp32Provider provider = new NativeFp32Provider(isa);
        int[][] cases = {
            // h, w, c, kh, kw, stride, pad
            {25, 5, 64, 25, 5, 1, 0}, // KWS's AVERAGE_POOL_2D: the whole image
            {7, 9, 37, 3, 3, 2, 1}, // 37 channels, strided, windows in the padding
        };
        for (String op : List.of("MaxPool", "AveragePool")) {
            for (int[] g : cases) {
                Tensor x = random(rnd, 2, g[0], g[1], g[2]);
                x.setDouble(40, Double.NaN);
                x.setDouble(41, -0.0);
                Node node = Node.builder(op)
                        .name("pool")
                        .opset(11)
                        .input(x.type())
                        .attr("kernel_shape", g[3], g[4])
                        .attr("strides", g[5], g[5])
                        .attr("pads", g[6], g[6], g[6], g[6])
                        .attr("data_format", "NHWC")
                        .build();
                compare(
                        factory(provider, op),
                        node,
                        node,
                        null,
                        g[3] * g[4],
                        isa + " " + op + " " + Arrays.toString(g),
                        x);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("paths")
    void addAndMulMatchTheReference(Isa isa) {
        Random rnd = new Random(13 + isa.ordinal());
        NativeFp32Provider provider = new NativeFp32Provider(isa);
        int[][][] shapes = {
            {{1, 8, 8, 16}, {1, 8, 8, 16}}, // the residual Add: one run
            {{1, 8, 28, 28}, {8, 1, 1}}, // mnist's per-channel bias in NCHW
            {{1, 5, 5, 24}, {24}}, // per-channel in NHWC
            {{1}, {3, 4, 5}}, // scalar on the left
            {{2, 1, 3, 1, 5}, {4, 1, 3, 1}}, // broadcasting both ways
        };
        for (String op : List.of("Add", "Mul")) {
            int index = 0;
            for (int[][] sh : shapes) {
                Tensor a = random(rnd, sh[0]);
                Tensor b = random(rnd, sh[1]);
                String activation = index == 2 ? "Relu" : null;
                Node plain = Node.builder(op)
                        .name("bin")
                        .input(a.type())
                        .input(b.type())
                        .build();
                Node.Builder fb = Node.builder(op).name("bin").input(a.type()).input(b.type());
                if (activation != null) {
                    fb.attr("activation", activation);
                }
                Node fused = fb.build();
                compare(
                        factory(provider, op),
                        fused,
                        plain,
                        activation,
                        1,
                        isa + " " + op + " " + Arrays.deepToString(sh),
                        a,
                        b);
                index++;
            }
        }
    }

    /** Runs both, clamps the reference's result for the fused activation and applies the tolerance policy. */
    private static void compare(
            KernelFactory nativeFactory,
            Node fused,
            Node plain,
            String activation,
            int k,
            String what,
            Tensor... inputs) {
        KernelFactory ref = REFERENCE.factories().stream()
                .filter(f -> f.op().equals(plain.op()) && f.supports(plain).isSupported())
                .findFirst()
                .orElseThrow(() -> new AssertionError("the reference does not support " + what));
        Tensor expected = run(ref, plain, 1, inputs);
        Tensor actual = run(nativeFactory, fused, 1, inputs);
        assertThat(actual.shape()).as(what).isEqualTo(expected.shape());
        float lo = "Relu".equals(activation) ? 0 : "Clip".equals(activation) ? -0.25f : Float.NEGATIVE_INFINITY;
        float hi = "Clip".equals(activation) ? 0.5f : Float.POSITIVE_INFINITY;
        FloatBuffer e = expected.floats();
        for (int i = 0; i < e.limit(); i++) {
            // NaN stays NaN (Math.max/min propagate it), as a fused clamp of NaN is NaN in the reference flavour
            e.put(i, Math.min(Math.max(e.get(i), lo), hi));
        }
        Tensor magnitudes = k > 1 && SUMS.contains(plain.op().name()) ? run(ref, plain, 1, absolute(inputs)) : null;
        Comparison c = POLICY.check(actual, expected, plain.op(), Math.max(1, k), magnitudes);
        if (!c.passed()) {
            fail(what + ": " + c.describe());
        }
    }

    /** Copies of the inputs with every float32 element replaced by its magnitude (other types as they are). */
    private static Tensor[] absolute(Tensor... inputs) {
        Tensor[] out = new Tensor[inputs.length];
        for (int n = 0; n < inputs.length; n++) {
            Tensor t = inputs[n];
            if (t == null) {
                continue;
            }
            Tensor copy = Tensor.allocate(t.type());
            copy.copyFrom(t);
            if (t.dataType() == DataType.FLOAT32) {
                FloatBuffer f = copy.floats();
                for (int i = 0; i < f.limit(); i++) {
                    f.put(i, Math.abs(f.get(i)));
                }
            }
            out[n] = copy;
        }
        return out;
    }

    static Tensor run(KernelFactory factory, Node node, int threads, Tensor... inputs) {
        try (Kernel kernel = factory.prepare(node)) {
            List<Tensor> outputs = new ArrayList<>();
            for (TensorType t : kernel.outputTypes()) {
                Tensor out = Tensor.allocate(t);
                ByteBuffer b = out.bytes();
                while (b.hasRemaining()) {
                    b.put((byte) 0x7f); // garbage on entry: a kernel must write every element
                }
                outputs.add(out);
            }
            ByteBuffer scratch =
                    ByteBuffer.allocateDirect(kernel.scratchBytes()).order(ByteOrder.LITTLE_ENDIAN);
            kernel.invoke(Invocation.of(Arrays.asList(inputs), outputs, scratch, threads));
            return outputs.get(0);
        }
    }

    static KernelFactory factory(NativeFp32Provider provider, String op) {
        return provider.factories().stream()
                .filter(f -> f.op().name().equals(op))
                .findFirst()
                .orElseThrow();
    }

    static Node convNode(
            boolean nhwc,
            TensorType x,
            Tensor weights,
            Tensor bias,
            int group,
            int k,
            int stride,
            int dilation,
            int pad,
            String activation) {
        Node.Builder b = Node.builder("Conv")
                .name("conv")
                .input(x)
                .constantInput(weights)
                .constantInput(bias)
                .attr("group", group)
                .attr("kernel_shape", k, k)
                .attr("strides", stride, stride)
                .attr("dilations", dilation, dilation)
                .attr("pads", pad, pad, pad, pad);
        if (nhwc) {
            b.attr("data_format", "NHWC");
        }
        if (activation != null) {
            b.attr("activation", activation);
            if (activation.equals("Clip")) {
                b.attr("activation_params", -0.25f, 0.5f);
            }
        }
        return b.build();
    }

    /** A Gemm node with constant B and C, and the fused activation (Clip: [-0.25, 0.5]) when not null. */
    static Node gemmNode(TensorType a, Tensor b, Tensor c, boolean transB, float alpha, float beta, String activation) {
        Node.Builder n = Node.builder("Gemm")
                .name("gemm")
                .input(a)
                .constantInput(b)
                .constantInput(c)
                .attr("transB", transB ? 1L : 0L)
                .attr("alpha", alpha)
                .attr("beta", beta);
        if (activation != null) {
            n.attr("activation", activation);
            if (activation.equals("Clip")) {
                n.attr("activation_params", -0.25f, 0.5f);
            }
        }
        return n.build();
    }

    private static Node hybridConvNode(
            boolean nhwc,
            TensorType x,
            Tensor weights,
            Tensor bias,
            int kh,
            int kw,
            int stride,
            int pad,
            String activation) {
        Node.Builder b = Node.builder("Conv")
                .name("hybrid")
                .input(x)
                .constantInput(weights)
                .attr("kernel_shape", kh, kw)
                .attr("strides", stride, stride)
                .attr("pads", pad, pad, pad, pad);
        if (bias != null) {
            b.constantInput(bias);
        }
        if (nhwc) {
            b.attr("data_format", "NHWC");
        }
        if (activation != null) {
            b.attr("activation", activation);
            if (activation.equals("Clip")) {
                b.attr("activation_params", -0.25f, 0.5f);
            }
        }
        return b.build();
    }

    /** Symmetric int8 weights in [-127, 127], per tensor or per output channel (axis 0) with differing scales. */
    static Tensor int8Weights(Random rnd, int[] dims, boolean perChannel) {
        int m = dims[0];
        float[] scales = new float[m];
        for (int i = 0; i < m; i++) {
            scales[i] = 0.005f + 0.03f * rnd.nextFloat();
        }
        Quantization q =
                perChannel ? Quantization.perAxis(0, scales, new long[m]) : Quantization.perTensor(scales[0], 0);
        Tensor t = Tensor.allocate(TensorType.quantized(DataType.INT8, Shape.of(dims), q));
        for (int i = 0; i < t.elementCount(); i++) {
            t.setLong(i, rnd.nextInt(255) - 127);
        }
        return t;
    }

    /** A float32 tensor of uniform values in [-1, 1). */
    static Tensor random(Random rnd, int... dims) {
        float[] v = new float[Shape.of(dims).elementCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextFloat() * 2f - 1f;
        }
        return Tensor.ofFloats(Shape.of(dims), v);
    }

    static TensorType floats(int... dims) {
        return TensorType.of(DataType.FLOAT32, dims);
    }
}
