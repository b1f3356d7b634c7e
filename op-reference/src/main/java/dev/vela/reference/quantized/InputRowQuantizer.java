package dev.vela.reference.quantized;

/**
 * The on-the-fly int8 quantization of float activations that TFLite's dynamic-range ("hybrid") kernels apply to
 * each batch row before their integer arithmetic ({@code tensor_utils::SymmetricQuantizeFloats} and
 * {@code AsymmetricQuantizeFloats} of TFLite 2.20's portable tensor utils), reproduced operation by operation so the
 * quantized values, scale and offset are the same bits TFLite computes.
 *
 * <p>Symmetric: scale = max|x| / 127 (in float), q = round(x * (127 / max|x|)) clamped to [-127, 127]; an all-zero
 * row gets scale 1. Asymmetric: the range [min(0, min x), max(0, max x)] maps onto [-128, 127] with a scale computed
 * in double, a zero point nudged to an integer (the candidate from the end with the smaller error), and
 * q = round(offset + x * (1 / scale)) in float, clamped to [-128, 127]; a zero range gets scale 1, offset 0.
 * Rounding is C's {@code round}: halves away from zero.
 */
final class InputRowQuantizer {

    /**
     * The parameters of one quantized row: {@code real = scale * (q - offset)}.
     *
     * @param scale the row's scale, as the float TFLite stores
     * @param offset the row's zero point (0 when symmetric)
     */
    record RowParameters(float scale, int offset) {}

    private InputRowQuantizer() {}

    /**
     * Quantizes {@code x[from .. from + n)} into {@code q[from .. from + n)}.
     *
     * @param asymmetric whether to use TFLite's asymmetric scheme (else symmetric)
     * @return the row's scale and offset
     */
    static RowParameters quantize(float[] x, int from, int n, int[] q, boolean asymmetric) {
        return asymmetric ? asymmetric(x, from, n, q) : symmetric(x, from, n, q);
    }

    static RowParameters symmetric(float[] x, int from, int n, int[] q) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = from; i < from + n; i++) {
            min = Math.min(min, x[i]);
            max = Math.max(max, x[i]);
        }
        float range = Math.max(Math.abs(min), Math.abs(max));
        if (range == 0) {
            java.util.Arrays.fill(q, from, from + n, 0);
            return new RowParameters(1f, 0);
        }
        float scale = range / 127;
        float inverse = 127 / range;
        for (int i = from; i < from + n; i++) {
            int v = (int) FixedPoint.round(x[i] * inverse);
            q[i] = Math.min(127, Math.max(-127, v));
        }
        return new RowParameters(scale, 0);
    }

    static RowParameters asymmetric(float[] x, int from, int n, int[] q) {
        float lowest = Float.POSITIVE_INFINITY;
        float highest = Float.NEGATIVE_INFINITY;
        for (int i = from; i < from + n; i++) {
            lowest = Math.min(lowest, x[i]);
            highest = Math.max(highest, x[i]);
        }
        double rmin = Math.min(0f, lowest);
        double rmax = Math.max(0f, highest);
        if (rmin == rmax) {
            java.util.Arrays.fill(q, from, from + n, 0);
            return new RowParameters(1f, 0);
        }
        double qmin = -128;
        double qmax = 127;
        double scale = (rmax - rmin) / (qmax - qmin);
        double zeroFromMin = qmin - rmin / scale;
        double zeroFromMax = qmax - rmax / scale;
        double errorFromMin = Math.abs(qmin) + Math.abs(rmin / scale);
        double errorFromMax = Math.abs(qmax) + Math.abs(rmax / scale);
        double zero = errorFromMin < errorFromMax ? zeroFromMin : zeroFromMax;
        int offset;
        if (zero <= qmin) {
            offset = -128;
        } else if (zero >= qmax) {
            offset = 127;
        } else {
            offset = (int) FixedPoint.round(zero);
        }
        float storedScale = (float) scale;
        // 1.0f / scale in float equals TFLite's double division rounded to float: the division is exact enough in
        // double that rounding twice gives the correctly rounded float
        float inverse = 1f / storedScale;
        for (int i = from; i < from + n; i++) {
            int v = (int) FixedPoint.round(offset + x[i] * inverse);
            q[i] = Math.min(127, Math.max(-128, v));
        }
        return new RowParameters(storedScale, offset);
    }
}
