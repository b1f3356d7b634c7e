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

#include <cmath>
#include <cstdint>

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

// Symmetric: scale = max|x| / 127, q = round(x * (127 / max|x|)) clamped to [-127, 127]; all zero: scale 1.
inline ImageQuantization quantize_symmetric(const float* x, size_t n, float* q) {
    float mn = INFINITY, mx = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        mn = java_min(mn, x[i]);
        mx = java_max(mx, x[i]);
    }
    const float range = java_max(std::fabs(mn), std::fabs(mx));
    if (range == 0) {
        for (size_t i = 0; i < n; i++) q[i] = 0.0f;
        return {1.0f, 0};
    }
    const float scale = range / 127;
    const float inverse = 127 / range;
    for (size_t i = 0; i < n; i++) {
        int v = round_float_to_int(x[i] * inverse);
        v = v > 127 ? 127 : v < -127 ? -127 : v;
        q[i] = (float)v;
    }
    return {scale, 0};
}

// Asymmetric: [min(0, min x), max(0, max x)] onto [-128, 127], scale in double, the zero point nudged to an
// integer (the end with the smaller error), q = round(offset + x * (1 / scale)) in float, clamped; q[i] holds
// q - offset.
inline ImageQuantization quantize_asymmetric(const float* x, size_t n, float* q) {
    float lowest = INFINITY, highest = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        lowest = java_min(lowest, x[i]);
        highest = java_max(highest, x[i]);
    }
    const double rmin = java_min(0.0f, lowest);
    const double rmax = java_max(0.0f, highest);
    if (rmin == rmax) {
        for (size_t i = 0; i < n; i++) q[i] = 0.0f;
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
    for (size_t i = 0; i < n; i++) {
        const float product = x[i] * inverse;
        const float shifted = (float)offset + product;
        int v = round_float_to_int(shifted);
        v = v > 127 ? 127 : v < -128 ? -128 : v;
        q[i] = (float)(v - offset);
    }
    return {stored_scale, offset};
}

}  // namespace f32
