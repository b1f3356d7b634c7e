// The on-the-fly int8 quantization of a float image that TFLite's dynamic-range ("hybrid") CONV_2D applies before
// its integer arithmetic (tensor_utils::SymmetricQuantizeFloats / AsymmetricQuantizeFloats of TFLite 2.20),
// reproduced operation by operation as the reference's InputRowQuantizer does, so the quantized values, scale and
// offset are the same bits. The image is written as floats holding q - offset (|q - offset| <= 255, exact in
// float): multiplied by weights holding the int8 values, a GEMM then sums exact integers as long as a sum stays
// below 2^24 (K <= 518 taps x channels; above that the float sum rounds like any float convolution's).
//
// Java's semantics are kept where C++ differs: Math.min / Math.max propagate NaN, a float-to-int cast of NaN is 0
// and saturates out of range. The file is compiled with -ffp-contract=off (pom.xml): no product here may become an
// FMA, which would round differently from TFLite.
#pragma once

#include <immintrin.h>

#include <cmath>
#include <cstdint>
#include <cstring>

#include "fp32_common.h"

namespace f32 {

inline float java_min(float a, float b) {
    if (a != a) return a;
    if (b != b) return b;
    if (a == 0.0f && b == 0.0f) return std::signbit(a) ? a : b;  // Math.min(0f, -0f) is -0f
    return a < b ? a : b;
}

inline float java_max(float a, float b) {
    if (a != a) return a;
    if (b != b) return b;
    if (a == 0.0f && b == 0.0f) return std::signbit(a) ? b : a;
    return a > b ? a : b;
}

// Java's (int) cast of a double
inline int java_d2i(double d) {
    if (d != d) return 0;
    if (d >= 2147483647.0) return INT32_MAX;
    if (d <= -2147483648.0) return INT32_MIN;
    return (int)d;
}

// C's round on doubles (halves away from zero), as FixedPoint.round
inline double round_half_away(double x) { return x < 0 ? -std::floor(-x + 0.5) : std::floor(x + 0.5); }

// roundf through double then to int, as (int) FixedPoint.round(float)
inline int round_float_to_int(float x) { return java_d2i((double)(float)round_half_away((double)x)); }

struct ImageQuantization {
    float scale;
    int offset;
};

// ---------------------------------------------------------------- scalar, operation by operation

inline void range_scalar(const float* x, size_t n, float* lowest, float* highest) {
    float mn = INFINITY, mx = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        mn = java_min(mn, x[i]);
        mx = java_max(mx, x[i]);
    }
    *lowest = mn;
    *highest = mx;
}

// q[i] = clamp(round(offset + x[i] * inverse), qlo, 127) - offset (offset 0: round(x[i] * inverse))
inline void quantize_scalar(const float* x, size_t n, float inverse, int offset, int qlo, float* q) {
    for (size_t i = 0; i < n; i++) {
        const float product = x[i] * inverse;
        const float shifted = offset == 0 ? product : (float)offset + product;
        int v = round_float_to_int(shifted);
        v = v > 127 ? 127 : v < qlo ? qlo : v;
        q[i] = (float)(v - offset);
    }
}

// ---------------------------------------------------------------- AVX2 (also used by the AVX-512 path)

// Same results as the scalar range when x holds no NaN; returns false (leaving the scalar path to decide) otherwise.
F32_AVX2 inline bool range_avx2(const float* x, size_t n, float* lowest, float* highest) {
    __m256 mn = _mm256_set1_ps(INFINITY), mx = _mm256_set1_ps(-INFINITY), nan = _mm256_setzero_ps();
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 v = _mm256_loadu_ps(x + i);
        mn = _mm256_min_ps(mn, v);
        mx = _mm256_max_ps(mx, v);
        nan = _mm256_or_ps(nan, _mm256_cmp_ps(v, v, _CMP_UNORD_Q));
    }
    if (_mm256_movemask_ps(nan) != 0) return false;
    alignas(32) float a[8], b[8];
    _mm256_store_ps(a, mn);
    _mm256_store_ps(b, mx);
    float lo = INFINITY, hi = -INFINITY;
    for (int j = 0; j < 8; j++) {
        lo = a[j] < lo ? a[j] : lo;
        hi = b[j] > hi ? b[j] : hi;
    }
    for (; i < n; i++) {
        if (x[i] != x[i]) return false;
        lo = x[i] < lo ? x[i] : lo;
        hi = x[i] > hi ? x[i] : hi;
    }
    // the sign of a zero bound does not matter to either scheme (|bound|, or a zero range)
    *lowest = lo;
    *highest = hi;
    return true;
}

