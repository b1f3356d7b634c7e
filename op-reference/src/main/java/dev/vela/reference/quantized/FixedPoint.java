package dev.vela.reference.quantized;

/**
 * Integer fixed-point arithmetic exactly as TFLite's reference kernels do it (gemmlowp's scalar
 * {@code fixedpoint.h} and TFLite's {@code common.h} / {@code quantization_util.cc}), with the
 * default double-rounding {@code MultiplyByQuantizedMultiplier} (TFLITE_SINGLE_ROUNDING off).
 *
 * <p>Raw values are Java {@code int}s holding a Q{@code m}.{@code 31-m} number; the number of
 * integer bits {@code m} is passed explicitly where gemmlowp has it as a template parameter.
 * Java's int arithmetic wraps like the two's-complement hardware TFLite runs on.
 */
public final class FixedPoint {

    private FixedPoint() {}

    /** A real multiplier as TFLite stores it: {@code real ~= multiplier * 2^(shift - 31)}. */
    public record Multiplier(int multiplier, int shift) {}

    /** C's {@code std::round} on doubles: halves away from zero. */
    public static double round(double x) {
        return x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5);
    }

    /** C's {@code roundf}: halves away from zero, in float. */
    public static float round(float x) {
        // floor(x + 0.5f) in float can be off for values next to a half; compute in double,
        // where x + 0.5 is exact for every float below 2^52.
        return (float) round((double) x);
    }

    /**
     * TFLite's {@code QuantizeMultiplier}: splits {@code real} into a Q0.31 significand in
     * [2^30, 2^31) and a power-of-two exponent via frexp, rounding the significand half away
     * from zero; multipliers below about 2^-31 flush to (0, 0).
     *
     * @param real the real multiplier (TFLite requires it to be non-negative in practice)
     * @return the multiplier and its shift (positive: left)
     */
    public static Multiplier quantizeMultiplier(double real) {
        if (real == 0.0) {
            return new Multiplier(0, 0);
        }
        int shift = frexpExponent(real);
        double q = real / Math.scalb(1.0, shift);
        long qFixed = (long) round(q * (1L << 31));
        if (qFixed > (1L << 31)) {
            throw new IllegalStateException("QuantizeMultiplier overflow for " + real);
        }
        if (qFixed == (1L << 31)) {
            qFixed /= 2;
            shift++;
        }
        if (shift < -31) {
            shift = 0;
            qFixed = 0;
        }
        return new Multiplier((int) qFixed, shift);
    }

    /**
     * TFLite's {@code QuantizeMultiplierSmallerThanOneExp}: as {@link #quantizeMultiplier} but
     * insists on a non-positive shift (a real multiplier below one).
     */
    public static Multiplier quantizeMultiplierSmallerThanOneExp(double real) {
        Multiplier m = quantizeMultiplier(real);
        if (m.shift() > 0) {
            throw new IllegalArgumentException("multiplier " + real + " must be smaller than one");
        }
        return m;
    }

    /** The exponent e of C's frexp: {@code x = f * 2^e} with {@code |f|} in [0.5, 1). */
    static int frexpExponent(double x) {
        double a = Math.abs(x);
        int e = Math.getExponent(a);
        if (e == Double.MIN_EXPONENT - 1) {
            // subnormal: normalise first
            return frexpExponent(a * 0x1p54) - 54;
        }
        return e + 1;
    }

    /** gemmlowp {@code SaturatingRoundingDoublingHighMul} on int32 (ARM VQRDMULH). */
    public static int saturatingRoundingDoublingHighMul(int a, int b) {
        if (a == b && a == Integer.MIN_VALUE) {
            return Integer.MAX_VALUE;
        }
        long ab = (long) a * (long) b;
        long nudge = ab >= 0 ? (1L << 30) : (1L - (1L << 30));
        // C++ integer division truncates toward zero, as Java's does
        return (int) ((ab + nudge) / (1L << 31));
    }

    /** gemmlowp {@code RoundingDivideByPOT}: arithmetic right shift rounding to nearest, ties away from zero. */
    public static int roundingDivideByPOT(int x, int exponent) {
        if (exponent < 0 || exponent > 31) {
            throw new IllegalArgumentException("exponent out of [0, 31]: " + exponent);
        }
        int mask = (int) ((1L << exponent) - 1);
        int remainder = x & mask;
        int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }

    /** gemmlowp {@code SaturatingRoundingMultiplyByPOT}: saturating left shift or rounding right shift. */
    public static int saturatingRoundingMultiplyByPOT(int x, int exponent) {
        if (exponent == 0) {
            return x;
        }
        if (exponent < 0) {
            return roundingDivideByPOT(x, -exponent);
        }
        int threshold = (1 << (31 - exponent)) - 1;
        if (x > threshold) {
            return Integer.MAX_VALUE;
        }
        if (x < -threshold) {
            return Integer.MIN_VALUE;
        }
        return x << exponent;
    }

    /** TFLite {@code MultiplyByQuantizedMultiplier(int32 x, ...)}, double rounding. */
    public static int multiplyByQuantizedMultiplier(int x, int quantizedMultiplier, int shift) {
        int leftShift = shift > 0 ? shift : 0;
        int rightShift = shift > 0 ? 0 : -shift;
        return roundingDivideByPOT(
                saturatingRoundingDoublingHighMul(x * (1 << leftShift), quantizedMultiplier), rightShift);
    }

    /** @see #multiplyByQuantizedMultiplier(int, int, int) */
    public static int multiplyByQuantizedMultiplier(int x, Multiplier m) {
        return multiplyByQuantizedMultiplier(x, m.multiplier(), m.shift());
    }

    /**
     * TFLite {@code MultiplyByQuantizedMultiplier(int64 x, ...)} used by the 16x8 kernels: the
     * multiplier is first rounded to 16 bits, then one rounding shift.
     */
    public static int multiplyByQuantizedMultiplier(long x, int quantizedMultiplier, int shift) {
        int reduced = quantizedMultiplier < 0x7FFF0000 ? ((quantizedMultiplier + (1 << 15)) >> 16) : 0x7FFF;
        int totalShift = 15 - shift;
        long v = x * (long) reduced + (1L << (totalShift - 1));
        return (int) (v >> totalShift);
    }

    /** @see #multiplyByQuantizedMultiplier(long, int, int) */
    public static int multiplyByQuantizedMultiplier(long x, Multiplier m) {
        return multiplyByQuantizedMultiplier(x, m.multiplier(), m.shift());
    }

    /** TFLite {@code MultiplyByQuantizedMultiplierSmallerThanOneExp} (double rounding). */
    public static int multiplyByQuantizedMultiplierSmallerThanOneExp(int x, int quantizedMultiplier, int leftShift) {
        return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x, quantizedMultiplier), -leftShift);
    }

    /** TFLite {@code MultiplyByQuantizedMultiplierGreaterThanOne} (double rounding). */
    public static int multiplyByQuantizedMultiplierGreaterThanOne(int x, int quantizedMultiplier, int leftShift) {
        return saturatingRoundingDoublingHighMul(x * (1 << leftShift), quantizedMultiplier);
    }

    /** gemmlowp {@code RoundingHalfSum} on int32: (a + b) / 2 rounded away from zero. */
    public static int roundingHalfSum(int a, int b) {
        long sum = (long) a + (long) b;
        long sign = sum >= 0 ? 1 : -1;
        return (int) ((sum + sign) / 2);
    }

    /** gemmlowp {@code Rescale}: changes the integer bits of a raw value, saturating or rounding. */
    public static int rescale(int raw, int srcIntegerBits, int dstIntegerBits) {
        return saturatingRoundingMultiplyByPOT(raw, srcIntegerBits - dstIntegerBits);
    }

    /** exp(a) for a Q0.31 value a in [-1/4, 0): Taylor expansion around -1/8. Returns Q0.31. */
    static int expOnIntervalBetweenNegativeOneQuarterAnd0Excl(int a) {
        final int constantTerm = 1895147668; // exp(-1/8)
        final int constantOneOver3 = 715827883;
        int x = a + (1 << 28);
        int x2 = saturatingRoundingDoublingHighMul(x, x);
        int x3 = saturatingRoundingDoublingHighMul(x2, x);
        int x4 = saturatingRoundingDoublingHighMul(x2, x2);
        int x4Over4 = saturatingRoundingMultiplyByPOT(x4, -2);
        int poly = saturatingRoundingMultiplyByPOT(
                saturatingRoundingDoublingHighMul(x4Over4 + x3, constantOneOver3) + x2, -1);
        return constantTerm + saturatingRoundingDoublingHighMul(constantTerm, x + poly);
    }

    private static final int[] EXP_BARREL_MULTIPLIERS = {
        1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242
    };

    /**
     * gemmlowp {@code exp_on_negative_values}: exp(a) for a raw Q{@code integerBits} value
     * {@code a <= 0}, as a Q0.31 raw value.
     */
    public static int expOnNegativeValues(int a, int integerBits) {
        int fractionalBits = 31 - integerBits;
        int oneQuarter = 1 << (fractionalBits - 2);
        int mask = oneQuarter - 1;
        int aModQuarterMinusOneQuarter = (a & mask) - oneQuarter;
        int result =
                expOnIntervalBetweenNegativeOneQuarterAnd0Excl(rescale(aModQuarterMinusOneQuarter, integerBits, 0));
        int remainder = aModQuarterMinusOneQuarter - a;
        for (int i = 0; i < EXP_BARREL_MULTIPLIERS.length; i++) {
            int exponent = i - 2;
            if (integerBits > exponent) {
                int shiftAmount = fractionalBits + exponent;
                if ((remainder & (1 << shiftAmount)) != 0) {
                    result = saturatingRoundingDoublingHighMul(result, EXP_BARREL_MULTIPLIERS[i]);
                }
            }
        }
        if (integerBits > 5) {
            int clamp = -(1 << (36 - integerBits));
            if (a < clamp) {
                result = 0;
            }
        }
        return a == 0 ? Integer.MAX_VALUE : result;
    }

    /** gemmlowp {@code one_over_one_plus_x_for_x_in_0_1}: 1/(1+a) for Q0.31 a, Newton-Raphson. */
    public static int oneOverOnePlusXForXIn01(int a) {
        int x = newtonReciprocalOfHalfDenominator(roundingHalfSum(a, Integer.MAX_VALUE));
        // ExactMulByPot<-1> to Q1, then Rescale<0>
        return rescale(x, 1, 0);
    }

    /** gemmlowp {@code one_minus_x_over_one_plus_x_for_x_in_0_1}: (1-a)/(1+a) for Q0.31 a. */
    public static int oneMinusXOverOnePlusXForXIn01(int a) {
        int x = newtonReciprocalOfHalfDenominator(roundingHalfSum(a, Integer.MAX_VALUE));
        return rescale(x - (1 << 29), 2, 0);
    }

    /** Three Newton-Raphson steps for 1/d, d a Q0.31 value in [1/2, 1); returns Q2.29. */
    private static int newtonReciprocalOfHalfDenominator(int halfDenominator) {
        final int constant48Over17 = 1515870810;
        final int constantNeg32Over17 = -1010580540;
        final int oneQ2 = 1 << 29;
        int x = constant48Over17 + saturatingRoundingDoublingHighMul(halfDenominator, constantNeg32Over17);
        for (int i = 0; i < 3; i++) {
            int halfDenominatorTimesX = saturatingRoundingDoublingHighMul(halfDenominator, x);
            int oneMinus = oneQ2 - halfDenominatorTimesX;
            x = x + rescale(saturatingRoundingDoublingHighMul(x, oneMinus), 4, 2);
        }
        return x;
    }

    /** gemmlowp {@code logistic} of a raw Q{@code integerBits} value; returns Q0.31. */
    public static int logistic(int a, int integerBits) {
        if (a == 0) {
            return 1 << 30;
        }
        int abs = a > 0 ? a : -a;
        int positive = oneOverOnePlusXForXIn01(expOnNegativeValues(-abs, integerBits));
        return a > 0 ? positive : Integer.MAX_VALUE - positive;
    }

    /** gemmlowp {@code tanh} of a raw Q{@code integerBits} value; returns Q0.31. */
    public static int tanh(int a, int integerBits) {
        if (a == 0) {
            return 0;
        }
        int n = a < 0 ? a : -a;
        int t = oneMinusXOverOnePlusXForXIn01(expOnNegativeValues(n, integerBits + 1));
        return a < 0 ? -t : t;
    }

    /** TFLite {@code CountLeadingZeros} for a non-negative int32 (32 for zero). */
    public static int countLeadingZeros(int x) {
        return Integer.numberOfLeadingZeros(x);
    }

    /**
     * TFLite {@code GetReciprocal}: 1/x for a positive Q{@code integerBits} raw value, returned
     * as a Q0.31 value scaled by 2^{@code numBitsOverUnit}; the second element of the result.
     *
     * @return {reciprocal, numBitsOverUnit}
     */
    public static int[] reciprocal(int x, int integerBits) {
        int headroomPlusOne = Integer.numberOfLeadingZeros(x);
        int numBitsOverUnit = integerBits - headroomPlusOne;
        int shiftedSum = (int) (((long) x << headroomPlusOne) - (1L << 31));
        int shiftedScale = oneOverOnePlusXForXIn01(shiftedSum);
        return new int[] {shiftedScale, numBitsOverUnit};
    }
}
