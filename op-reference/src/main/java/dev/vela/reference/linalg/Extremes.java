package dev.vela.reference.linalg;

/**
 * Position of the maximum or minimum of a lane, with numpy's rules: ties go to the first index
 * (or the last, when asked, as ONNX's {@code select_last_index}); a NaN beats every number, so the
 * first (or last) NaN wins.
 */
final class Extremes {

    private Extremes() {}

    /**
     * @param x the elements
     * @param start flat index of the lane's first element
     * @param n the lane length, at least 1
     * @param stride the distance between lane elements
     * @param max whether to look for the maximum (else the minimum)
     * @param last whether ties go to the last index
     * @return the position in the lane, in {@code [0, n)}
     */
    static int argBest(double[] x, int start, int n, int stride, boolean max, boolean last) {
        int best = 0;
        double bestValue = x[start];
        for (int i = 1; i < n; i++) {
            double v = x[start + i * stride];
            boolean take;
            if (Double.isNaN(bestValue)) {
                take = last && Double.isNaN(v);
            } else if (Double.isNaN(v)) {
                take = true;
            } else {
                take = (max ? v > bestValue : v < bestValue) || (last && v == bestValue);
            }
            if (take) {
                best = i;
                bestValue = v;
            }
        }
        return best;
    }

    /**
     * @param x order-preserving keys (see {@link DataTypes#orderedLongs})
     * @param start flat index of the lane's first element
     * @param n the lane length, at least 1
     * @param stride the distance between lane elements
     * @param max whether to look for the maximum (else the minimum)
     * @param last whether ties go to the last index
     * @return the position in the lane, in {@code [0, n)}
     */
    static int argBest(long[] x, int start, int n, int stride, boolean max, boolean last) {
        int best = 0;
        long bestValue = x[start];
        for (int i = 1; i < n; i++) {
            long v = x[start + i * stride];
            if ((max ? v > bestValue : v < bestValue) || (last && v == bestValue)) {
                best = i;
                bestValue = v;
            }
        }
        return best;
    }
}