// roundf (halves away from zero) in float: t = trunc(f); f - t is exact, so |f - t| >= 0.5 finds the halves.
// NaN goes to 0, as Java's (int) cast of NaN before the clamp; infinities clamp like the saturated cast. Returns
// the clamped q of eight values, as floats.
F32_AVX2 inline __m256 quantized_avx2(const float* x, __m256 inv, __m256 off, bool offset, __m256 lo, __m256 hi) {
    const __m256 sign = _mm256_set1_ps(-0.0f), half = _mm256_set1_ps(0.5f), one = _mm256_set1_ps(1.0f);
    __m256 f = _mm256_mul_ps(_mm256_loadu_ps(x), inv);
    if (offset) f = _mm256_add_ps(off, f);
    const __m256 t = _mm256_round_ps(f, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
    const __m256 frac = _mm256_andnot_ps(sign, _mm256_sub_ps(f, t));
    const __m256 away =
        _mm256_and_ps(_mm256_cmp_ps(frac, half, _CMP_GE_OQ), _mm256_or_ps(_mm256_and_ps(f, sign), one));
    __m256 r = _mm256_add_ps(t, away);
    r = _mm256_andnot_ps(_mm256_cmp_ps(r, r, _CMP_UNORD_Q), r);  // NaN -> 0
    return _mm256_min_ps(_mm256_max_ps(r, lo), hi);
}

F32_AVX2 inline void quantize_avx2(const float* x, size_t n, float inverse, int offset, int qlo, float* q) {
    const __m256 inv = _mm256_set1_ps(inverse), off = _mm256_set1_ps((float)offset);
    const __m256 lo = _mm256_set1_ps((float)qlo), hi = _mm256_set1_ps(127.0f);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        _mm256_storeu_ps(q + i, _mm256_sub_ps(quantized_avx2(x + i, inv, off, offset != 0, lo, hi), off));
    }
    quantize_scalar(x + i, n - i, inverse, offset, qlo, q + i);
}

// The same q stored as bytes q + 128 (0..255), for the VNNI path's unsigned x signed dot products.
inline void quantize_scalar_u8(const float* x, size_t n, float inverse, int offset, int qlo, uint8_t* u) {
    for (size_t i = 0; i < n; i++) {
        const float product = x[i] * inverse;
        const float shifted = offset == 0 ? product : (float)offset + product;
        int v = round_float_to_int(shifted);
        v = v > 127 ? 127 : v < qlo ? qlo : v;
        u[i] = (uint8_t)(v + 128);
    }
}

F32_AVX2 inline void quantize_avx2_u8(const float* x, size_t n, float inverse, int offset, int qlo, uint8_t* u) {
    const __m256 inv = _mm256_set1_ps(inverse), off = _mm256_set1_ps((float)offset);
    const __m256 lo = _mm256_set1_ps((float)qlo), hi = _mm256_set1_ps(127.0f), bias = _mm256_set1_ps(128.0f);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        // exact small integers: the conversion does not round
        const __m256i v = _mm256_cvtps_epi32(_mm256_add_ps(quantized_avx2(x + i, inv, off, offset != 0, lo, hi), bias));
        const __m128i w = _mm_packus_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
        _mm_storel_epi64((__m128i*)(u + i), _mm_packus_epi16(w, w));
    }
    quantize_scalar_u8(x + i, n - i, inverse, offset, qlo, u + i);
}

// The same q - offset stored as int16 (|q - offset| <= 255), for the AVX2 integer path's vpmaddwd (fp32_hybrid_i16.h).
inline void quantize_scalar_i16(const float* x, size_t n, float inverse, int offset, int qlo, int16_t* s) {
    for (size_t i = 0; i < n; i++) {
        const float product = x[i] * inverse;
        const float shifted = offset == 0 ? product : (float)offset + product;
        int v = round_float_to_int(shifted);
        v = v > 127 ? 127 : v < qlo ? qlo : v;
        s[i] = (int16_t)(v - offset);
    }
}

F32_AVX2 inline void quantize_avx2_i16(const float* x, size_t n, float inverse, int offset, int qlo, int16_t* s) {
    const __m256 inv = _mm256_set1_ps(inverse), off = _mm256_set1_ps((float)offset);
    const __m256 lo = _mm256_set1_ps((float)qlo), hi = _mm256_set1_ps(127.0f);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        // exact small integers: neither the conversion nor the (saturating) pack changes them
        const __m256i v = _mm256_cvtps_epi32(_mm256_sub_ps(quantized_avx2(x + i, inv, off, offset != 0, lo, hi), off));
        _mm_storeu_si128((__m128i*)(s + i), _mm_packs_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1)));
    }
    quantize_scalar_i16(x + i, n - i, inverse, offset, qlo, s + i);
}

