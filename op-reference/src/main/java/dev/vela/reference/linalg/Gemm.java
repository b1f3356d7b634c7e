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
import dev.vela.spi.NumericsFlavour;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;

/**
 * ONNX Gemm (all opsets): {@code Y = alpha * A' * B' + beta * C}, where {@code A'} and {@code B'}
 * are A and B transposed when {@code transA} / {@code transB} is set, and the optional C is
 * broadcast unidirectionally to {@code [M, N]}. As in ONNX's reference, C is not read when beta
 * is 0. Products accumulate in double and are rounded once to the element type; with the {@code tflite} numerics
 * flavour ({@link NumericsFlavour#of}) a float32 node accumulates in float as TFLite's reference FULLY_CONNECTED
 * does, bias last. The opset-1..6
 * {@code broadcast} attribute is accepted and ignored: unidirectional broadcasting is always allowed.
 */
public final class Gemm extends ReferenceKernelFactory {

    /** Creates the factory. */
    public Gemm() {
        super("Gemm", DataTypes.FLOATS);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 2, 3);
        TensorType a = NodeChecks.dataType(node, 0, DataTypes.FLOATS);
        NodeChecks.sameDataType(node, 0, 1, 2);
        NodeChecks.rank(node, 0, 2);
        NodeChecks.rank(node, 1, 2);
        Shape aShape = a.shape();
        Shape bShape = node.inputType(1).shape();
        boolean transA = node.attributes().getLong("transA", 0) != 0;
        boolean transB = node.attributes().getLong("transB", 0) != 0;
        double alpha = node.attributes().getFloat("alpha", 1f);
        double beta = node.attributes().getFloat("beta", 1f);

        int m = aShape.dim(transA ? 1 : 0);
        int k = aShape.dim(transA ? 0 : 1);
        int kB = bShape.dim(transB ? 1 : 0);
        int n = bShape.dim(transB ? 0 : 1);
        if (k != kB) {
            throw new InvalidNodeException(
                    node,
                    "inner dimensions differ: A " + aShape
                            + (transA ? " (transposed)" : "") + " has K=" + k + " but B " + bShape
                            + (transB ? " (transposed)" : "") + " has K=" + kB);
        }
        Shape outShape = Shape.of(m, n);
        boolean readsC = node.hasInput(2) && beta != 0;
        int[] cIndex = readsC ? biasIndices(node, node.inputType(2).shape(), outShape) : null;

        // Element (i, k) of A' is at i * aRow + k * aCol; element (k, j) of B' at k * bRow + j * bCol.
        int aRow = transA ? 1 : k;
        int aCol = transA ? m : 1;
        int bRow = transB ? 1 : n;
        int bCol = transB ? k : 1;
        Strides strides = new Strides(m, k, n, aRow, aCol, bRow, bCol);
        if (a.dataType() == DataType.FLOAT32 && NumericsFlavour.of(node) == NumericsFlavour.TFLITE) {
            return FunctionKernel.of(
                    TensorType.of(a.dataType(), outShape),
                    inv -> invokeInTfliteOrder(inv, strides, (float) alpha, (float) beta, cIndex));
        }
        return FunctionKernel.of(
                TensorType.of(a.dataType(), outShape), inv -> invoke(inv, strides, alpha, beta, cIndex));
    }

    /** The unidirectional broadcast of C onto {@code [M, N]}, or an error naming both shapes. */
    private static int[] biasIndices(Node node, Shape c, Shape out) {
        boolean ok = c.rank() <= 2;
        for (int i = 1; ok && i <= c.rank(); i++) {
            int d = c.dim(c.rank() - i);
            ok = d == 1 || d == out.dim(out.rank() - i);
        }
        if (!ok) {
            throw new InvalidNodeException(node, "C " + c + " cannot be broadcast to the result shape " + out);
        }
        return Broadcast.sourceIndices(c, out);
    }

    private static void invoke(Invocation inv, Strides s, double alpha, double beta, int[] cIndex) {
        double[] a = Elements.doubles(inv.input(0));
        double[] b = Elements.doubles(inv.input(1));
        double[] y = new double[s.m * s.n];
        for (int i = 0; i < s.m; i++) {
            int yRow = i * s.n;
            for (int kk = 0; kk < s.k; kk++) {
                double av = a[i * s.aRow + kk * s.aCol];
                int bStart = kk * s.bRow;
                for (int j = 0; j < s.n; j++) {
                    y[yRow + j] += av * b[bStart + j * s.bCol];
                }
            }
        }
        double[] c = cIndex == null ? null : Elements.doubles(inv.input(2));
        for (int idx = 0; idx < y.length; idx++) {
            y[idx] *= alpha;
            if (c != null) {
                y[idx] += beta * c[cIndex[idx]];
            }
        }
        Elements.putDoubles(inv.output(0), y);
    }

    /**
     * TFLite 2.20's {@code reference_ops::FullyConnected} (fully_connected.h): per output element one float
     * accumulator from zero over K in order, then the bias added once in float. A dynamic-range layer downstream
     * quantizes this on the fly, so it must be the same bits. {@code alpha} and {@code beta}, which FULLY_CONNECTED
     * does not have, apply in float when they are not 1.
     */
    private static void invokeInTfliteOrder(Invocation inv, Strides s, float alpha, float beta, int[] cIndex) {
        float[] a = Elements.floats(inv.input(0));
        float[] b = Elements.floats(inv.input(1));
        float[] c = cIndex == null ? null : Elements.floats(inv.input(2));
        float[] y = new float[s.m * s.n];
        for (int i = 0; i < s.m; i++) {
            for (int j = 0; j < s.n; j++) {
                float total = 0f;
                for (int kk = 0; kk < s.k; kk++) {
                    total += a[i * s.aRow + kk * s.aCol] * b[kk * s.bRow + j * s.bCol];
                }
                int idx = i * s.n + j;
                if (alpha != 1f) {
                    total *= alpha;
                }
                if (c != null) {
                    total += beta == 1f ? c[cIndex[idx]] : beta * c[cIndex[idx]];
                }
                y[idx] = total;
            }
        }
        Elements.put(inv.output(0), y);
    }

    /** Sizes and element strides of the two operands as the product reads them. */
    private record Strides(int m, int k, int n, int aRow, int aCol, int bRow, int bCol) {}
}
