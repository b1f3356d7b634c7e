package dev.vela.runtime.tflite;

/**
 * A tensor's {@code QuantizationParameters}: {@code real = scale * (q - zero_point)}, one entry per
 * tensor or one per slice along {@code quantizedDimension}. Arrays are empty when absent.
 *
 * @param scale scales
 * @param zeroPoint zero points (same length as scale when present)
 * @param quantizedDimension the axis the arrays run along when they have more than one entry
 * @param min recorded float minimum (informational)
 * @param max recorded float maximum (informational)
 * @param customDetails whether a custom quantization scheme replaces the fields above
 */
public record TfliteQuantization(
        float[] scale, long[] zeroPoint, int quantizedDimension, float[] min, float[] max, boolean customDetails) {

    /** Whether scales are present, i.e. the tensor holds quantized values. */
    public boolean hasScale() {
        return scale.length > 0;
    }

    /** Whether there is one scale per slice along {@link #quantizedDimension()}. */
    public boolean isPerAxis() {
        return scale.length > 1;
    }
}
