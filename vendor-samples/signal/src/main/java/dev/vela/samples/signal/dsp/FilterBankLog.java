package dev.vela.samples.signal.dsp;

/**
 * SignalFilterBankLog: the natural logarithm of each channel in fixed point, scaled and saturated to int16
 * (TFLite Micro {@code signal/src/filter_bank_log.cc}, {@code signal/src/log.cc}).
 */
public final class FilterBankLog {
    private static final int LOG_SCALE_LOG2 = 16;
    private static final int LOG_SEGMENTS_LOG2 = 7;
    /** ln(2) in 16 fractional bits. */
    private static final long LOG_COEFF = 45426;

    private static final int ROUND = (1 << LOG_SCALE_LOG2) / 2;
    /**
     * Correction of the linear interpolation of log2 between powers of two: entry i is
     * {@code round(65536 * (log2(1 + i/128) - i/128))}, 129 segment ends plus a zero of padding. TFLite Micro ships
     * the table as constants ({@code kLogLut}); computing it gives the same 130 values (see FilterBankLogTest).
     */
    static final int[] LOG_LUT = logLut();

    private FilterBankLog() {}

    /**
     * @param input          uint32 channels
     * @param outputScale    scale of the natural log (uint32 arithmetic, as in C)
     * @param correctionBits left shift applied to each channel first
     * @param output         int16 per channel; 0 where the shifted channel is 0 or 1
     */
    public static void apply(int[] input, int outputScale, int correctionBits, short[] output) {
        if (output.length < input.length) {
            throw new IllegalArgumentException("output holds " + output.length + " channels, input " + input.length);
        }
        for (int i = 0; i < input.length; i++) {
            int scaled = input[i] << correctionBits;
            if (Integer.compareUnsigned(scaled, 1) > 0) {
                int logValue = log32(scaled, outputScale);
                output[i] =
                        (short) (Integer.compareUnsigned(logValue, Short.MAX_VALUE) < 0 ? logValue : Short.MAX_VALUE);
            } else {
                output[i] = 0;
            }
        }
    }

    /** {@code Log32}: {@code outScale * ln(x)} with 16-bit rounding at each step (uint32 arithmetic). */
    static int log32(int x, int outScale) {
        int integer = Bits.msb32(x) - 1;
        int fraction = log2FractionPart(x, integer);
        int log2 = (integer << LOG_SCALE_LOG2) + fraction;
        int loge = (int) ((LOG_COEFF * Bits.u32(log2) + ROUND) >>> LOG_SCALE_LOG2);
        return (outScale * loge + ROUND) >>> LOG_SCALE_LOG2;
    }

    private static int log2FractionPart(int x, int log2x) {
        int frac = (int) (Bits.u32(x) - (1L << log2x));
        if (log2x < LOG_SCALE_LOG2) {
            frac <<= LOG_SCALE_LOG2 - log2x;
        } else {
            frac >>= log2x - LOG_SCALE_LOG2;
        }
        int baseSeg = frac >> (LOG_SCALE_LOG2 - LOG_SEGMENTS_LOG2);
        int segUnit = (1 << LOG_SCALE_LOG2) >> LOG_SEGMENTS_LOG2;
        int c0 = LOG_LUT[baseSeg];
        int c1 = LOG_LUT[baseSeg + 1];
        int segBase = segUnit * baseSeg;
        int relPos = ((c1 - c0) * (frac - segBase)) >> LOG_SCALE_LOG2;
        return frac + c0 + relPos;
    }

    private static int[] logLut() {
        int segments = 1 << LOG_SEGMENTS_LOG2;
        int[] lut = new int[segments + 2];
        for (int i = 0; i <= segments; i++) {
            double t = (double) i / segments;
            double log2 = StrictMath.log1p(t) / StrictMath.log(2);
            lut[i] = (int) Math.round((1 << LOG_SCALE_LOG2) * (log2 - t));
        }
        return lut;
    }
}
