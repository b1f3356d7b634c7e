package dev.vela.samples.nativefp32;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.FusedActivation;
import java.util.List;

/**
 * ONNX Gemm in float32 where B is constant (the weights of a fully connected layer):
 * {@code Y = activation(alpha * A x B' + beta * C)}, run as rows of A against B packed once in prepare.
 * A [M, K] (no {@code transA}), B [K, N] or [N, K] with {@code transB}, C absent or constant and broadcast along
 * rows ([N], [1, N], [1] or a scalar; folded into the packed bias), any alpha and beta. Refused, with the reason:
 * a transposed A, a B known only at run time, a C with more than one row.
 *
 * <p>MatMul is not claimed: the kit's MatMul cases almost all have B known only at run time, batched or 1-D
 * operands, which this kernel does not take, so the claim would certify nothing (ONNX MatMul + Add with constant
 * weights becomes this Gemm under the runtime's optimisation).
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
    record Spec(
            int rows,
            int k,
            int n,
            boolean transB,
            float alpha,
            float beta,
            FusedActivation activation,
            TensorType output) {}

    FullyConnectedFactory(Isa isa) {
        super("Gemm", isa, Layout.ANY);
    }

    @Override
    Spec analyze(Node node) {
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
            throw new InvalidNodeException(
                    node, "inner dimensions differ: A is " + m + "x" + k + ", B' is " + kb + "x" + n);
        }
        if (node.inputValue(1).isEmpty()) {
            throw new InvalidNodeException(node, "B must be constant: this kernel packs it at prepare time");
        }
        float beta = node.attributes().getFloat("beta", 1f);
        if (node.hasInput(2) && beta != 0f) {
            int[] c = NodeRules.float32(node, 2).shape().dims();
            boolean oneRow = c.length == 0
                    || (c.length == 1 && (c[0] == n || c[0] == 1))
                    || (c.length == 2 && c[0] == 1 && (c[1] == n || c[1] == 1));
            if (!oneRow) {
                throw new InvalidNodeException(
                        node,
                        "C " + Shape.of(c) + " must be one row broadcast to [" + m + "x" + n
                                + "] ([N], [1, N], [1] or a scalar) for the native kernel");
            }
            if (node.inputValue(2).isEmpty()) {
                throw new InvalidNodeException(node, "C must be constant: this kernel folds it into the packed bias");
            }
        }
        // beta 0: C is not read (as in the reference and BLAS), so an infinite or NaN C adds nothing
        return new Spec(
                m,
                k,
                n,
                tb,
                node.attributes().getFloat("alpha", 1f),
                node.hasInput(2) ? beta : 0f,
                NodeRules.clampActivation(node),
                TensorType.of(DataType.FLOAT32, m, n));
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
        long plan = Fp32Native.fp32_fc_create(
                isa().code(),
                s.k(),
                s.n(),
                b,
                s.transB() ? 1 : 0,
                bias,
                s.alpha(),
                s.beta(),
                s.activation().low(),
                s.activation().high());
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
        void run(long handle, long[] inputs, long output, long scratch, int threads) {
            int shares = Threads.shares(threads, flops, rows);
            if (shares == 1) {
                Fp32Native.fp32_fc_run(handle, inputs[0], output, 0, rows);
                return;
            }
            Threads.run(rows, shares, (share, from, to) -> Fp32Native.fp32_fc_run(handle, inputs[0], output, from, to));
        }
    }
}
