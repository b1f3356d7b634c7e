package dev.vela.samples.signal.dsp;

/**
 * SignalWindow: multiplies each frame by a fixed-point window and shifts right, saturating to int16
 * (TFLite Micro {@code signal/src/window.cc}, {@code signal/micro/kernels/window.cc}).
 */
public final class Window {
    private Window() {}

    /**
     * Applies {@code weights} to every consecutive frame of {@code weights.length} samples of {@code input}.
     *
     * @param input   int16 samples; its length is a multiple of the window length
     * @param weights the int16 window
     * @param shift   right shift applied to each 32-bit product
     * @param output  receives {@code input.length} samples
     */
    public static void apply(short[] input, short[] weights, int shift, short[] output) {
        int frame = weights.length;
        if (frame == 0 || input.length % frame != 0 || output.length < input.length) {
            throw new IllegalArgumentException("input of " + input.length + " samples is not a whole number of " + frame
                    + "-sample windows, or the output (" + output.length + ") is shorter");
        }
        for (int start = 0; start < input.length; start += frame) {
            for (int i = 0; i < frame; i++) {
                int raw = (input[start + i] * weights[i]) >> shift;
                output[start + i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, raw));
            }
        }
    }
}
