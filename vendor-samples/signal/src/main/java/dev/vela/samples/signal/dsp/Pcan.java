package dev.vela.samples.signal.dsp;

/**
 * SignalPCAN: per-channel energy normalization, an automatic gain control driven by the noise estimate of
 * {@link SpectralSubtraction} (TFLite Micro {@code signal/src/pcan_argc_fixed.cc}). The gain is a piecewise
 * quadratic of the noise estimate read from a lookup table of three coefficients per power-of-two interval; the
 * signal-to-noise ratio then goes through a "shrink" curve ({@code x²/4} below 2, {@code x - 1} above).
 */
public final class Pcan {
    /** Fractional bits of the SNR. */
    static final int SNR_BITS = 12;
    /** Fractional bits of the output. */
    static final int OUTPUT_BITS = 6;
    /** Entries the gain table needs: intervals up to 32 read {@code lut[4*32-6 .. 4*32-4]}. */
    public static final int GAIN_LUT_MIN_LENGTH = 4 * 32 - 6 + 3;

    private Pcan() {}

    /**
     * @param input         uint32 filter-bank channels
     * @param noiseEstimate uint32 per channel
     * @param gainLut       int16 table of at least {@link #GAIN_LUT_MIN_LENGTH} entries
     * @param snrShift      right shift that brings {@code input * gain} to the SNR's 12 fractional bits
     * @param output        uint32 per channel
     */
    public static void apply(int[] input, int[] noiseEstimate, short[] gainLut, int snrShift, int[] output) {
        int channels = input.length;
        if (noiseEstimate.length < channels || output.length < channels) {
            throw new IllegalArgumentException("PCAN of " + channels + " channels got a noise estimate of "
                    + noiseEstimate.length + " and an output of " + output.length);
        }
        if (gainLut.length < GAIN_LUT_MIN_LENGTH) {
            throw new IllegalArgumentException(
                    "PCAN gain_lut holds " + gainLut.length + " entries; it needs " + GAIN_LUT_MIN_LENGTH);
        }
        for (int i = 0; i < channels; i++) {
            // int16 gain widened to uint32 with sign extension, as the C assignment does
            long gain = Bits.u32(wideDynamicFunction(noiseEstimate[i], gainLut));
            int snr = (int) ((Bits.u32(input[i]) * gain) >>> snrShift);
            output[i] = shrink(snr);
        }
    }

    /** The gain for a noise level {@code x} (uint32) from the table's piecewise quadratic. */
    static short wideDynamicFunction(int x, short[] lut) {
        if (Integer.compareUnsigned(x, 2) <= 0) {
            return lut[x];
        }
        int interval = Bits.msb32(x);
        int base = 4 * interval - 6;
        short frac = (short) ((interval < 11 ? x << (11 - interval) : x >>> (interval - 11)) & 0x3FF);
        int result = (lut[base + 2] * frac) >> 5;
        result += lut[base + 1] << 5;
        result *= frac;
        result = (result + (1 << 14)) >> 15;
        result += lut[base];
        return (short) result;
    }

    /** x²/4 below 2, x - 1 from 2 on; input has 12 fractional bits, output 6 (both uint32). */
    static int shrink(int x) {
        if (Integer.compareUnsigned(x, 2 << SNR_BITS) < 0) {
            return (x * x) >>> (2 + 2 * SNR_BITS - OUTPUT_BITS);
        }
        return (x >>> (SNR_BITS - OUTPUT_BITS)) - (1 << OUTPUT_BITS);
    }
}
