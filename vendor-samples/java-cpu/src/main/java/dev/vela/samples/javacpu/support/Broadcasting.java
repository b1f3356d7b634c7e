package dev.vela.samples.javacpu.support;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;

/** Numpy multidirectional broadcasting of two shapes: the result shape and each operand's strides in it. */
public final class Broadcasting {

    private Broadcasting() {}

    /**
     * @param node the node, named in errors
     * @param a first shape
     * @param b second shape
     * @return the broadcast shape
     * @throws InvalidNodeException if the shapes do not broadcast
     */
    public static int[] shape(Node node, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = dimFromEnd(a, rank - 1 - i);
            int db = dimFromEnd(b, rank - 1 - i);
            if (da != db && da != 1 && db != 1) {
                throw new InvalidNodeException(
                        node,
                        "shapes " + java.util.Arrays.toString(a) + " and " + java.util.Arrays.toString(b)
                                + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * @param dims an operand's shape
     * @param outRank the broadcast rank
     * @return its row-major strides aligned right to {@code outRank} dimensions, 0 where it is broadcast
     */
    public static int[] strides(int[] dims, int outRank) {
        int[] s = new int[outRank];
        int stride = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            int o = outRank - dims.length + i;
            s[o] = dims[i] == 1 ? 0 : stride;
            stride *= dims[i];
        }
        return s;
    }

    private static int dimFromEnd(int[] dims, int fromEnd) {
        int i = dims.length - 1 - fromEnd;
        return i >= 0 ? dims[i] : 1;
    }
}
