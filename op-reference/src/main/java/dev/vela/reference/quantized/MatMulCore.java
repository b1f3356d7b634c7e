package dev.vela.reference.quantized;

import dev.vela.reference.support.Broadcast;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;

/**
 * Integer accumulation of a (batched, broadcast) matrix product
 * {@code acc[..., i, j] = sum_k (a[..., i, k] - aZero[i]) * (b[..., k, j] - bZero[j])}, with B
 * optionally stored transposed ([..., N, K], as TFLite's fully-connected weights). 64-bit sums;
 * 32-bit callers truncate (TFLite's wrapping int32 accumulators).
 */
final class MatMulCore {

    final int rows;
    final int depth;
    final int cols;
    final Shape outputShape;
    private final int[] aBatch;
    private final int[] bBatch;
    private final boolean bTransposed;

    private MatMulCore(
            int rows, int depth, int cols, Shape outputShape, int[] aBatch, int[] bBatch, boolean bTransposed) {
        this.rows = rows;
        this.depth = depth;
        this.cols = cols;
        this.outputShape = outputShape;
        this.aBatch = aBatch;
        this.bBatch = bBatch;
        this.bTransposed = bTransposed;
    }

    static MatMulCore of(Node node, Shape a, Shape b, boolean bTransposed) {
        if (a.rank() < 2 || b.rank() < 2) {
            throw new InvalidNodeException(node, "expects inputs of rank >= 2, got " + a + " and " + b);
        }
        int m = a.dim(a.rank() - 2);
        int k = a.dim(a.rank() - 1);
        int kb = bTransposed ? b.dim(b.rank() - 1) : b.dim(b.rank() - 2);
        int n = bTransposed ? b.dim(b.rank() - 2) : b.dim(b.rank() - 1);
        if (k != kb) {
            throw new InvalidNodeException(
                    node, "inner dimensions differ: " + a + " x " + b + (bTransposed ? " (B transposed)" : ""));
        }
        Shape aB = Shape.of(java.util.Arrays.copyOf(a.dims(), a.rank() - 2));
        Shape bB = Shape.of(java.util.Arrays.copyOf(b.dims(), b.rank() - 2));
        Shape batch = Broadcast.shape(node, aB, bB);
        int[] outDims = java.util.Arrays.copyOf(batch.dims(), batch.rank() + 2);
        outDims[batch.rank()] = m;
        outDims[batch.rank() + 1] = n;
        return new MatMulCore(
                m,
                k,
                n,
                Shape.of(outDims),
                Broadcast.sourceIndices(aB, batch),
                Broadcast.sourceIndices(bB, batch),
                bTransposed);
    }

    /** @return the column (output feature) of each output element */
    int columnOf(int outputIndex) {
        return outputIndex % cols;
    }

    long[] accumulate(int[] a, int[] aZero, int[] b, int[] bZero) {
        long[] acc = new long[aBatch.length * rows * cols];
        int aMat = rows * depth;
        int bMat = depth * cols;
        for (int t = 0; t < aBatch.length; t++) {
            int aBase = aBatch[t] * aMat;
            int bBase = bBatch[t] * bMat;
            int oBase = t * rows * cols;
            for (int i = 0; i < rows; i++) {
                int az = aZero[i];
                for (int j = 0; j < cols; j++) {
                    int bz = bZero[j];
                    long sum = 0;
                    for (int k = 0; k < depth; k++) {
                        int bv = bTransposed ? b[bBase + j * depth + k] : b[bBase + k * cols + j];
                        sum += (long) (a[aBase + i * depth + k] - az) * (bv - bz);
                    }
                    acc[oBase + i * cols + j] = sum;
                }
            }
        }
        return acc;
    }
}
