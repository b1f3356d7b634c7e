package dev.vela.reference.quantized;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * FixedPoint against values derived by hand from TFLite's / gemmlowp's definitions (frexp and
 * round for QuantizeMultiplier; the nudge-and-truncate of SaturatingRoundingDoublingHighMul; the
 * mask-and-threshold of RoundingDivideByPOT).
 */
class FixedPointTest {

    private static void assertMultiplier(double real, int multiplier, int shift) {
        assertThat(FixedPoint.quantizeMultiplier(real))
                .as("QuantizeMultiplier(%s)", real)
                .isEqualTo(new FixedPoint.Multiplier(multiplier, shift));
    }

    @Test
    void quantizeMultiplierTable() {
        assertMultiplier(0.5, 1 << 30, 0); // frexp(0.5) = 0.5 * 2^0
        assertMultiplier(1.0, 1 << 30, 1); // frexp(1) = 0.5 * 2^1
        assertMultiplier(0.25, 1 << 30, -1);
        assertMultiplier(0.75, 1610612736, 0); // 0.75 * 2^31
        assertMultiplier(3.0, 1610612736, 2); // 0.75 * 2^2
        assertMultiplier(0.1, 1717986918, -3); // 0.8 * 2^31 = 1717986918.4 -> round down
        assertMultiplier(0x1p-31, 1 << 30, -30);
        assertMultiplier(0x1p-32, 1 << 30, -31); // smallest shift kept
        assertMultiplier(0x1p-33, 0, 0); // shift < -31 flushes to zero
        assertMultiplier(0.0, 0, 0);
        // 1 - 2^-40 rounds its significand up to 2^31: halved, shift + 1
        assertMultiplier(1.0 - 0x1p-40, 1 << 30, 1);
        // round half away from zero: 0.5 + 2^-32 -> 2^30 + 0.5 -> 2^30 + 1
        assertMultiplier(0.5 + 0x1p-32, (1 << 30) + 1, 0);
    }

