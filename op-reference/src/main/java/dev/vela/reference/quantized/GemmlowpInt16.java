package dev.vela.reference.quantized;

/**
 * gemmlowp's fixed-point logistic and tanh on int16 raw values ({@code FixedPoint<int16_t, IntegerBits>} in, Q0.15 out),
 * which TFLite's integer LSTM applies to its gates and cell state ({@code tensor_utils::ApplySigmoid} with three
 * integer bits, {@code ApplyTanh(IntegerBits)}): the {@code tflite} numerics flavour. TFLite Micro's LSTM uses lookup
 * tables instead ({@link QuantizedSigmoidTanh}), which differ by about 1 LSB.
 *
 * <p>Every operation follows gemmlowp's int16 arithmetic: products through {@code SaturatingRoundingDoublingHighMul},
 * additions that wrap to 16 bits (C++ stores the promoted int back into an int16), constants given as int32 raw values
 * and rounding-shifted right by 16, and the same Taylor expansion, barrel shifter and Newton-Raphson divisions.
 */
final class GemmlowpInt16 {

    private static final int ONE_Q0 = 32767;
    /** exp(-2^k) for k = -2..4 as 32-bit Q0.31 raw values (gemmlowp's barrel-shifter multipliers). */
    private static final int[] EXP_MULTIPLIERS = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};

    private GemmlowpInt16() {}

    /**
     * @param raw an int16 fixed-point value with {@code integerBits} integer bits
     * @param integerBits 0..6
     * @return logistic(raw) as Q0.15
     */
    static int logistic(int raw, int integerBits) {
        int a = (short) raw;
        if (a == 0) {
            return constant(1 << 30);
        }
        boolean positive = a > 0;
        int abs = positive ? a : neg(a);
        int resultIfPositive = oneOverOnePlusX(expOnNegativeValues(neg(abs), integerBits));
        return positive ? resultIfPositive : sub(ONE_Q0, resultIfPositive);
    }

    /**
     * @param raw an int16 fixed-point value with {@code integerBits} integer bits
     * @param integerBits 0..6 (TFLite dispatches only these)
     * @return tanh(raw) as Q0.15
     */
    static int tanh(int raw, int integerBits) {
        if (integerBits < 0 || integerBits > 6) {
            throw new IllegalArgumentException("gemmlowp int16 tanh takes 0..6 integer bits, got " + integerBits);
        }
        int a = (short) raw;
        if (a == 0) {
            return 0;
        }
        boolean negative = a < 0;
        int n = negative ? a : neg(a);
        // -tanh(n) for n < 0 is (1 - exp(2n)) / (1 + exp(2n)); doubling n is one more integer bit on the same raw value
        int t = oneMinusXOverOnePlusX(expOnNegativeValues(n, integerBits + 1));
        return negative ? neg(t) : t;
    }

    private static int expOnIntervalBetweenNegativeOneQuarterAnd0Excl(int a) {
        int constantTerm = constant(1895147668);
        int oneThird = constant(715827883);
        int x = add(a, 1 << 12);
        int x2 = mul(x, x);
        int x3 = mul(x2, x);
        int x4 = mul(x2, x2);
        int x4Over4 = multiplyByPot(x4, -2);
        int series = multiplyByPot(add(mul(add(x4Over4, x3), oneThird), x2), -1);
        return saturatingAdd(constantTerm, mul(constantTerm, add(x, series)));
    }

    private static int expOnNegativeValues(int a, int integerBits) {
        int fractionalBits = 15 - integerBits;
        int oneQuarter = 1 << (fractionalBits - 2);
        int mask = sub(oneQuarter, 1);
        int aModQuarterMinusOneQuarter = sub(a & mask, oneQuarter);
        int result =
                expOnIntervalBetweenNegativeOneQuarterAnd0Excl(multiplyByPot(aModQuarterMinusOneQuarter, integerBits));
        int remainder = sub(aModQuarterMinusOneQuarter, a);
        for (int k = 0; k < EXP_MULTIPLIERS.length; k++) {
            int exponent = k - 2;
            if (integerBits > exponent) {
                int bit = 1 << (fractionalBits + exponent);
                if ((remainder & (short) bit) != 0) {
                    result = mul(result, constant(EXP_MULTIPLIERS[k]));
                }
            }
        }
        if (integerBits > 5) {
            int clamp = constant(-(1 << (36 - integerBits)));
            if (a < clamp) {
                result = 0;
            }
        }
        return a == 0 ? ONE_Q0 : result;
    }

    /** 1 / (1 + a) for a in (0, 1), Q0.15 in and out. */
    private static int oneOverOnePlusX(int a) {
        int x = newtonRaphsonReciprocal(halfSum(a, ONE_Q0));
        return multiplyByPot(x, 1); // Rescale<0> of x / 2 (Q1.14 read as Q2.13 halved)
    }

    /** (1 - a) / (1 + a) for a in (0, 1), Q0.15 in and out. */
    private static int oneMinusXOverOnePlusX(int a) {
        int x = newtonRaphsonReciprocal(halfSum(a, ONE_Q0));
        return multiplyByPot(sub(x, 1 << 13), 2);
    }

    /** 1 / halfDenominator as Q2.13, three Newton-Raphson steps from 48/17 - 32/17 d. */
    private static int newtonRaphsonReciprocal(int halfDenominator) {
        int x = add(constant(1515870810), mul(halfDenominator, constant(-1010580540)));
        for (int i = 0; i < 3; i++) {
            int oneMinusDx = sub(1 << 13, mul(halfDenominator, x));
            x = add(x, multiplyByPot(mul(x, oneMinusDx), 2));
        }
        return x;
    }

    /** {@code RescaleConstantInitializer}: an int32 raw constant rounding-shifted to 16 bits. */
    private static int constant(int int32Raw) {
        int mask = (1 << 16) - 1;
        int remainder = int32Raw & mask;
        int threshold = (mask >> 1) + (int32Raw < 0 ? 1 : 0);
        return (short) ((int32Raw >> 16) + (remainder > threshold ? 1 : 0));
    }

    private static int add(int a, int b) {
        return (short) (a + b);
    }

    private static int sub(int a, int b) {
        return (short) (a - b);
    }

    private static int neg(int a) {
        return (short) -a;
    }

    private static int saturatingAdd(int a, int b) {
        return Math.max(-32768, Math.min(32767, a + b));
    }

    private static int halfSum(int a, int b) {
        int sum = a + b;
        int sign = sum >= 0 ? 1 : -1;
        return (short) ((sum + sign) / 2);
    }

    /** {@code SaturatingRoundingDoublingHighMul} on int16. */
    static int mul(int a, int b) {
        if (a == b && a == -32768) {
            return 32767;
        }
        int ab = a * b;
        int nudge = ab >= 0 ? 1 << 14 : 1 - (1 << 14);
        return (short) ((ab + nudge) / (1 << 15));
    }

    /** {@code SaturatingRoundingMultiplyByPOT} on int16: saturating left shift or rounding right shift. */
    static int multiplyByPot(int x, int exponent) {
        if (exponent > 0) {
            int threshold = (1 << (15 - exponent)) - 1;
            if (x > threshold) {
                return 32767;
            }
            if (x < -threshold) {
                return -32768;
            }
            return (short) (x << exponent);
        }
        if (exponent < 0) {
            int e = -exponent;
            int mask = (1 << e) - 1;
            int remainder = x & mask;
            int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
            return (short) ((x >> e) + (remainder > threshold ? 1 : 0));
        }
        return x;
    }
}
