package dev.vela.reference.support;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;

/** NumPy-style multidirectional broadcasting, as ONNX defines it. */
public final class Broadcast {

    private Broadcast() {}

    /**
     * @param node the node, named in the error
     * @param shapes the operand shapes
     * @return the broadcast result shape
     * @throws InvalidNodeException if some dimension pair is neither equal nor 1
     */
    public static Shape shape(Node node, Shape... shapes) {
        int rank = 0;
        for (Shape s : shapes) {
            rank = Math.max(rank, s.rank());
        }
        int[] out = new int[rank];
        java.util.Arrays.fill(out, 1);
        boolean[] set = new boolean[rank];
        for (Shape s : shapes) {
            int offset = rank - s.rank();
            for (int i = 0; i < s.rank(); i++) {
                int d = s.dim(i);
                int o = offset + i;
                if (d == 1) {
                    continue;
                }
                if (!set[o] || out[o] == 1) {
                    out[o] = d;
                    set[o] = true;
                } else if (out[o] != d) {
                    throw new InvalidNodeException(
                            node,
                            "shapes " + java.util.Arrays.toString(shapes) + " cannot be broadcast together (dimension "
                                    + o + ": " + out[o] + " vs " + d + ")");
                }
            }
        }
        return Shape.of(out);
    }

    /**
     * For each element of {@code out}, the row-major index of the element of {@code in} it reads
     * after broadcasting. Computed once at prepare time.
     *
     * @param in an operand shape that broadcasts to {@code out}
     * @param out the result shape
     * @return an index per output element
     */
    public static int[] sourceIndices(Shape in, Shape out) {
        int n = out.elementCount();
        int[] result = new int[n];
        int rank = out.rank();
        int offset = rank - in.rank();
        int[] inStrides = in.strides();
        int[] stride = new int[rank];
        for (int i = 0; i < in.rank(); i++) {
            stride[offset + i] = in.dim(i) == 1 ? 0 : inStrides[i];
        }
        int[] counter = new int[rank];
        int[] outDims = out.dims();
        int src = 0;
        for (int k = 0; k < n; k++) {
            result[k] = src;
            for (int d = rank - 1; d >= 0; d--) {
                counter[d]++;
                src += stride[d];
                if (counter[d] < outDims[d]) {
                    break;
                }
                src -= stride[d] * counter[d];
                counter[d] = 0;
            }
        }
        return result;
    }
}
