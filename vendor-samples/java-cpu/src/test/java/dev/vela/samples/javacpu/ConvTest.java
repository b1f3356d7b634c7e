package dev.vela.samples.javacpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.samples.javacpu.ops.Conv;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Support;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConvTest {

    private final Conv conv = new Conv();

    /** One randomly drawn convolution; {@code depthwise} forces group = C. */
    private record Case(
            boolean nhwc,
            int n,
            int c,
            int m,
            int h,
            int w,
            int kh,
            int kw,
            int group,
            int[] strides,
            int[] dilations,
            int[] pads,
            String autoPad,
            boolean bias,
            String activation) {

        static Case draw(Random r, boolean depthwise) {
            boolean nhwc = r.nextBoolean();
            int group = depthwise ? 1 + r.nextInt(6) : (r.nextInt(4) == 0 ? 2 : 1);
            int c = depthwise ? group : group * (1 + r.nextInt(5));
            int m = depthwise ? group * (1 + r.nextInt(2)) : group * (1 + r.nextInt(9));
            int kh = 1 + r.nextInt(3);
            int kw = 1 + r.nextInt(3);
            int[] strides = {1 + r.nextInt(2), 1 + r.nextInt(2)};
            int[] dil = r.nextInt(3) == 0 ? new int[] {1 + r.nextInt(2), 1 + r.nextInt(2)} : new int[] {1, 1};
            String[] autos = {"NOTSET", "NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID"};
            String auto = autos[r.nextInt(autos.length)];
            int[] pads = {r.nextInt(2), r.nextInt(3), r.nextInt(2), r.nextInt(2)};
            int h = (kh - 1) * dil[0] + 1 + r.nextInt(8);
            int w = (kw - 1) * dil[1] + 1 + r.nextInt(8);
            String act = new String[] {null, "Relu", "Clip"}[r.nextInt(3)];
            return new Case(
                    nhwc, 1 + r.nextInt(2), c, m, h, w, kh, kw, group, strides, dil, pads, auto, r.nextBoolean(), act);
        }

        Node node(Tensor weights, Tensor biasValue, boolean withActivation) {
            Node.Builder b = Node.builder("Conv")
                    .name("conv_case")
                    .input(TensorType.of(DataType.FLOAT32, nhwc ? Shape.of(n, h, w, c) : Shape.of(n, c, h, w)))
                    .constantInput(weights);
            if (bias) {
                b.constantInput(biasValue);
            }
            b.attr("group", group)
                    .attr("strides", strides)
                    .attr("dilations", dilations)
                    .attr("auto_pad", autoPad);
            if (autoPad.equals("NOTSET")) {
                b.attr("pads", pads);
            }
            if (nhwc) {
                b.attr("data_format", "NHWC");
            }
            if (withActivation && activation != null) {
                b.attr("activation", activation);
                if (activation.equals("Clip")) {
                    b.attr("activation_params", -0.25f, 0.5f);
                }
            }
            return b.build();
        }

        int[] weightDims() {
            return nhwc ? new int[] {m, kh, kw, c / group} : new int[] {m, c / group, kh, kw};
        }
    }

    @Test
    void matchesReferenceOverRandomConvolutions() {
        Random r = new Random(20261120);
        for (int i = 0; i < 120; i++) {
            checkCase(r, Case.draw(r, i % 3 == 0), "case " + i);
        }
    }

    private void checkCase(Random r, Case cs, String what) {
        Tensor x =
                KernelRuns.random(r, cs.nhwc ? new int[] {cs.n, cs.h, cs.w, cs.c} : new int[] {cs.n, cs.c, cs.h, cs.w});
        Tensor w = KernelRuns.random(r, cs.weightDims());
        Tensor b = KernelRuns.random(r, cs.m);
        Node fused = cs.node(w, b, true);
        Node plain = cs.node(w, b, false);
        assertThat(conv.supports(fused).isSupported()).as(what + " " + cs).isTrue();
        Tensor one = KernelRuns.run(conv, fused, 1, x);
        Tensor two = KernelRuns.run(conv, fused, 2, x);
        double[] expected = Expected.of(plain, cs.bias ? new Tensor[] {x, w, b} : new Tensor[] {x, w});
        if ("Relu".equals(cs.activation)) {
            expected = Expected.clamp(expected, 0, Double.POSITIVE_INFINITY);
        } else if ("Clip".equals(cs.activation)) {
            expected = Expected.clamp(expected, -0.25, 0.5);
        }
        Tolerance.assertClose(one, expected, cs.c / cs.group * cs.kh * cs.kw, what + " " + cs);
        Tolerance.assertIdentical(one, two, what + " threads 1 vs 2");
    }

    @Test
    void eachSmallModelPathMatches() {
        Random r = new Random(8);
        for (boolean nhwc : new boolean[] {false, true}) {
            // unit stride through padded planes: mnist's 5x5 layers, then dilation with uneven pads, batch 2
            checkCase(
                    r,
                    new Case(
                            nhwc,
                            1,
                            1,
                            8,
                            28,
                            28,
                            5,
                            5,
                            1,
                            new int[] {1, 1},
                            new int[] {1, 1},
                            new int[] {2, 2, 2, 2},
                            "NOTSET",
                            false,
                            null),
                    "mnist conv1 nhwc=" + nhwc);
            checkCase(
                    r,
                    new Case(
                            nhwc,
                            1,
                            8,
                            16,
                            14,
                            14,
                            5,
                            5,
                            1,
                            new int[] {1, 1},
                            new int[] {1, 1},
                            new int[] {2, 2, 2, 2},
                            "NOTSET",
                            true,
                            "Relu"),
                    "mnist conv2 nhwc=" + nhwc);
            checkCase(
                    r,
                    new Case(
                            nhwc,
                            2,
                            6,
                            10,
                            11,
                            13,
                            3,
                            2,
                            2,
                            new int[] {1, 1},
                            new int[] {2, 3},
                            new int[] {2, 0, 1, 3},
                            "NOTSET",
                            true,
                            null),
                    "dilated uneven pads nhwc=" + nhwc);
            // strided: phase planes (stride 2, with dilation 2 and uneven pads), a VWW-like stem
            checkCase(
                    r,
                    new Case(
                            nhwc,
                            1,
                            3,
                            8,
                            24,
                            24,
                            3,
                            3,
                            1,
                            new int[] {2, 2},
                            new int[] {1, 1},
                            new int[] {0, 0, 1, 1},
                            "NOTSET",
                            true,
                            "Relu"),
                    "stem stride 2 nhwc=" + nhwc);
            checkCase(
                    r,
                    new Case(
                            nhwc,
                            2,
                            4,
                            6,
                            17,
                            19,
                            3,
                            3,
                            1,
                            new int[] {2, 3},
                            new int[] {2, 2},
                            new int[] {1, 2, 2, 0},
                            "NOTSET",
                            true,
                            null),
                    "strides 2x3 dilation 2 nhwc=" + nhwc);
            // more output channels than pixels: NHWC runs the pointwise product pixel-major
            checkCase(
                    r,
                    new Case(
                            nhwc,
                            2,
                            128,
                            96,
                            3,
                            3,
                            1,
                            1,
                            1,
                            new int[] {1, 1},
                            new int[] {1, 1},
                            new int[4],
                            "NOTSET",
                            true,
                            "Clip"),
                    "pointwise 128->96 at 3x3 nhwc=" + nhwc);
            checkCase(
                    r,
                    new Case(
                            nhwc,
                            1,
                            64,
                            80,
                            2,
                            3,
                            1,
                            1,
                            2,
                            new int[] {1, 1},
                            new int[] {1, 1},
                            new int[4],
                            "NOTSET",
                            true,
                            null),
                    "grouped pointwise at 2x3 nhwc=" + nhwc);
            // rows wider than channels: NHWC depthwise goes planar; stride 2 and a channel multiplier too
            checkCase(
                    r,
                    new Case(
                            nhwc,
                            2,
                            8,
                            8,
                            20,
                            20,
                            3,
                            3,
                            8,
                            new int[] {1, 1},
                            new int[] {1, 1},
                            new int[] {1, 1, 1, 1},
                            "NOTSET",
                            true,
                            "Relu"),
                    "narrow depthwise nhwc=" + nhwc);
            checkCase(
                    r,
                    new Case(
                            nhwc,
                            1,
                            4,
                            8,
                            21,
                            19,
                            3,
                            3,
                            4,
                            new int[] {2, 2},
                            new int[] {1, 1},
                            new int[] {0, 1, 1, 0},
                            "NOTSET",
                            false,
                            null),
                    "narrow depthwise stride 2 multiplier 2 nhwc=" + nhwc);
        }
    }

    @Test
    void dilatedWindowsWithPaddingOnOneSideMatch() {
        // Seeds 1, 5 and 8 of the kit found kernel_shape=[1,2], dilations=[1,2], pads=[0,2,0,0] out of bounds in
        // Im2colPanels, a derived seed the same in DepthwiseConvKernel (group 2 of 2 channels); every small width
        // and stride around that geometry, plain and depthwise, in both layouts.
        Random r = new Random(12);
        int[][] paddings = {{0, 2, 0, 0}, {0, 0, 0, 2}, {1, 3, 0, 1}, {0, 4, 0, 0}};
        for (int group : new int[] {1, 2}) {
            for (boolean nhwc : new boolean[] {false, true}) {
                for (int w = 1; w <= 7; w++) {
                    for (int sw = 1; sw <= 3; sw++) {
                        for (int[] pads : paddings) {
                            if (w + pads[1] + pads[3] < 3) {
                                continue; // the dilated window (extent 3) does not fit
                            }
                            checkCase(
                                    r,
                                    new Case(
                                            nhwc,
                                            1,
                                            2,
                                            2 * group,
                                            2,
                                            w,
                                            1,
                                            2,
                                            group,
                                            new int[] {1, sw},
                                            new int[] {1, 2},
                                            pads,
                                            "NOTSET",
                                            true,
                                            null),
                                    "kernel 1x2 dilation 1x2 width " + w
                                            + " stride " + sw + " pads " + java.util.Arrays.toString(pads) + " group "
                                            + group
                                            + " nhwc=" + nhwc);
                        }
                    }
                }
            }
        }
    }

    @Test
    void largeLayersSplitAcrossThreadsAgree() {
        // each large enough (over 2^20 multiply-adds, 2^18 for depthwise) for the kernels to use a second thread
        Random r = new Random(9);
        for (boolean nhwc : new boolean[] {false, true}) {
            checkCase(
                    r,
                    new Case(
                            nhwc,
                            1,
                            16,
                            32,
                            32,
                            32,
                            3,
                            3,
                            1,
                            new int[] {1, 1},
                            new int[] {1, 1},
                            new int[] {1, 1, 1, 1},
                            "NOTSET",
                            true,
                            "Relu"),
                    "3x3 16->32 at 32x32 nhwc=" + nhwc);
            checkCase(
                    r,
                    new Case(
                            nhwc,
                            1,
                            16,
                            64,
                            48,
                            48,
                            3,
                            3,
                            1,
                            new int[] {2, 2},
                            new int[] {1, 1},
                            new int[] {0, 0, 1, 1},
                            "NOTSET",
                            true,
                            null),
                    "3x3 stride 2 16->64 at 48x48 nhwc=" + nhwc);
            checkCase(
                    r,
                    new Case(
                            nhwc,
                            1,
                            64,
                            64,
                            34,
                            34,
                            3,
                            3,
                            64,
                            new int[] {1, 1},
                            new int[] {1, 1},
                            new int[] {1, 1, 1, 1},
                            "NOTSET",
                            true,
                            "Relu"),
                    "depthwise 64 at 34x34 nhwc=" + nhwc);
            checkCase(
                    r,
                    new Case(
                            nhwc,
                            1,
                            256,
                            512,
                            3,
                            3,
                            1,
                            1,
                            1,
                            new int[] {1, 1},
                            new int[] {1, 1},
                            new int[4],
                            "NOTSET",
                            true,
                            null),
                    "pointwise 256->512 at 3x3 nhwc=" + nhwc);
        }
    }

    @Test
    void mobileNetShapedLayersMatch() {
        Random r = new Random(7);
        // pointwise 1x1 (GEMM fast path), 3x3 stride-2 stem and a depthwise 3x3, in both layouts
        for (boolean nhwc : new boolean[] {false, true}) {
            checkCase(
                    r,
                    new Case(
                            nhwc,
                            1,
                            32,
                            64,
                            14,
                            14,
                            1,
                            1,
                            1,
                            new int[] {1, 1},
                            new int[] {1, 1},
                            new int[4],
                            "NOTSET",
                            true,
                            "Relu"),
                    "pointwise nhwc=" + nhwc);
            checkCase(
                    r,
                    new Case(
                            nhwc,
                            1,
                            3,
                            16,
                            17,
                            17,
                            3,
                            3,
                            1,
                            new int[] {2, 2},
                            new int[] {1, 1},
                            new int[] {1, 1, 1, 1},
                            "NOTSET",
                            true,
                            "Clip"),
                    "stem nhwc=" + nhwc);
            checkCase(
                    r,
                    new Case(
                            nhwc,
                            1,
                            24,
                            24,
                            15,
                            15,
                            3,
                            3,
                            24,
                            new int[] {1, 1},
                            new int[] {1, 1},
                            new int[] {1, 1, 1, 1},
                            "NOTSET",
                            true,
                            "Relu"),
                    "depthwise nhwc=" + nhwc);
            checkCase(
                    r,
                    new Case(
                            nhwc,
                            1,
                            64,
                            12,
                            6,
                            7,
                            3,
                            3,
                            1,
                            new int[] {1, 1},
                            new int[] {1, 1},
                            new int[] {1, 1, 1, 1},
                            "NOTSET",
                            true,
                            null),
                    "deep K=576 nhwc=" + nhwc);
            checkCase(
                    r,
                    new Case(
                            nhwc,
                            1,
                            8,
                            16,
                            9,
                            9,
                            3,
                            3,
                            8,
                            new int[] {2, 2},
                            new int[] {1, 1},
                            new int[] {0, 0, 1, 1},
                            "NOTSET",
                            false,
                            null),
                    "depthwise multiplier 2 nhwc=" + nhwc);
        }
    }

    @Test
    void computesAHandWorkedExample() {
        // x = 1..9 in a 3x3 image, w = all ones 2x2, bias 0.5, pads 0: each output sums a 2x2 window
        Tensor w = Tensor.ofFloats(Shape.of(1, 1, 2, 2), 1, 1, 1, 1);
        Node node = Node.builder("Conv")
                .name("c")
                .input(TensorType.of(DataType.FLOAT32, 1, 1, 3, 3))
                .constantInput(w)
                .constantInput(Tensor.ofFloats(Shape.of(1), 0.5f))
                .build();
        Tensor y = KernelRuns.run(conv, node, 1, Tensor.ofFloats(Shape.of(1, 1, 3, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9));
        assertThat(y.shape()).isEqualTo(Shape.of(1, 1, 2, 2));
        assertThat(y.toFloatArray()).containsExactly(12.5f, 16.5f, 24.5f, 28.5f);
    }

    @Test
    void concurrentInvocationsOfOneKernelAgree() throws Exception {
        Random r = new Random(3);
        Case cs = new Case(
                false,
                1,
                8,
                16,
                12,
                12,
                3,
                3,
                1,
                new int[] {1, 1},
                new int[] {1, 1},
                new int[] {1, 1, 1, 1},
                "NOTSET",
                true,
                "Relu");
        Tensor w = KernelRuns.random(r, cs.weightDims());
        Tensor b = KernelRuns.random(r, cs.m);
        Tensor[] xs = new Tensor[6];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = KernelRuns.random(r, 1, 8, 12, 12);
        }
        try (var kernel = conv.prepare(cs.node(w, b, true))) {
            Tensor[] serial = new Tensor[xs.length];
            for (int i = 0; i < xs.length; i++) {
                serial[i] = KernelRuns.invoke(kernel, 1, xs[i]);
            }
            var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
            try {
                var futures = new java.util.ArrayList<java.util.concurrent.Future<Tensor>>();
                for (int rep = 0; rep < 4; rep++) {
                    for (Tensor x : xs) {
                        futures.add(pool.submit(() -> KernelRuns.invoke(kernel, 2, x)));
                    }
                }
                for (int i = 0; i < futures.size(); i++) {
                    Tolerance.assertIdentical(futures.get(i).get(), serial[i % xs.length], "concurrent call " + i);
                }
            } finally {
                pool.shutdown();
            }
            assertThat(kernel.isConcurrent()).isTrue();
        }
    }

    @Test
    void supportsSaysNoWithAReason() {
        Tensor w1d = Tensor.ofFloats(Shape.of(1, 1, 3), 1, 1, 1);
        Node oneD = Node.builder("Conv")
                .name("c1")
                .input(TensorType.of(DataType.FLOAT32, 1, 1, 8))
                .constantInput(w1d)
                .build();
        Support s = conv.supports(oneD);
        assertThat(s.isSupported()).isFalse();
        assertThat(s.reason()).contains("2-D");

        Node runtimeWeights = Node.builder("Conv")
                .name("c2")
                .input(TensorType.of(DataType.FLOAT32, 1, 1, 4, 4))
                .input(TensorType.of(DataType.FLOAT32, 1, 1, 3, 3))
                .build();
        assertThat(conv.supports(runtimeWeights).reason()).contains("constant");

        Node float64 = Node.builder("Conv")
                .name("c3")
                .input(TensorType.of(DataType.FLOAT64, 1, 1, 4, 4))
                .constantInput(Tensor.ofFloats(Shape.of(1, 1, 1, 1), 1))
                .build();
        assertThat(conv.supports(float64).reason()).contains("float32");

        Node badActivation = Node.builder("Conv")
                .name("c4")
                .input(TensorType.of(DataType.FLOAT32, 1, 1, 4, 4))
                .constantInput(Tensor.ofFloats(Shape.of(1, 1, 1, 1), 1))
                .attr("activation", "Gelu")
                .build();
        assertThat(conv.supports(badActivation).reason()).contains("Gelu");
        assertThatThrownBy(() -> conv.prepare(badActivation))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("c4");
    }

    @Test
    void invalidNodesFailNamingTheNode() {
        Tensor w = Tensor.ofFloats(Shape.of(2, 3, 1, 1), 1, 1, 1, 1, 1, 1);
        Node badGroup = Node.builder("Conv")
                .name("bad_group")
                .input(TensorType.of(DataType.FLOAT32, 1, 4, 4, 4))
                .constantInput(w)
                .attr("group", 3)
                .build();
        assertThat(conv.supports(badGroup).isSupported()).isFalse();
        assertThatThrownBy(() -> conv.prepare(badGroup))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("bad_group")
                .hasMessageContaining("group");

        Node wrongChannels = Node.builder("Conv")
                .name("wrong_c")
                .input(TensorType.of(DataType.FLOAT32, 1, 4, 4, 4))
                .constantInput(w)
                .build();
        assertThatThrownBy(() -> conv.prepare(wrongChannels))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("wrong_c");

        Node tooBigKernel = Node.builder("Conv")
                .name("big_k")
                .input(TensorType.of(DataType.FLOAT32, 1, 1, 2, 2))
                .constantInput(Tensor.ofFloats(Shape.of(1, 1, 3, 3), new float[9]))
                .build();
        assertThatThrownBy(() -> conv.prepare(tooBigKernel))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("big_k");

        Node badBias = Node.builder("Conv")
                .name("bad_bias")
                .input(TensorType.of(DataType.FLOAT32, 1, 3, 2, 2))
                .constantInput(w)
                .constantInput(Tensor.ofFloats(Shape.of(3), 1, 2, 3))
                .build();
        assertThatThrownBy(() -> conv.prepare(badBias))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("bias");

        Node badLayout = Node.builder("Conv")
                .name("bad_layout")
                .input(TensorType.of(DataType.FLOAT32, 1, 3, 2, 2))
                .constantInput(w)
                .attr("data_format", "NCWH")
                .build();
        assertThatThrownBy(() -> conv.prepare(badLayout))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("NCWH");
    }
}
