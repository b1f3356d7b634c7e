package dev.vela.reference.quantized;

/**
 * Requantization of an int32 accumulator as TFLite 2.20's reference FULLY_CONNECTED does it (the {@code tflite}
 * numerics flavour): {@code round(acc * s_in * s_w / s_out)} evaluated in double from the float scales, in that order,
 * with one rounding, half away from zero. TFLite Micro instead multiplies by a 31-bit fixed-point multiplier and
 * shifts, rounding twice, which differs by 1 LSB on some accumulators (issue 16's reproducer: x scale 0.035405684,
 * W {3, 18} scale 0.053500395, y scale 0.013730743).
 */
final class DoubleRequantization {

    private final double inputScale;
    private final float[] weightScales;
    private final double outputScale;

    /**
     * @param inputScale the input's scale
     * @param weightScales one weight scale per output channel
     * @param outputScale the output's scale
     */
    DoubleRequantization(float inputScale, float[] weightScales, float outputScale) {
        this.inputScale = inputScale;
        this.weightScales = weightScales.clone();
        this.outputScale = outputScale;
    }

    /**
     * @param acc the accumulator, bias included (int64 for int16x8 with an int64 bias; exact in double below 2^53)
     * @param channel the output channel
     * @return the rounded value before the output zero point, saturated to int32 (the output range clamps it further)
     */
    int apply(long acc, int channel) {
        double real = (double) acc * inputScale * (double) weightScales[channel] / outputScale;
        // std::round: half away from zero, exact (floor(x + 0.5) would round 0.49999999999999994 up)
        double magnitude = Math.abs(real);
        double whole = Math.floor(magnitude);
        double rounded = Math.copySign(magnitude - whole >= 0.5 ? whole + 1 : whole, real);
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, rounded));
    }
}
