package dev.vela.samples.javacpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.samples.javacpu.ops.Gemm;
import dev.vela.samples.javacpu.ops.MatMul;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GemmMatMulTest {

    private final Gemm gemm = new Gemm();
    private final MatMul matMul = new MatMul();

    @Test
    void gemmMatchesReferenceOverRandomShapesAndAttributes() {
        Random r = new Random(11);
        int[][] cShapes = {null, {}, {1}, {0}, {1, 0}, {0, 1}, {0, 0}};
        for (int i = 0; i < 80; i++) {
            int m = 1 + r.nextInt(i < 60 ? 20 : 90);
            int n = 1 + r.nextInt(i < 60 ? 20 : 300);
            int k = 1 + r.nextInt(i < 60 ? 20 : 200);
            boolean ta = r.nextBoolean();
            boolean tb = r.nextBoolean();
            float alpha = r.nextBoolean() ? 1f : 0.5f + r.nextFloat();
            float beta = r.nextBoolean() ? 1f : r.nextFloat() * 2 - 1;
            int[] cPattern = cShapes[r.nextInt(cShapes.length)];
            Tensor a = KernelRuns.random(r, ta ? new int[] {k, m} : new int[] {m, k});
            Tensor b = KernelRuns.random(r, tb ? new int[] {n, k} : new int[] {k, n});
            Tensor c = null;
            if (cPattern != null) {
                int[] dims = cPattern.clone();
                for (int d = 0; d < dims.length; d++) {
                    // 0 in the pattern stands for "the full extent" of that axis, aligned to the right of [M, N]
                    dims[d] = dims[d] == 0 ? (dims.length - d == 1 ? n : m) : 1;
                }
                c = KernelRuns.random(r, dims);
            }
            String activation = new String[] {null, "Relu", "Clip"}[r.nextInt(3)];
            boolean constantB = r.nextBoolean();
            Node fused = gemmNode(a, b, c, ta, tb, alpha, beta, activation, constantB);
            Node plain = gemmNode(a, b, c, ta, tb, alpha, beta, null, constantB);
            String what = "gemm " + i + " m=" + m + " n=" + n + " k=" + k + " ta=" + ta + " tb=" + tb + " c="
                    + (c == null ? "-" : c.shape());
            assertThat(gemm.supports(fused).isSupported()).as(what).isTrue();
            Tensor[] inputs = c == null ? new Tensor[] {a, b} : new Tensor[] {a, b, c};
            Tensor one = KernelRuns.run(gemm, fused, 1, inputs);
            Tensor two = KernelRuns.run(gemm, fused, 2, inputs);
            double[] expected = Expected.of(plain, inputs);
            expected = "Relu".equals(activation)
                    ? Expected.clamp(expected, 0, Double.POSITIVE_INFINITY)
                    : "Clip".equals(activation) ? Expected.clamp(expected, -1, 1) : expected;
            Tolerance.assertClose(one, expected, k, what);
            Tolerance.assertIdentical(one, two, what + " threads 1 vs 2");
        }
    }

    @Test
    void gemmDeepAndWideSpansSeveralBlocks() {
        // K = 601 spans three K blocks with a remainder of 1; N = 300 spans two column panels; M = 9 leaves one
        // remainder row
        Random r = new Random(13);
        for (int[] mnk : new int[][] {{9, 300, 601}, {5, 257, 256}, {1, 1, 1030}}) {
            Tensor a = KernelRuns.random(r, mnk[0], mnk[2]);
            Tensor b = KernelRuns.random(r, mnk[2], mnk[1]);
            Node node = gemmNode(a, b, null, false, false, 1f, 1f, null, true);
            Tensor one = KernelRuns.run(gemm, node, 1, a, b);
            Tolerance.assertClose(one, Expected.of(node, a, b), mnk[2], "deep gemm " + java.util.Arrays.toString(mnk));
            Tolerance.assertIdentical(one, KernelRuns.run(gemm, node, 2, a, b), "deep gemm threads");
        }
    }

    @Test
    void concurrentGemmInvocationsAgree() throws Exception {
        Random r = new Random(14);
        Tensor b = KernelRuns.random(r, 300, 70);
        Node node = gemmNode(KernelRuns.random(r, 37, 300), b, null, false, false, 1f, 1f, "Relu", true);
        Tensor[] as = new Tensor[5];
        Tensor[] serial = new Tensor[as.length];
        try (var kernel = gemm.prepare(node)) {
            for (int i = 0; i < as.length; i++) {
                as[i] = KernelRuns.random(r, 37, 300);
                serial[i] = KernelRuns.invoke(kernel, 1, as[i], b);
            }
            var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                var futures = new java.util.ArrayList<java.util.concurrent.Future<Tensor>>();
                for (int rep = 0; rep < 4; rep++) {
                    for (Tensor a : as) {
                        futures.add(pool.submit(() -> KernelRuns.invoke(kernel, 2, a, b)));
                    }
                }
                for (int i = 0; i < futures.size(); i++) {
                    Tolerance.assertIdentical(futures.get(i).get(), serial[i % as.length], "concurrent gemm " + i);
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    private static Node gemmNode(
            Tensor a,
            Tensor b,
            Tensor c,
            boolean ta,
            boolean tb,
            float alpha,
            float beta,
            String activation,
            boolean constantB) {
        Node.Builder nb = Node.builder("Gemm").name("gemm_case").input(a.type());
        if (constantB) {
            nb.constantInput(b);
        } else {
            nb.input(b.type());
        }
        if (c != null) {
            nb.input(c.type());
        }
        nb.attr("transA", ta ? 1 : 0)
                .attr("transB", tb ? 1 : 0)
                .attr("alpha", alpha)
                .attr("beta", beta);
        if (activation != null) {
            nb.attr("activation", activation);
            if (activation.equals("Clip")) {
                nb.attr("activation_params", -1f, 1f);
            }
        }
        return nb.build();
    }

    @Test
    void gemmHandWorkedExample() {
        // [[1,2],[3,4]] x [[5,6],[7,8]] = [[19,22],[43,50]]; alpha 2, beta 1, C = [1, -1] per column
        Node node = Node.builder("Gemm")
                .name("g")
                .input(TensorType.of(DataType.FLOAT32, 2, 2))
                .input(TensorType.of(DataType.FLOAT32, 2, 2))
                .input(TensorType.of(DataType.FLOAT32, 2))
                .attr("alpha", 2f)
                .build();
        Tensor y = KernelRuns.run(
                gemm,
                node,
                1,
                Tensor.ofFloats(Shape.of(2, 2), 1, 2, 3, 4),
                Tensor.ofFloats(Shape.of(2, 2), 5, 6, 7, 8),
                Tensor.ofFloats(Shape.of(2), 1, -1));
        assertThat(y.toFloatArray()).containsExactly(39f, 43f, 87f, 99f);
    }

    /** beta 0 leaves C unread (the reference's and BLAS's convention), so an infinite C does not turn Y into NaN. */
    @Test
    void gemmWithBetaZeroDoesNotReadC() {
        for (boolean constantC : new boolean[] {false, true}) {
            Tensor c = Tensor.ofFloats(Shape.scalar(), Float.POSITIVE_INFINITY);
            Node.Builder b = Node.builder("Gemm")
                    .name("g")
                    .input(TensorType.of(DataType.FLOAT32, 1, 2))
                    .input(TensorType.of(DataType.FLOAT32, 2, 1))
                    .attr("beta", 0f);
            if (constantC) {
                b.constantInput(c);
            } else {
                b.input(c.type());
            }
            Tensor y = KernelRuns.run(
                    gemm,
                    b.build(),
                    1,
                    Tensor.ofFloats(Shape.of(1, 2), 1, 2),
                    Tensor.ofFloats(Shape.of(2, 1), 3, 4),
                    c);
            assertThat(y.toFloatArray()).as("constant C: %s", constantC).containsExactly(11f);
        }
    }

    @Test
    void gemmErrorsNameTheNode() {
        Node mismatch = Node.builder("Gemm")
                .name("g_bad")
                .input(TensorType.of(DataType.FLOAT32, 2, 3))
                .input(TensorType.of(DataType.FLOAT32, 2, 3))
                .build();
        assertThat(gemm.supports(mismatch).reason()).contains("inner");
        assertThatThrownBy(() -> gemm.prepare(mismatch))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("g_bad");
        Node badC = Node.builder("Gemm")
                .name("g_c")
                .input(TensorType.of(DataType.FLOAT32, 2, 3))
                .input(TensorType.of(DataType.FLOAT32, 3, 4))
                .input(TensorType.of(DataType.FLOAT32, 3))
                .build();
        assertThatThrownBy(() -> gemm.prepare(badC))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("broadcast");
        Node rank3 = Node.builder("Gemm")
                .name("g_r")
                .input(TensorType.of(DataType.FLOAT32, 1, 2, 3))
                .input(TensorType.of(DataType.FLOAT32, 3, 4))
                .build();
        assertThat(gemm.supports(rank3).isSupported()).isFalse();
    }

    @Test
    void matMulMatchesReferenceWithBatchBroadcasting() {
        Random r = new Random(12);
        int[][][] shapes = {
            {{3, 4}, {4, 5}},
            {{4}, {4, 5}},
            {{3, 4}, {4}},
            {{4}, {4}},
            {{2, 3, 4}, {4, 5}},
            {{3, 4}, {2, 4, 5}},
            {{2, 1, 3, 4}, {3, 4, 6}},
            {{1, 7, 9}, {5, 9, 2}},
            {{2, 3, 0}, {0, 4}},
            {{6, 33, 70}, {6, 70, 130}},
            {{0, 3, 4}, {4, 2}},
            {{1, 129, 65}, {65, 257}},
        };
        for (int i = 0; i < shapes.length; i++) {
            for (boolean constantB : new boolean[] {false, true}) {
                Tensor a = KernelRuns.random(r, shapes[i][0]);
                Tensor b = KernelRuns.random(r, shapes[i][1]);
                Node.Builder nb = Node.builder("MatMul").name("mm").input(a.type());
                Node plain = (constantB ? nb.constantInput(b) : nb.input(b.type())).build();
                Node.Builder fb = Node.builder("MatMul").name("mm").input(a.type());
                Node fused = (constantB ? fb.constantInput(b) : fb.input(b.type()))
                        .attr("activation", "Relu")
                        .build();
                String what = "matmul " + a.shape() + " x " + b.shape();
                Tensor one = KernelRuns.run(matMul, fused, 1, a, b);
                Tensor two = KernelRuns.run(matMul, fused, 2, a, b);
                Tensor ref = KernelRuns.run(Expected.reference(plain).orElseThrow(), plain, 1, a, b);
                assertThat(one.shape()).as(what).isEqualTo(ref.shape());
                int k = shapes[i][0][shapes[i][0].length - 1];
                Tolerance.assertClose(one, Expected.clamp(Tolerance.values(ref), 0, Double.POSITIVE_INFINITY), k, what);
                Tolerance.assertIdentical(one, two, what + " threads 1 vs 2");
            }
        }
    }

    @Test
    void matMulErrors() {
        Node bad = Node.builder("MatMul")
                .name("mm_bad")
                .input(TensorType.of(DataType.FLOAT32, 2, 3))
                .input(TensorType.of(DataType.FLOAT32, 4, 5))
                .build();
        assertThat(matMul.supports(bad).isSupported()).isFalse();
        assertThatThrownBy(() -> matMul.prepare(bad))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("mm_bad");
        Node batches = Node.builder("MatMul")
                .name("mm_b")
                .input(TensorType.of(DataType.FLOAT32, 2, 2, 3))
                .input(TensorType.of(DataType.FLOAT32, 3, 3, 5))
                .build();
        assertThatThrownBy(() -> matMul.prepare(batches))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("broadcast");
        Node scalar = Node.builder("MatMul")
                .name("mm_s")
                .input(TensorType.of(DataType.FLOAT32, Shape.scalar()))
                .input(TensorType.of(DataType.FLOAT32, 3))
                .build();
        assertThat(matMul.supports(scalar).reason()).contains("rank");
    }

    @Test
    void anOverflowingProductGivesTheExactSumsInfinityNotNaN() {
        // 3e38 * 2 and 3e38 * -4 overflow float to +Inf and -Inf, whose float sum is NaN; the exact
        // sum -6e38 rounds to -Inf (the reference accumulates in double), and with -3 to -3e38.
        Tensor a = Tensor.ofFloats(Shape.of(1, 2), 3e38f, 3e38f);
        Tensor toInf = Tensor.ofFloats(Shape.of(2, 2), 2f, 2f, -4f, -3f);
        for (boolean constant : new boolean[] {false, true}) {
            for (int threads : new int[] {1, 2}) {
                Node.Builder mb = Node.builder("MatMul").name("mm_overflow").input(a.type());
                Node mm = (constant ? mb.constantInput(toInf) : mb.input(toInf.type())).build();
                assertThat(KernelRuns.run(matMul, mm, threads, a, toInf).toFloatArray())
                        .as("MatMul constant=" + constant)
                        .containsExactly(Float.NEGATIVE_INFINITY, -3e38f);
                Node.Builder gb = Node.builder("Gemm").name("gemm_overflow").input(a.type());
                Node gm = (constant ? gb.constantInput(toInf) : gb.input(toInf.type()))
                        .attr("alpha", 0.5f)
                        .build();
                // alpha applies to the exact sum: 0.5 * -6e38 = -3e38 is finite again.
                assertThat(KernelRuns.run(gemm, gm, threads, a, toInf).toFloatArray())
                        .as("Gemm constant=" + constant)
                        .containsExactly(-3e38f, -1.5e38f);
            }
        }
    }

    @Test
    void nanAndInfinityInputsPropagateAsInTheExactSum() {
        Tensor a = Tensor.ofFloats(Shape.of(1, 2), Float.POSITIVE_INFINITY, 1f);
        Tensor b = Tensor.ofFloats(Shape.of(2, 3), 1f, 0f, -1f, 5f, 5f, Float.NaN);
        Node mm = Node.builder("MatMul")
                .name("mm_inf")
                .input(a.type())
                .constantInput(b)
                .build();
        // Inf*1 + 5 = Inf; Inf*0 = NaN; Inf*-1 + NaN = NaN
        float[] y = KernelRuns.run(matMul, mm, 1, a, b).toFloatArray();
        assertThat(y[0]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(y[1]).isNaN();
        assertThat(y[2]).isNaN();
    }

    @Test
    void constantCIsAddedScaledByBetaInEveryBroadcastShape() {
        Tensor a = Tensor.ofFloats(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
        Tensor b = Tensor.ofFloats(Shape.of(3, 2), 1, 0, 0, 1, 1, 1);
        // alpha * A x B = 2 * [[4, 5], [10, 11]]
        Object[][] cases = {
            {Tensor.ofFloats(Shape.of(2), 1, -1), 0.5f, new float[] {8.5f, 9.5f, 20.5f, 21.5f}},
            {Tensor.ofFloats(Shape.of(1, 2), 1, -1), 0.5f, new float[] {8.5f, 9.5f, 20.5f, 21.5f}},
            {Tensor.ofFloats(Shape.of(), 4), 0.5f, new float[] {10, 12, 22, 24}},
            {Tensor.ofFloats(Shape.of(2, 1), 1, 3), 1f, new float[] {9, 11, 23, 25}},
            {Tensor.ofFloats(Shape.of(2, 2), 1, 2, 3, 4), -1f, new float[] {7, 8, 17, 18}},
        };
        for (Object[] cs : cases) {
            Tensor c = (Tensor) cs[0];
            for (boolean constantC : new boolean[] {false, true}) {
                Node.Builder nb =
                        Node.builder("Gemm").name("gemm_c").input(a.type()).constantInput(b);
                Node node = (constantC ? nb.constantInput(c) : nb.input(c.type()))
                        .attr("alpha", 2f)
                        .attr("beta", (float) cs[1])
                        .build();
                assertThat(KernelRuns.run(gemm, node, 1, a, b, c).toFloatArray())
                        .as("C " + c.shape() + " constant=" + constantC)
                        .containsExactly((float[]) cs[2]);
            }
        }
    }

    @Test
    void withBetaZeroCIsNotReadSoItsNaNAndInfinityDoNotLeakIn() {
        // Seeds 29 and 42 of the kit: beta 0 with a NaN or Inf in C gave NaN (0 * NaN); the reference, like BLAS,
        // does not read C when beta is 0.
        Tensor a = Tensor.ofFloats(Shape.of(2, 1), 1, 2);
        Tensor b = Tensor.ofFloats(Shape.of(1, 2), 3, 4);
        Tensor[] cs = {
            Tensor.ofFloats(Shape.of(2, 2), 0, Float.NaN, Float.POSITIVE_INFINITY, 0),
            Tensor.ofFloats(Shape.of(2), Float.NaN, Float.NEGATIVE_INFINITY)
        };
        for (Tensor c : cs) {
            for (boolean constantC : new boolean[] {false, true}) {
                Node.Builder nb =
                        Node.builder("Gemm").name("gemm_beta0").input(a.type()).input(b.type());
                Node node = (constantC ? nb.constantInput(c) : nb.input(c.type()))
                        .attr("beta", 0f)
                        .build();
                assertThat(KernelRuns.run(gemm, node, 1, a, b, c).toFloatArray())
                        .as("C " + c.shape() + " constant=" + constantC)
                        .containsExactly(3f, 4f, 6f, 8f);
            }
        }
    }
}
