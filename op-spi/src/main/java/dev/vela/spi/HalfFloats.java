package dev.vela.spi;

/**
 * Conversions between {@code float} and the 16-bit floating-point formats stored in {@link
 * DataType#FLOAT16} and {@link DataType#BFLOAT16} tensors, rounding to nearest even.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public final class HalfFloats {

    private HalfFloats() {}

    /**
     * @param bits IEEE binary16 bits
     * @return the same value as a float (exact)
     */
    public static float float16ToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            float value = mant * 0x1p-24f;
            return sign != 0 ? -value : value;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /**
     * @param value a float
     * @return the nearest binary16 (ties to even), ±Inf on overflow, NaN kept NaN
     */
    public static short floatToFloat16(float value) {
        int f = Float.floatToRawIntBits(value);
        int sign = (f >>> 16) & 0x8000;
        int exp = (f >>> 23) & 0xff;
        int mant = f & 0x7fffff;
        if (exp == 0xff) {
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 | (mant >>> 13) : 0));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            int m = mant | 0x800000;
            int shift = 14 - e;
            int half = m >>> shift;
            int rest = m & ((1 << shift) - 1);
            int halfway = 1 << (shift - 1);
            if (rest > halfway || (rest == halfway && (half & 1) != 0)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mant >>> 13);
        int rest = mant & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) != 0)) {
            half++; // may carry into the exponent, which yields the right result up to Inf
        }
        return (short) (sign | half);
    }

    /**
     * @param bits bfloat16 bits
     * @return the same value as a float (exact)
     */
    public static float bfloat16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    /**
     * @param value a float
     * @return the nearest bfloat16 (ties to even), NaN kept NaN
     */
    public static short floatToBfloat16(float value) {
        int f = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((f >>> 16) | 0x40);
        }
        int rounding = 0x7fff + ((f >>> 16) & 1);
        return (short) ((f + rounding) >>> 16);
    }
}
