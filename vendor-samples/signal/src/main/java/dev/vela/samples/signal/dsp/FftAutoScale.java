package dev.vela.samples.signal.dsp;

/**
 * SignalFftAutoScale: shifts a frame left as far as its largest magnitude allows, so the fixed-point FFT keeps the
 * most precision, and reports the shift (TFLite Micro {@code signal/src/fft_auto_scale.cc},
 * {@code signal/src/max_abs.cc}).
 */
public final class FftAutoScale {
    private FftAutoScale() {}

    /**
     * Scales {@code input} into {@code output} and returns the number of bits it was shifted by.
     * As in TFLite Micro, an all-zero frame gets 0 bits (its most significant bit counts as 32), and a frame
     * holding -32768 gets 0 bits (its magnitude wraps to -32768 in int16, whose sign-extended MSB is 32).
     */
    public static int apply(short[] input, short[] output) {
        if (output.length < input.length) {
            throw new IllegalArgumentException("output holds " + output.length + " samples, input " + input.length);
        }
        int scaleBits = Math.max(0, 16 - Bits.msb32(maxAbs(input)) - 1);
        for (int i = 0; i < input.length; i++) {
            output[i] = (short) (input[i] * (1 << scaleBits));
        }
        return scaleBits;
    }

    /** TFLite Micro's portable {@code MaxAbs16}: the negation happens in int and is stored back as int16. */
    static short maxAbs(short[] input) {
        short max = 0;
        for (short value : input) {
            if (value > max) {
                max = value;
            } else if (-value > max) {
                max = (short) -value;
            }
        }
        return max;
    }
}
