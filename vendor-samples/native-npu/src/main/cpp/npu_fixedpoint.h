// Integer fixed-point arithmetic with TFLite's reference semantics (gemmlowp scalar fixedpoint.h and
// TFLite common.h, default double-rounding MultiplyByQuantizedMultiplier). Scalar, portable C++:
// compiled for baseline x86-64, callable from every dispatch path. Signed overflow is avoided by
// doing wrapping arithmetic on uint32_t, which is what TFLite's int32 code does on real hardware.
#pragma once

#include <climits>
#include <cstdint>

namespace npu {

inline int32_t wrap_add(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }
inline int32_t wrap_sub(int32_t a, int32_t b) { return (int32_t)((uint32_t)a - (uint32_t)b); }
inline int32_t wrap_mul(int32_t a, int32_t b) { return (int32_t)((uint32_t)a * (uint32_t)b); }
inline int32_t wrap_shl(int32_t a, int s) { return (int32_t)((uint32_t)a << s); }

// gemmlowp SaturatingRoundingDoublingHighMul: (a * b * 2 + 2^31) / 2^32, rounding halves away from zero.
inline int32_t srdhm(int32_t a, int32_t b) {
    if (a == b && a == INT32_MIN) return INT32_MAX;
    const int64_t ab = (int64_t)a * (int64_t)b;
    const int64_t nudge = ab >= 0 ? (int64_t(1) << 30) : (int64_t(1) - (int64_t(1) << 30));
    return (int32_t)((ab + nudge) / (int64_t(1) << 31));  // C++ division truncates toward zero
}

// gemmlowp RoundingDivideByPOT: x / 2^e rounded to nearest, ties away from zero; 0 <= e <= 31.
inline int32_t rdbpot(int32_t x, int e) {
    const int32_t mask = (int32_t)((int64_t(1) << e) - 1);
    const int32_t remainder = x & mask;
    const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> e) + (remainder > threshold ? 1 : 0);
}

// TFLite MultiplyByQuantizedMultiplier with the shift already split into left and right parts.
inline int32_t mbqm(int32_t x, int32_t multiplier, int left_shift, int right_shift) {
    return rdbpot(srdhm(wrap_shl(x, left_shift), multiplier), right_shift);
}

// gemmlowp SaturatingRoundingMultiplyByPOT for a runtime exponent.
inline int32_t sr_mul_pot(int32_t x, int exponent) {
    if (exponent == 0) return x;
    if (exponent < 0) return rdbpot(x, -exponent);
    const int32_t threshold = (int32_t)((int64_t(1) << (31 - exponent)) - 1);
    if (x > threshold) return INT32_MAX;
    if (x < -threshold) return INT32_MIN;
    return wrap_shl(x, exponent);
}

// gemmlowp Rescale<dst>(FixedPoint<src>).
inline int32_t rescale(int32_t raw, int src_integer_bits, int dst_integer_bits) {
    return sr_mul_pot(raw, src_integer_bits - dst_integer_bits);
}

// gemmlowp RoundingHalfSum for int32.
inline int32_t rounding_half_sum(int32_t a, int32_t b) {
    const int64_t sum = (int64_t)a + (int64_t)b;
    const int64_t sign = sum >= 0 ? 1 : -1;
    return (int32_t)((sum + sign) / 2);
}

// gemmlowp exp_on_interval_between_negative_one_quarter_and_0_excl (Q0.31 in, Q0.31 out).
inline int32_t exp_on_interval_neg_quarter_to_0(int32_t a) {
    const int32_t constant_term = 1895147668;     // exp(-1/8)
    const int32_t constant_1_over_3 = 715827883;
    const int32_t x = wrap_add(a, 1 << 28);       // a + 1/8
    const int32_t x2 = srdhm(x, x);
    const int32_t x3 = srdhm(x2, x);
    const int32_t x4 = srdhm(x2, x2);
    const int32_t x4_over_4 = sr_mul_pot(x4, -2);
    const int32_t poly = sr_mul_pot(wrap_add(srdhm(wrap_add(x4_over_4, x3), constant_1_over_3), x2), -1);
    return wrap_add(constant_term, srdhm(constant_term, wrap_add(x, poly)));
}

// gemmlowp exp_on_negative_values for a raw Q(integer_bits).(31-integer_bits) value a <= 0; Q0.31 out.
inline int32_t exp_on_negative_values(int32_t a, int integer_bits) {
    static const int32_t kBarrel[7] = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
    const int fractional_bits = 31 - integer_bits;
    const int32_t one_quarter = (int32_t)1 << (fractional_bits - 2);
    const int32_t mask = one_quarter - 1;
    const int32_t a_mod_quarter_minus_one_quarter = wrap_sub(a & mask, one_quarter);
    int32_t result = exp_on_interval_neg_quarter_to_0(rescale(a_mod_quarter_minus_one_quarter, integer_bits, 0));
    const int32_t remainder = wrap_sub(a_mod_quarter_minus_one_quarter, a);
    for (int i = 0; i < 7; i++) {
        const int exponent = i - 2;
        if (integer_bits > exponent) {
            const int shift_amount = fractional_bits + exponent;
            if (remainder & ((int32_t)1 << shift_amount)) result = srdhm(result, kBarrel[i]);
        }
    }
    if (integer_bits > 5) {
        const int32_t clamp = -((int32_t)1 << (36 - integer_bits));
        if (a < clamp) result = 0;
    }
    return a == 0 ? INT32_MAX : result;
}

// gemmlowp one_over_one_plus_x_for_x_in_0_1 (Q0.31 in and out), three Newton-Raphson steps in Q2.29.
inline int32_t one_over_one_plus_x_for_x_in_0_1(int32_t a) {
    const int32_t half_denominator = rounding_half_sum(a, INT32_MAX);
    const int32_t constant_48_over_17 = 1515870810;
    const int32_t constant_neg_32_over_17 = -1010580540;
    int32_t x = wrap_add(constant_48_over_17, srdhm(half_denominator, constant_neg_32_over_17));
    for (int i = 0; i < 3; i++) {
        const int32_t half_denominator_times_x = srdhm(half_denominator, x);
        const int32_t one_minus = wrap_sub((int32_t)1 << 29, half_denominator_times_x);
        x = wrap_add(x, rescale(srdhm(x, one_minus), 4, 2));
    }
    return rescale(x, 1, 0);  // ExactMulByPot<-1> keeps the raw value, then Rescale<0> from Q1
}

// TFLite GetReciprocal: 1/x for a positive raw Q(integer_bits) value, as a Q0.31 value and the
// number of bits the result is over unity.
inline int32_t reciprocal(int32_t x, int integer_bits, int* num_bits_over_unit) {
    const int headroom_plus_one = __builtin_clz((uint32_t)x);
    *num_bits_over_unit = integer_bits - headroom_plus_one;
    const int32_t shifted_sum_minus_one =
        (int32_t)(((uint32_t)x << headroom_plus_one) - ((uint32_t)1 << 31));
    return one_over_one_plus_x_for_x_in_0_1(shifted_sum_minus_one);
}

// TFLite's clamp order: max with the lower bound first, then min with the upper one. When a fused
// activation leaves an empty range (lo > hi), every value becomes hi, as in TFLite.
inline int32_t clamp_i32(int32_t v, int32_t lo, int32_t hi) {
    v = v < lo ? lo : v;
    return v > hi ? hi : v;
}

}  // namespace npu
