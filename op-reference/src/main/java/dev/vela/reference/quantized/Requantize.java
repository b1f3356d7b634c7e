package dev.vela.reference.quantized;

/** The real-to-fixed-point multiplier computations of TFLite's Prepare functions, in one place. */
final class Requantize {

    private Requantize() {}

    /**
     * Per-channel output multipliers of a convolution or fully-connected layer. TFLite computes
     * {@code double(s_x) * double(s_w[m]) / double(s_y)} for int8 and int16; the legacy uint8 path
     * multiplies the two scales in float first ({@code GetQuantizedConvolutionMultipler}).
     */
    static FixedPoint.Multiplier[] convMultipliers(
            float inputScale, float[] weightScales, float outputScale, boolean legacyUint8) {
        FixedPoint.Multiplier[] out = new FixedPoint.Multiplier[weightScales.length];
        for (int m = 0; m < weightScales.length; m++) {
            double real = legacyUint8
                    ? (double) (inputScale * weightScales[m]) / (double) outputScale
                    : (double) inputScale * (double) weightScales[m] / (double) outputScale;
            out[m] = FixedPoint.quantizeMultiplier(real);
        }
        return out;
    }
}
