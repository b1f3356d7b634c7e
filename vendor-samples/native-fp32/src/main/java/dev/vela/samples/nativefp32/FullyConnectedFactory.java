package dev.vela.samples.nativefp32;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * ONNX Gemm and MatMul in float32 where the right-hand side is constant (the weights of a fully connected
 * layer): {@code Y = activation(alpha * A x B' + beta * C)}, run as rows of A against B packed once in prepare.
 *
 * <p>Gemm: A [M, K] (no {@code transA}), B [K, N] or [N, K] with {@code transB}, C absent or constant and
 * broadcast along rows ([N], [1, N], [1] or a scalar; folded into the packed bias), any alpha and beta. MatMul:
 * A of rank 2 or more (its leading dimensions are rows), B constant of rank 2. Refused, with the reason: a
 * transposed A, a B known only at run time, a C with more than one row, batched B.
 */
final class FullyConnectedFactory extends Fp32Factory<FullyConnectedFactory.Spec> {

    /**
     * @param rows rows of A (and Y)
     * @param k inner dimension
     * @param n output columns
     * @param transB whether B is stored [N, K]
     * @param alpha product scale
     * @param beta C scale (0 without C)
     * @param activation fused clamp
     * @param output output type
     */
    record Spec(int rows, int k, int n, boolean transB, float alpha, float beta, FusedActivation activation,
            TensorType output) {
    }

    private final boolean gemm;

    private FullyConnectedFactory(String op, Isa isa) {
        super(op, isa, Layout.ANY);
        this.gemm = op.equals("Gemm");
    }

    /** @return the Gemm factory */
    static FullyConnectedFactory gemm(Isa isa) {
        return new FullyConnectedFactory("Gemm", isa);
    }

    /** @return the MatMul factory */
    static FullyConnectedFactory matMul(Isa isa) {
        return new FullyConnectedFactory("MatMul", isa);
    }

    @Override
    Spec analyze(Node node) {
        return gemm ? analyzeGemm(node) : analyzeMatMul(node);
    }

    private static Spec analyzeGemm(Node node) {
        NodeRules.inputs(node, 2, 3);
        Shape a = NodeRules.float32(node, 0).shape();
        Shape b = NodeRules.float32(node, 1).shape();
        if (a.rank() != 2 || b.rank() != 2) {
            throw new InvalidNodeException(node, "A " + a + " and B " + b + " must both have rank 2");
        }
        if (node.attributes().getLong("transA", 0) != 0) {
            throw new InvalidNodeException(node, "transA=1 has no native kernel (rows of A are read in place)");
        }
        boolean tb = node.attributes().getLong("transB", 0) != 0;
        int m = a.dim(0);
        int k = a.dim(1);
        int kb = tb ? b.dim(1) : b.dim(0);
        int n = tb ? b.dim(0) : b.dim(1);
        if (k != kb) {
            throw new InvalidNodeException(node, "inner dimensions differ: A is " + m + "x" + k + ", B' is " + kb + "x" + n);
        }
        if (node.inputValue(1).isEmpty()) {
            throw new InvalidNodeException(node, "B must be constant: this kernel packs it at prepare time");
        }
        float beta = node.attributes().getFloat("beta", 1f);
        if (node.hasInput(2) && beta != 0f) {
            int[] c = NodeRules.float32(node, 2).shape().dims();
            boolean oneRow = c.length == 0 || (c.length == 1 && (c[0] == n || c[0] == 1))
                    || (c.length == 2 && c[0] == 1 && (c[1] == n || c[1] == 1));
            if (!oneRow) {
                throw new InvalidNodeException(node, "C " + Shape.of(c) + " must be one row broadcast to [" + m + "x" + n
                        + "] ([N], [1, N], [1] or a scalar) for the native kernel");
            }
            if (node.inputValue(2).isEmpty()) {
                throw new InvalidNodeException(node, "C must be constant: this kernel folds it into the packed bias");
            }
        }
        // beta 0: C is not read (as in the reference and BLAS), so an infinite or NaN C adds nothing
        return new Spec(m, k, n, tb, node.attributes().getFloat("alpha", 1f), node.hasInput(2) ? beta : 0f,
                FusedActivation.of(node), TensorType.of(DataType.FLOAT32, m, n));
    }

    private static Spec analyzeMatMul(Node node) {
        NodeRules.inputs(node, 2, 2);
        int[] a = NodeRules.float32(node, 0).shape().dims();
        int[] b = NodeRules.float32(node, 1).shape().dims();
        if (a.length < 2) {
            throw new InvalidNodeException(node, "A of rank " + a.length + " has no native kernel (rank 2 or more)");
        }
        if (b.length != 2) {
            throw new InvalidNodeException(node, "B of rank " + b.length + " has no native kernel (a constant matrix)");
        }
        if (node.inputValue(1).isEmpty()) {
            throw new InvalidNodeException(node, "B must be constant: this kernel packs it at prepare time");
        }
        int k = a[a.length - 1];
        if (b[0] != k) {
            throw new InvalidNodeException(node, "inner dimensions differ: " + Shape.of(a) + " x " + Shape.of(b));
        }
        long rows = 1;
        for (int i = 0; i < a.length - 1; i++) {
            rows *= a[i];
        }
        int[] out = a.clone();
        out[out.length - 1] = b[1];
        return new Spec(Math.toIntExact(rows), k, b[1], false, 1f, 0f, FusedActivation.of(node),
                TensorType.of(DataType.FLOAT32, Shape.of(out)));
    }

    @Override
    Kernel build(Node node, Spec s) {
        float[] b = node.inputValue(1).orElseThrow().toFloatArray();
        float[] bias = null;
        if (s.beta() != 0f) {
            float[] c = node.inputValue(2).orElseThrow().toFloatArray();
            bias = new float[s.n()];
            for (int j = 0; j < bias.length; j++) {
                bias[j] = c[c.length == 1 ? 0 : j];
            }
        }
        long plan = Fp32Native.fp32_fc_create(isa().code(), s.k(), s.n(), b, s.transB() ? 1 : 0, bias, s.alpha(),
                s.beta(), s.activation().low(), s.activation().high());
        return new FcKernel(plan, s, node);
    }

    /** A prepared fully connected layer: work units are rows of A. */
    static final class FcKernel extends NativeKernel {
        private final long rows;
        private final long flops;

        FcKernel(long plan, Spec s, Node node) {
            super(plan, List.of(node.inputType(0)), s.output(), "node '" + node.name() + "'");
            this.rows = s.rows();
            this.flops = 2L * s.rows() * s.k() * s.n();
        }

        @Override
        void run(long handle, ByteBuffer[] inputs, ByteBuffer output, ByteBuffer scratch, int threads) {
            int shares = Threads.shares(threads, flops, rows);
            if (shares == 1) {
                Fp32Native.fp32_fc_run(handle, inputs[0], output, 0, rows);
                return;
            }
            Threads.run(rows, shares, (share, from, to) -> Fp32Native.fp32_fc_run(handle, inputs[0], output, from, to));
        }
    }
}
