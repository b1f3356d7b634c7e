package dev.vela.samples.javacpu.elementwise;

import dev.vela.samples.javacpu.support.Broadcasting;

/**
 * A broadcast of two operands reduced to the fewest dimensions: adjacent dimensions merge while
 * both operands stay contiguous (or both stay broadcast) across them. Same-shape operands become
 * one run; a per-channel operand ([C,1,1] against [N,C,H,W]) becomes N*C runs of H*W over one
 * value. The last merged dimension is the inner run; the rest is walked as "outer" rows.
 */
final class BroadcastLoop {

    final int[] outerDims;
    final int[] aOuterStrides;
    final int[] bOuterStrides;
    final int inner;
    final int aInnerStride;
    final int bInnerStride;
    final int outerCount;

    BroadcastLoop(int[] a, int[] b, int[] out) {
        int rank = out.length;
        int[] sa = Broadcasting.strides(a, rank);
        int[] sb = Broadcasting.strides(b, rank);
        int[] d = new int[rank];
        int[] ma = new int[rank];
        int[] mb = new int[rank];
        int r = 0;
        for (int i = 0; i < rank; i++) {
            if (out[i] == 1) {
                continue;
            }
            if (r > 0 && ma[r - 1] == sa[i] * out[i] && mb[r - 1] == sb[i] * out[i]) {
                d[r - 1] *= out[i];
                ma[r - 1] = sa[i];
                mb[r - 1] = sb[i];
            } else {
                d[r] = out[i];
                ma[r] = sa[i];
                mb[r] = sb[i];
                r++;
            }
        }
        if (r == 0) {
            d[0] = 1;
            r = 1;
        }
        inner = d[r - 1];
        aInnerStride = ma[r - 1];
        bInnerStride = mb[r - 1];
        outerDims = java.util.Arrays.copyOf(d, r - 1);
        aOuterStrides = java.util.Arrays.copyOf(ma, r - 1);
        bOuterStrides = java.util.Arrays.copyOf(mb, r - 1);
        int count = 1;
        for (int x : outerDims) {
            count *= x;
        }
        outerCount = count;
    }

    /**
     * Applies {@code op} to outer rows {@code [from, to)}.
     *
     * @param op the arithmetic
     * @param a left values
     * @param b right values
     * @param o output values
     * @param from first outer row
     * @param to one past the last outer row
     */
    void run(BinaryOp op, float[] a, float[] b, float[] o, int from, int to) {
        for (int row = from; row < to; row++) {
            int ao = 0;
            int bo = 0;
            int rest = row;
            for (int d = outerDims.length - 1; d >= 0; d--) {
                int idx = rest % outerDims[d];
                rest /= outerDims[d];
                ao += idx * aOuterStrides[d];
                bo += idx * bOuterStrides[d];
            }
            op.run(a, ao, aInnerStride, b, bo, bInnerStride, o, row * inner, inner);
        }
    }
}
