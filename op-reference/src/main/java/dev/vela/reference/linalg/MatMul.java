package dev.vela.reference.linalg;

import dev.vela.reference.support.Broadcast;
import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.Arrays;
import java.util.Set;

/**
 * ONNX MatMul (all opsets), with numpy {@code matmul} semantics: a 1-D A is a row vector and a
 * 1-D B a column vector (their unit dimension is dropped from the result), and the batch
 * dimensions in front of the last two broadcast together. Floating types accumulate in double and
 * round once; 32- and 64-bit integers accumulate in long and wrap to the element width, as numpy
 * does.
 */
public final class MatMul extends ReferenceKernelFactory {

    private static final Set<DataType> TYPES = DataTypes.union(DataTypes.FLOATS, DataTypes.WIDE_INTEGERS);

    /** Creates the factory. */
    public MatMul() {
        super("MatMul", TYPES);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 2, 2);
        TensorType a = NodeChecks.dataType(node, 0, TYPES);
        NodeChecks.sameDataType(node, 0, 1);
        Shape aShape = a.shape();
        Shape bShape = node.inputType(1).shape();
        if (aShape.rank() == 0 || bShape.rank() == 0) {
            throw new InvalidNodeException(node, "operands must have rank >= 1, got A " + aShape + " and B " + bShape);
        }
        boolean aVector = aShape.rank() == 1;
        boolean bVector = bShape.rank() == 1;
        int m = aVector ? 1 : aShape.dim(-2);
        int k = aShape.dim(-1);
        int kB = bVector ? bShape.dim(0) : bShape.dim(-2);
        int n = bVector ? 1 : bShape.dim(-1);
        if (k != kB) {
            throw new InvalidNodeException(
                    node, "inner dimensions differ: A " + aShape + " has K=" + k + " but B " + bShape + " has K=" + kB);
        }
        Shape aBatch = batchOf(aShape);
        Shape bBatch = batchOf(bShape);
        Shape batch = broadcastBatch(node, aShape, bShape, aBatch, bBatch);

        int[] batchDims = batch.dims();
        int[] outDims = Arrays.copyOf(batchDims, batchDims.length + (aVector ? 0 : 1) + (bVector ? 0 : 1));
        int next = batchDims.length;
        if (!aVector) {
            outDims[next++] = m;
        }
        if (!bVector) {
            outDims[next] = n;
        }
        Plan plan = new Plan(m, k, n, Broadcast.sourceIndices(aBatch, batch), Broadcast.sourceIndices(bBatch, batch));
        TensorType out = TensorType.of(a.dataType(), Shape.of(outDims));
        if (a.dataType().isFloatingPoint()) {
            return FunctionKernel.of(out, inv -> invokeDouble(inv, plan));
        }
        return FunctionKernel.of(out, inv -> invokeLong(inv, plan));
    }

    private static Shape batchOf(Shape s) {
        return s.rank() <= 2 ? Shape.scalar() : Shape.of(Arrays.copyOf(s.dims(), s.rank() - 2));
    }

    private static Shape broadcastBatch(Node node, Shape aShape, Shape bShape, Shape aBatch, Shape bBatch) {
        int rank = Math.max(aBatch.rank(), bBatch.rank());
        int[] out = new int[rank];
        for (int i = 1; i <= rank; i++) {
            int da = i <= aBatch.rank() ? aBatch.dim(aBatch.rank() - i) : 1;
            int db = i <= bBatch.rank() ? bBatch.dim(bBatch.rank() - i) : 1;
            if (da != db && da != 1 && db != 1) {
                throw new InvalidNodeException(
                        node,
                        "batch dimensions of A " + aShape + " and B " + bShape + " cannot be broadcast together (" + da
                                + " vs " + db + ")");
            }
            out[rank - i] = da == 1 ? db : da;
        }
        return Shape.of(out);
    }

    private static void invokeDouble(Invocation inv, Plan p) {
        double[] a = Elements.doubles(inv.input(0));
        double[] b = Elements.doubles(inv.input(1));
        double[] y = new double[p.aBatch.length * p.m * p.n];
        for (int batch = 0; batch < p.aBatch.length; batch++) {
            int aBase = p.aBatch[batch] * p.m * p.k;
            int bBase = p.bBatch[batch] * p.k * p.n;
            int yBase = batch * p.m * p.n;
            for (int i = 0; i < p.m; i++) {
                int yRow = yBase + i * p.n;
                for (int kk = 0; kk < p.k; kk++) {
                    double av = a[aBase + i * p.k + kk];
                    int bRow = bBase + kk * p.n;
                    for (int j = 0; j < p.n; j++) {
                        y[yRow + j] += av * b[bRow + j];
                    }
                }
            }
        }
        Elements.putDoubles(inv.output(0), y);
    }

    private static void invokeLong(Invocation inv, Plan p) {
        long[] a = Elements.longs(inv.input(0));
        long[] b = Elements.longs(inv.input(1));
        long[] y = new long[p.aBatch.length * p.m * p.n];
        for (int batch = 0; batch < p.aBatch.length; batch++) {
            int aBase = p.aBatch[batch] * p.m * p.k;
            int bBase = p.bBatch[batch] * p.k * p.n;
            int yBase = batch * p.m * p.n;
            for (int i = 0; i < p.m; i++) {
                int yRow = yBase + i * p.n;
                for (int kk = 0; kk < p.k; kk++) {
                    long av = a[aBase + i * p.k + kk];
                    int bRow = bBase + kk * p.n;
                    for (int j = 0; j < p.n; j++) {
                        y[yRow + j] += av * b[bRow + j];
                    }
                }
            }
        }
        Elements.putLongs(inv.output(0), y);
    }

    /**
     * The matrix sizes and, per output batch, the batch of A and of B it reads.
     */
    private record Plan(int m, int k, int n, int[] aBatch, int[] bBatch) {}
}