    @Test
    void smallerThanOneRefusesLargeMultipliers() {
        assertThat(FixedPoint.quantizeMultiplierSmallerThanOneExp(0.5))
                .isEqualTo(new FixedPoint.Multiplier(1 << 30, 0));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FixedPoint.quantizeMultiplierSmallerThanOneExp(1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void saturatingRoundingDoublingHighMul() {
        assertThat(FixedPoint.saturatingRoundingDoublingHighMul(Integer.MIN_VALUE, Integer.MIN_VALUE))
                .isEqualTo(Integer.MAX_VALUE);
        assertThat(FixedPoint.saturatingRoundingDoublingHighMul(1 << 30, 1 << 30))
                .isEqualTo(1 << 29);
        assertThat(FixedPoint.saturatingRoundingDoublingHighMul(-(1 << 30), 1 << 30))
                .isEqualTo(-(1 << 29));
        // 0.5 rounds up, -0.5 rounds toward zero (the nudge is 2^30 vs 1 - 2^30, then truncation)
        assertThat(FixedPoint.saturatingRoundingDoublingHighMul(1, 1 << 30)).isEqualTo(1);
        assertThat(FixedPoint.saturatingRoundingDoublingHighMul(-1, 1 << 30)).isEqualTo(0);
        assertThat(FixedPoint.saturatingRoundingDoublingHighMul(-3, 1 << 30)).isEqualTo(-1);
        assertThat(FixedPoint.saturatingRoundingDoublingHighMul(Integer.MAX_VALUE, Integer.MAX_VALUE))
                .isEqualTo(2147483646);
    }

    @Test
    void roundingDivideByPowerOfTwoRoundsHalfAwayFromZero() {
        assertThat(FixedPoint.roundingDivideByPOT(5, 1)).isEqualTo(3);
        assertThat(FixedPoint.roundingDivideByPOT(-5, 1)).isEqualTo(-3);
        assertThat(FixedPoint.roundingDivideByPOT(-4, 1)).isEqualTo(-2);
        assertThat(FixedPoint.roundingDivideByPOT(7, 2)).isEqualTo(2);
        assertThat(FixedPoint.roundingDivideByPOT(-7, 2)).isEqualTo(-2);
        assertThat(FixedPoint.roundingDivideByPOT(6, 2)).isEqualTo(2);
        assertThat(FixedPoint.roundingDivideByPOT(-6, 2)).isEqualTo(-2);
        assertThat(FixedPoint.roundingDivideByPOT(-5, 2)).isEqualTo(-1);
        assertThat(FixedPoint.roundingDivideByPOT(123, 0)).isEqualTo(123);
        assertThat(FixedPoint.roundingDivideByPOT(Integer.MIN_VALUE, 31)).isEqualTo(-1);
        assertThat(FixedPoint.roundingDivideByPOT(Integer.MAX_VALUE, 31)).isEqualTo(1);
    }

    @Test
    void saturatingRoundingMultiplyByPowerOfTwo() {
        assertThat(FixedPoint.saturatingRoundingMultiplyByPOT(3, 2)).isEqualTo(12);
        assertThat(FixedPoint.saturatingRoundingMultiplyByPOT(1 << 29, 2)).isEqualTo(Integer.MAX_VALUE);
        assertThat(FixedPoint.saturatingRoundingMultiplyByPOT(-(1 << 29), 2)).isEqualTo(Integer.MIN_VALUE);
        assertThat(FixedPoint.saturatingRoundingMultiplyByPOT(5, -1)).isEqualTo(3);
    }

    @Test
    void multiplyByQuantizedMultiplierUsesDoubleRounding() {
        assertThat(FixedPoint.multiplyByQuantizedMultiplier(100, 1 << 30, 0)).isEqualTo(50);
        assertThat(FixedPoint.multiplyByQuantizedMultiplier(3, 1 << 30, 0)).isEqualTo(2); // 1.5 -> 2
        assertThat(FixedPoint.multiplyByQuantizedMultiplier(-3, 1 << 30, 0)).isEqualTo(-1); // -1.5 -> -1
        assertThat(FixedPoint.multiplyByQuantizedMultiplier(-3, 1 << 30, -1)).isEqualTo(-1); // -0.75
        assertThat(FixedPoint.multiplyByQuantizedMultiplier(10, 1 << 30, 2)).isEqualTo(20); // * 2.0
        // 1.25 * 1.0 at multiplier 0.25: SRDHM gives 2.5 -> 3, the shift 1.5 -> 2 (single rounding: 1)
        assertThat(FixedPoint.multiplyByQuantizedMultiplier(5, 1 << 30, -1)).isEqualTo(2);
        assertThat(FixedPoint.multiplyByQuantizedMultiplier(7, 0, 0)).isEqualTo(0);
    }

    @Test
    void multiplyByQuantizedMultiplierInt64ReducesTheMultiplierTo16Bits() {
        // reduced = (2^30 + 2^15) >> 16 = 16384; (x * 16384 + 2^14) >> 15
        assertThat(FixedPoint.multiplyByQuantizedMultiplier(1000L, 1 << 30, 0)).isEqualTo(500);
        assertThat(FixedPoint.multiplyByQuantizedMultiplier(3L, 1 << 30, 0)).isEqualTo(2);
        assertThat(FixedPoint.multiplyByQuantizedMultiplier(-3L, 1 << 30, 0)).isEqualTo(-1);
        assertThat(FixedPoint.multiplyByQuantizedMultiplier(1L << 40, 1 << 30, -20))
                .isEqualTo(1 << 19);
        // multipliers at or above 0x7FFF0000 saturate to 0x7FFF: 2^16 * 0x7FFF >> 15 = 65534
        assertThat(FixedPoint.multiplyByQuantizedMultiplier(1L << 16, Integer.MAX_VALUE, 0))
                .isEqualTo(65534);
        // 16-bit rounding of the multiplier: 0x40008000 -> 0x4001, so 2^15 * 0x4001 >> 15 = 0x4001
        assertThat(FixedPoint.multiplyByQuantizedMultiplier(1L << 15, 0x40008000, 0))
                .isEqualTo(0x4001);
    }

    @Test
    void smallerThanOneAndGreaterThanOneVariants() {
        assertThat(FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(12, 1 << 30, -2))
                .isEqualTo(2); // 1.5->2
        assertThat(FixedPoint.multiplyByQuantizedMultiplierGreaterThanOne(12, 1 << 30, 3))
                .isEqualTo(48);
    }

    @Test
    void roundingHalfSumAndRounding() {
        assertThat(FixedPoint.roundingHalfSum(1, 2)).isEqualTo(2);
        assertThat(FixedPoint.roundingHalfSum(-1, -2)).isEqualTo(-2);
        assertThat(FixedPoint.roundingHalfSum(Integer.MAX_VALUE, Integer.MAX_VALUE))
                .isEqualTo(Integer.MAX_VALUE);
        assertThat(FixedPoint.round(2.5)).isEqualTo(3.0);
        assertThat(FixedPoint.round(-2.5)).isEqualTo(-3.0);
        assertThat(FixedPoint.round(2.5f)).isEqualTo(3.0f);
        assertThat(FixedPoint.round(0.49999997f)).isEqualTo(0.0f);
    }

    @Test
    void expOnNegativeValuesSpecialPointsAndAccuracy() {
        assertThat(FixedPoint.expOnNegativeValues(0, 5)).isEqualTo(Integer.MAX_VALUE);
        // below -32 (Q5.26 clamp at -2^31 only reachable with more integer bits): Q6 input, -40.0
        assertThat(FixedPoint.expOnNegativeValues(-40 << 25, 6)).isZero();
        for (double x = -0.01; x > -15; x -= 0.37) {
            int raw = (int) Math.round(x * (1 << 26));
            double got = FixedPoint.expOnNegativeValues(raw, 5) / 0x1p31;
            assertThat(got).as("exp(%s)", x).isCloseTo(Math.exp(raw / 0x1p26), within(2e-8 + 1e-6 * Math.exp(x)));
        }
    }

    @Test
    void logisticAndTanhAccuracy() {
        assertThat(FixedPoint.logistic(0, 4)).isEqualTo(1 << 30);
        assertThat(FixedPoint.tanh(0, 4)).isZero();
        for (double x = -7.9; x < 7.9; x += 0.13) {
            int raw = (int) Math.round(x * (1 << 27));
            double real = raw / 0x1p27;
            assertThat(FixedPoint.logistic(raw, 4) / 0x1p31).isCloseTo(1 / (1 + Math.exp(-real)), within(1e-6));
            assertThat(FixedPoint.tanh(raw, 4) / 0x1p31).isCloseTo(Math.tanh(real), within(2e-6));
        }
    }

    @Test
    void reciprocalOfTheSoftmaxSum() {
        // 4.0 in Q12.19 is 2^21: headroom 10, 2 bits over unit, 1/(1+0) in Q0.31 ~ 1.0
        int[] r = FixedPoint.reciprocal(1 << 21, 12);
        assertThat(r[1]).isEqualTo(2);
        assertThat(r[0] / 0x1p31).isCloseTo(1.0, within(1e-8));
        int[] r3 = FixedPoint.reciprocal(3 << 19, 12); // 3.0 = 1.5 * 2^1: 1 bit over unit, 1/1.5
        assertThat(r3[1]).isEqualTo(1);
        assertThat(r3[0] / 0x1p31 / 2).isCloseTo(1 / 3.0, within(1e-8));
        assertThat(FixedPoint.oneOverOnePlusXForXIn01(1 << 30) / 0x1p31).isCloseTo(2 / 3.0, within(1e-8));
        assertThat(FixedPoint.oneMinusXOverOnePlusXForXIn01(1 << 30) / 0x1p31).isCloseTo(1 / 3.0, within(1e-8));
    }
}
