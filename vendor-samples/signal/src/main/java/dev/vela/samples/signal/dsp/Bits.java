package dev.vela.samples.signal.dsp;

/** Bit helpers shared by the signal algorithms. */
final class Bits {
    /** Mask that turns a uint32 held in an {@code int} into its value as a {@code long}. */
    static final long UINT32 = 0xFFFF_FFFFL;

    private Bits() {}

    /**
     * The 1-based index of the most significant set bit of a uint32, as TFLite Micro's
     * {@code MostSignificantBit32} returns it in GCC/Clang builds ({@code signal/src/msb_32.cc}): {@code 32 - clz(x)},
     * and 32 for zero (that build's quirk, which {@link FftAutoScale} depends on).
     */
    static int msb32(int x) {
        return x == 0 ? 32 : 32 - Integer.numberOfLeadingZeros(x);
    }

    /** As {@link #msb32(int)} for a uint64 ({@code signal/src/msb_64.cc}): 64 for zero. */
    static int msb64(long x) {
        return x == 0 ? 64 : 64 - Long.numberOfLeadingZeros(x);
    }

    /** uint32 value of {@code x} as a non-negative long. */
    static long u32(int x) {
        return x & UINT32;
    }
}