// The same on AVX-512, sixteen values at a time (the VNNI path's bytes; mask registers for the compares).
F32_AVX512 inline void quantize_avx512_u8(const float* x, size_t n, float inverse, int offset, int qlo, uint8_t* u) {
    const __m512 inv = _mm512_set1_ps(inverse), off = _mm512_set1_ps((float)offset);
    const __m512 lo = _mm512_set1_ps((float)qlo), hi = _mm512_set1_ps(127.0f), bias = _mm512_set1_ps(128.0f);
    const __m512 sign = _mm512_set1_ps(-0.0f), half = _mm512_set1_ps(0.5f), one = _mm512_set1_ps(1.0f);
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m512 f = _mm512_mul_ps(_mm512_loadu_ps(x + i), inv);
        if (offset != 0) f = _mm512_add_ps(off, f);
        const __m512 t = _mm512_roundscale_ps(f, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
        const __m512 frac = _mm512_andnot_ps(sign, _mm512_sub_ps(f, t));
        const __mmask16 halves = _mm512_cmp_ps_mask(frac, half, _CMP_GE_OQ);
        __m512 r = _mm512_mask_add_ps(t, halves, t, _mm512_or_ps(_mm512_and_ps(f, sign), one));
        r = _mm512_maskz_mov_ps(_mm512_cmp_ps_mask(r, r, _CMP_ORD_Q), r);  // NaN -> 0
        r = _mm512_min_ps(_mm512_max_ps(r, lo), hi);
        // exact small integers: the conversion does not round
        _mm_storeu_si128((__m128i*)(u + i), _mm512_cvtepi32_epi8(_mm512_cvtps_epi32(_mm512_add_ps(r, bias))));
    }
    quantize_avx2_u8(x + i, n - i, inverse, offset, qlo, u + i);
}

// Where a quantized image goes: floats holding q - offset (q), bytes holding q + 128 (u, VNNI path), or int16
// holding q - offset (s, AVX2 integer path).
struct QuantizedImage {
    float* q = nullptr;
    uint8_t* u = nullptr;
    int16_t* s = nullptr;
};

// ---------------------------------------------------------------- the two schemes

inline void image_range(int isa, const float* x, size_t n, float* lowest, float* highest) {
    if (isa >= ISA_AVX2 && range_avx2(x, n, lowest, highest)) return;
    range_scalar(x, n, lowest, highest);
}

inline void quantize_image(int isa, const float* x, size_t n, float inverse, int offset, int qlo,
                           const QuantizedImage& out) {
    if (out.u != nullptr) {
        if (isa >= ISA_AVX512) {
            quantize_avx512_u8(x, n, inverse, offset, qlo, out.u);
        } else if (isa >= ISA_AVX2) {
            quantize_avx2_u8(x, n, inverse, offset, qlo, out.u);
        } else {
            quantize_scalar_u8(x, n, inverse, offset, qlo, out.u);
        }
    } else if (out.s != nullptr) {
        if (isa >= ISA_AVX2) {
            quantize_avx2_i16(x, n, inverse, offset, qlo, out.s);
        } else {
            quantize_scalar_i16(x, n, inverse, offset, qlo, out.s);
        }
    } else if (isa >= ISA_AVX2) {
        quantize_avx2(x, n, inverse, offset, qlo, out.q);
    } else {
        quantize_scalar(x, n, inverse, offset, qlo, out.q);
    }
}

// every element q = offset (a zero range)
inline void quantize_constant(size_t n, int offset, const QuantizedImage& out) {
    if (out.u != nullptr) {
        std::memset(out.u, offset + 128, n);
    } else if (out.s != nullptr) {
        std::memset(out.s, 0, n * sizeof(int16_t));
    } else {
        for (size_t i = 0; i < n; i++) out.q[i] = 0.0f;
    }
}

// Symmetric: scale = max|x| / 127, q = round(x * (127 / max|x|)) clamped to [-127, 127]; all zero: scale 1.
inline ImageQuantization quantize_symmetric(int isa, const float* x, size_t n, const QuantizedImage& q) {
    float mn, mx;
    image_range(isa, x, n, &mn, &mx);
    const float range = java_max(std::fabs(mn), std::fabs(mx));
    if (range == 0) {
        quantize_constant(n, 0, q);
        return {1.0f, 0};
    }
    const float scale = range / 127;
    const float inverse = 127 / range;
    quantize_image(isa, x, n, inverse, 0, -127, q);
    return {scale, 0};
}

// Asymmetric: [min(0, min x), max(0, max x)] onto [-128, 127], scale in double, the zero point nudged to an
// integer (the end with the smaller error), q = round(offset + x * (1 / scale)) in float, clamped; q[i] holds
// q - offset.
inline ImageQuantization quantize_asymmetric(int isa, const float* x, size_t n, const QuantizedImage& q) {
    float lowest, highest;
    image_range(isa, x, n, &lowest, &highest);
    const double rmin = java_min(0.0f, lowest);
    const double rmax = java_max(0.0f, highest);
    if (rmin == rmax) {
        quantize_constant(n, 0, q);
        return {1.0f, 0};
    }
    const double qmin = -128, qmax = 127;
    const double scale = (rmax - rmin) / (qmax - qmin);
    const double zero_from_min = qmin - rmin / scale;
    const double zero_from_max = qmax - rmax / scale;
    const double error_from_min = std::fabs(qmin) + std::fabs(rmin / scale);
    const double error_from_max = std::fabs(qmax) + std::fabs(rmax / scale);
    const double zero = error_from_min < error_from_max ? zero_from_min : zero_from_max;
    int offset;
    if (zero <= qmin) {
        offset = -128;
    } else if (zero >= qmax) {
        offset = 127;
    } else {
        offset = java_d2i(round_half_away(zero));
    }
    const float stored_scale = (float)scale;
    const float inverse = 1.0f / stored_scale;
    quantize_image(isa, x, n, inverse, offset, -128, q);
    return {stored_scale, offset};
}

}  // namespace f32
