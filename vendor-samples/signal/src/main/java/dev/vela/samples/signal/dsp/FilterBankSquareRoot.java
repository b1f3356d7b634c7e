package dev.vela.samples.signal.dsp;

/**
 * SignalFilterBankSquareRoot: integer square root of each uint64 channel, shifted right by the FFT's scale bits
 * (TFLite Micro {@code signal/src/filter_bank_square_root.cc}, {@code square_root_32.cc}, {@code square_root_64.cc}).
 */
public final class FilterBankSquareRoot {
    private FilterBankSquareRoot() {}

    /**
     * @param input         uint64 channel energies
     * @param scaleDownBits right shift of each root (as on x86, only its low 5 bits count)
     * @param output        uint32 per channel
     */
    public static void apply(long[] input, int scaleDownBits, int[] output) {
        if (output.length < input.length) {
            throw new IllegalArgumentException("output holds " + output.length + " channels, input " + input.length);
        }
        for (int i = 0; i < input.length; i++) {
            output[i] = sqrt64(input[i]) >>> scaleDownBits;
        }
    }

    /**
     * Rounded integer square root of a uint64, as TFLite Micro computes it: values below 2³² take the 32-bit path
     * (whose result is at most 0xFFFF), others a bit-by-bit 64-bit root; the result rounds up when the remainder
     * exceeds the root.
     */
    static int sqrt64(long num) {
        if ((num >>> 32) == 0) {
            return sqrt32((int) num);
        }
        long res = 0;
        int maxBitNumber = (64 - Bits.msb64(num)) | 1;
        long bit = 1L << (63 - maxBitNumber);
        int iterations = (63 - maxBitNumber) / 2 + 1;
        while (iterations-- > 0) {
            if (Long.compareUnsigned(num, res + bit) >= 0) {
                num -= res + bit;
                res = (res >>> 1) + bit;
            } else {
                res >>>= 1;
            }
            bit >>>= 2;
        }
        if (Long.compareUnsigned(num, res) > 0 && res != 0xFFFF_FFFFL) {
            ++res;
        }
        return (int) res;
    }

    /** The 32-bit root; returns a uint16 value. */
    static int sqrt32(int num) {
        if (num == 0) {
            return 0;
        }
        int res = 0;
        int maxBitNumber = (32 - Bits.msb32(num)) | 1;
        int bit = 1 << (31 - maxBitNumber);
        int iterations = (31 - maxBitNumber) / 2 + 1;
        while (iterations-- > 0) {
            if (Integer.compareUnsigned(num, res + bit) >= 0) {
                num -= res + bit;
                res = (res >>> 1) + bit;
            } else {
                res >>>= 1;
            }
            bit >>>= 2;
        }
        if (Integer.compareUnsigned(num, res) > 0 && res != 0xFFFF) {
            ++res;
        }
        return res & 0xFFFF;
    }
}
