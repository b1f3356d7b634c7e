package dev.vela.samples.javacpu.ops;

import dev.vela.samples.javacpu.gemm.BPanels;
import dev.vela.samples.javacpu.gemm.DenseB;
import dev.vela.samples.javacpu.gemm.Epilogue;
import dev.vela.samples.javacpu.gemm.MatrixOut;
import dev.vela.samples.javacpu.gemm.PackedB;
import dev.vela.samples.javacpu.gemm.Sgemm;
import dev.vela.samples.javacpu.support.CpuKernelFactory;
import dev.vela.samples.javacpu.support.NodeRules;
import dev.vela.samples.javacpu.support.Workspace;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.FusedActivation;
import java.util.List;

/**
 * ONNX Gemm in float32: {@code Y = activation(alpha * A' x B' + beta * C)}, A' and B' optionally
 * transposed, C optional and unidirectionally broadcast to [M, N]. A constant B (the usual weights)
 * is packed once at prepare time into the engine's panels, and a constant one-row C (the usual
 * bias) folded into the epilogue; a transposed A is transposed per call so the engine reads rows.
 */
public final class Gemm extends CpuKernelFactory<Gemm.Plan> {

    /**
     * @param m rows of Y
     * @param n columns of Y
     * @param k inner dimension
     * @param transA whether A is stored [K, M]
     * @param transB whether B is stored [N, K]
     * @param alpha product scale
     * @param beta C scale
     * @param cDims C's shape, or null without C
     * @param activation fused clamp
     */
    record Plan(
            int m,
            int n,
            int k,
            boolean transA,
            boolean transB,
            float alpha,
            float beta,
            int[] cDims,
            FusedActivation activation) {}

    /** Creates the factory. */
    public Gemm() {
        super("Gemm", Layout.ANY);
    }

    @Override
    protected Plan plan(Node node) {
        NodeRules.inputs(node, 2, 3);
        Shape a = NodeRules.float32(node, 0).shape();
        Shape b = NodeRules.float32(node, 1).shape();
        if (a.rank() != 2 || b.rank() != 2) {
            throw new InvalidNodeException(node, "A " + a + " and B " + b + " must both have rank 2");
        }
        boolean ta = node.attributes().getLong("transA", 0) != 0;
        boolean tb = node.attributes().getLong("transB", 0) != 0;
        int m = ta ? a.dim(1) : a.dim(0);
        int k = ta ? a.dim(0) : a.dim(1);
        int kb = tb ? b.dim(1) : b.dim(0);
        int n = tb ? b.dim(0) : b.dim(1);
        if (k != kb) {
            throw new InvalidNodeException(
                    node, "inner dimensions differ: A' is " + m + "x" + k + ", B' is " + kb + "x" + n);
        }
        int[] c = null;
        if (node.hasInput(2)) {
            c = NodeRules.float32(node, 2).shape().dims();
            int[] target = {m, n};
            if (c.length > 2) {
                throw new InvalidNodeException(node, "C has rank " + c.length + ", at most 2 allowed");
            }
            for (int i = 0; i < c.length; i++) {
                int t = target[2 - c.length + i];
                if (c[i] != t && c[i] != 1) {
                    throw new InvalidNodeException(
                            node, "C " + Shape.of(c) + " does not broadcast to [" + m + "x" + n + "]");
                }
            }
        }
        float beta = node.attributes().getFloat("beta", 1f);
        // beta 0: C is not read (as in the reference, ONNX's reference and BLAS), so an infinite or NaN C adds nothing
        return new Plan(
                m,
                n,
                k,
                ta,
                tb,
                node.attributes().getFloat("alpha", 1f),
                beta,
                beta == 0f ? null : c,
                NodeRules.clampActivation(node));
    }

    @Override
    protected Kernel build(Node node, Plan plan) {
        PackedB constantB = node.inputValue(1)
                .map(t -> PackedB.of(t.toFloatArray(), 0, plan.k(), plan.n(), plan.transB()))
                .orElse(null);
        // As the reference (and BLAS): with beta 0, C is not read at all, so a NaN or Inf in it does not turn into NaN.
        boolean readsC = plan.cDims() != null && plan.beta() != 0f;
        float[] columnC = null;
        if (readsC && node.inputValue(2).isPresent() && (plan.cDims().length < 2 || plan.cDims()[0] == 1)) {
            // A constant C of one row (the usual bias) becomes a column addend of the epilogue: no pre-fill per call.
            float[] c = node.inputValue(2).get().toFloatArray();
            columnC = new float[plan.n()];
            for (int j = 0; j < columnC.length; j++) {
                columnC[j] = plan.beta() * c[c.length == 1 ? 0 : j];
            }
        }
        return new GemmKernel(plan, constantB, readsC, columnC);
    }

    /** The prepared Gemm; immutable (per-call arrays come from the calling thread's {@link Workspace}). */
    private static final class GemmKernel implements Kernel {
        private final Plan plan;
        private final PackedB constantB;
        private final boolean prefillC;
        private final Epilogue epilogue;
        private final TensorType output;

        GemmKernel(Plan plan, PackedB constantB, boolean readsC, float[] columnC) {
            this.plan = plan;
            this.constantB = constantB;
            this.prefillC = readsC && columnC == null;
            this.epilogue = new Epilogue(plan.alpha(), null, columnC, prefillC, plan.activation());
            this.output = TensorType.of(DataType.FLOAT32, plan.m(), plan.n());
        }

        @Override
        public List<TensorType> outputTypes() {
            return List.of(output);
        }

        @Override
        public void invoke(Invocation inv) {
            int m = plan.m();
            int n = plan.n();
            int k = plan.k();
            float[] a = Workspace.floats(Workspace.INPUT, m * k);
            inv.input(0).floats().get(0, a, 0, m * k);
            if (plan.transA()) {
                a = transpose(a, k, m);
            }
            BPanels b = constantB != null
                    ? constantB
                    : plan.transB()
                            ? new DenseB(inv.input(1).toFloatArray(), 0, k, k, true)
                            : new DenseB(inv.input(1).toFloatArray(), 0, n, k, false);
            float[] y = Workspace.floats(Workspace.OUTPUT, m * n);
            if (prefillC) {
                prefillBetaC(inv.input(2).toFloatArray(), y);
            }
            Sgemm.multiply(m, n, k, a, 0, k, b, new MatrixOut(y, 0, n, 1), epilogue, inv.threads());
            inv.output(0).floats().put(0, y, 0, m * n);
        }

        /** Writes {@code beta * C} broadcast to [M, N], which the product is then added to. */
        private void prefillBetaC(float[] c, float[] y) {
            int m = plan.m();
            int n = plan.n();
            int[] cd = plan.cDims();
            int rows = cd.length == 2 ? cd[0] : 1;
            int cols = cd.length >= 1 ? cd[cd.length - 1] : 1;
            float beta = plan.beta();
            for (int i = 0; i < m; i++) {
                int ci = rows == 1 ? 0 : i * cols;
                for (int j = 0; j < n; j++) {
                    y[i * n + j] = beta * c[ci + (cols == 1 ? 0 : j)];
                }
            }
        }

        private static float[] transpose(float[] src, int rows, int cols) {
            float[] t = new float[rows * cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    t[c * rows + r] = src[r * cols + c];
                }
            }
            return t;
        }
    }
}
