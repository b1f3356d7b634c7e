package dev.vela.samples.javacpu.ops;

import dev.vela.samples.javacpu.gemm.BPanels;
import dev.vela.samples.javacpu.gemm.DenseB;
import dev.vela.samples.javacpu.gemm.Epilogue;
import dev.vela.samples.javacpu.gemm.MatrixOut;
import dev.vela.samples.javacpu.gemm.PackedB;
import dev.vela.samples.javacpu.gemm.Sgemm;
import dev.vela.samples.javacpu.support.Broadcasting;
import dev.vela.samples.javacpu.support.CpuKernelFactory;
import dev.vela.samples.javacpu.support.NodeRules;
import dev.vela.samples.javacpu.support.Parallel;
import dev.vela.samples.javacpu.support.Workspace;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.FusedActivation;
import java.util.Arrays;
import java.util.List;

/**
 * ONNX MatMul in float32 (numpy matmul): stacks of matrices with broadcast batch dimensions, a 1-D
 * A treated as one row and a 1-D B as one column (that dimension dropped from the result), plus an
 * optional fused activation. A constant B is packed once at prepare time. Many small products are
 * spread over threads by batch; a few large ones use the engine's own split.
 */
public final class MatMul extends CpuKernelFactory<MatMul.Plan> {

    /**
     * @param m rows per product
     * @param n columns per product
     * @param k inner dimension
     * @param batchDims broadcast batch shape
     * @param aStrides A's matrix strides over batchDims (0 where broadcast)
     * @param bStrides B's matrix strides over batchDims
     * @param output the output type
     * @param activation fused clamp
     */
    record Plan(
            int m,
            int n,
            int k,
            int[] batchDims,
            int[] aStrides,
            int[] bStrides,
            TensorType output,
            FusedActivation activation) {}

    /** Creates the factory. */
    public MatMul() {
        super("MatMul", Layout.ANY);
    }

    @Override
    protected Plan plan(Node node) {
        NodeRules.inputs(node, 2, 2);
        int[] a = NodeRules.float32(node, 0).shape().dims();
        int[] b = NodeRules.float32(node, 1).shape().dims();
        if (a.length == 0 || b.length == 0) {
            throw new InvalidNodeException(node, "MatMul operands must have rank >= 1");
        }
        boolean vecA = a.length == 1;
        boolean vecB = b.length == 1;
        int[] a2 = vecA ? new int[] {1, a[0]} : a;
        int[] b2 = vecB ? new int[] {b[0], 1} : b;
        int m = a2[a2.length - 2];
        int k = a2[a2.length - 1];
        int kb = b2[b2.length - 2];
        int n = b2[b2.length - 1];
        if (k != kb) {
            throw new InvalidNodeException(
                    node, "inner dimensions differ: " + Arrays.toString(a) + " x " + Arrays.toString(b));
        }
        int[] aBatch = Arrays.copyOf(a2, a2.length - 2);
        int[] bBatch = Arrays.copyOf(b2, b2.length - 2);
        int[] batch = Broadcasting.shape(node, aBatch, bBatch);
        int[] out = new int[batch.length + (vecA ? 0 : 1) + (vecB ? 0 : 1)];
        System.arraycopy(batch, 0, out, 0, batch.length);
        int at = batch.length;
        if (!vecA) {
            out[at++] = m;
        }
        if (!vecB) {
            out[at] = n;
        }
        return new Plan(
                m,
                n,
                k,
                batch,
                Broadcasting.strides(aBatch, batch.length),
                Broadcasting.strides(bBatch, batch.length),
                TensorType.of(DataType.FLOAT32, Shape.of(out)),
                NodeRules.clampActivation(node));
    }

    @Override
    protected Kernel build(Node node, Plan plan) {
        PackedB[] packed = node.inputValue(1)
                .map(t -> {
                    float[] b = t.toFloatArray();
                    int[] dims = t.shape().dims();
                    int matrices = 1;
                    for (int d = 0; d < dims.length - 2; d++) {
                        matrices *= dims[d];
                    }
                    PackedB[] all = new PackedB[matrices];
                    for (int i = 0; i < matrices; i++) {
                        all[i] = PackedB.of(b, i * plan.k() * plan.n(), plan.k(), plan.n(), false);
                    }
                    return all;
                })
                .orElse(null);
        return new MatMulKernel(plan, packed);
    }

    /** The prepared MatMul; immutable (per-call arrays come from the calling thread's {@link Workspace}). */
    private static final class MatMulKernel implements Kernel {
        private final Plan plan;
        /** Each matrix of a constant B, packed once; null when B comes at run time. */
        private final PackedB[] constantB;

        private final int batches;
        private final Epilogue epilogue;

        MatMulKernel(Plan plan, PackedB[] constantB) {
            this.plan = plan;
            this.constantB = constantB;
            int count = 1;
            for (int d : plan.batchDims()) {
                count *= d;
            }
            this.batches = count;
            this.epilogue = Epilogue.of(plan.activation());
        }

        @Override
        public List<TensorType> outputTypes() {
            return List.of(plan.output());
        }

        @Override
        public void invoke(Invocation inv) {
            Tensor input = inv.input(0);
            float[] a = Workspace.floats(Workspace.INPUT, input.elementCount());
            input.floats().get(0, a, 0, input.elementCount());
            float[] b = constantB != null ? null : inv.input(1).toFloatArray();
            int total = plan.output().elementCount();
            float[] y = Workspace.floats(Workspace.OUTPUT, total);
            long macs = (long) batches * plan.m() * plan.n() * plan.k();
            int threads = macs < Sgemm.PARALLEL_MIN_MACS ? 1 : inv.threads();
            if (batches >= threads) {
                Parallel.forRange(batches, threads, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        product(i, a, b, y, 1);
                    }
                });
            } else {
                for (int i = 0; i < batches; i++) {
                    product(i, a, b, y, threads);
                }
            }
            inv.output(0).floats().put(0, y, 0, total);
        }

        private void product(int batch, float[] a, float[] b, float[] y, int threads) {
            int m = plan.m();
            int n = plan.n();
            int k = plan.k();
            int aMatrix = 0;
            int bMatrix = 0;
            int rest = batch;
            int[] dims = plan.batchDims();
            for (int d = dims.length - 1; d >= 0; d--) {
                int idx = rest % dims[d];
                rest /= dims[d];
                aMatrix += idx * plan.aStrides()[d];
                bMatrix += idx * plan.bStrides()[d];
            }
            BPanels panels = constantB != null ? constantB[bMatrix] : new DenseB(b, bMatrix * k * n, n, k, false);
            Sgemm.multiply(
                    m, n, k, a, aMatrix * m * k, k, panels, new MatrixOut(y, batch * m * n, n, 1), epilogue, threads);
        }
    }
}
