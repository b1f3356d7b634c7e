// Add and Mul with numpy broadcasting and a fused clamp. The Java side reduces the broadcast to at most six
// output dimensions with each input's element strides (0 where it broadcasts) and merges dimensions both
// inputs walk linearly, so a same-shape Add is one run and a per-channel bias a run per pixel.
#pragma once

#include "fp32_common.h"

namespace f32 {

struct BinaryPlan : Plan {
    int dims[6];
    long long sa[6], sb[6];
    bool mul = false;
    float lo = 0, hi = 0;
};

template <bool MUL>
inline void binary_row(const float* a, long long sa, const float* b, long long sb, float* y, int count, float lo,
                       float hi) {
    if (sa == 1 && sb == 1) {
        for (int i = 0; i < count; i++) y[i] = clamp(MUL ? a[i] * b[i] : a[i] + b[i], lo, hi);
    } else if (sa == 1 && sb == 0) {
        const float bv = b[0];
        for (int i = 0; i < count; i++) y[i] = clamp(MUL ? a[i] * bv : a[i] + bv, lo, hi);
    } else if (sa == 0 && sb == 1) {
        const float av = a[0];
        for (int i = 0; i < count; i++) y[i] = clamp(MUL ? av * b[i] : av + b[i], lo, hi);
    } else {
        for (int i = 0; i < count; i++) {
            const float av = a[i * sa], bv = b[i * sb];
            y[i] = clamp(MUL ? av * bv : av + bv, lo, hi);
        }
    }
}

inline void binary_run(const BinaryPlan& q, const float* a, const float* b, float* y) {
    const int* d = q.dims;
    const int inner = d[5];
    for (int i0 = 0; i0 < d[0]; i0++)
        for (int i1 = 0; i1 < d[1]; i1++)
            for (int i2 = 0; i2 < d[2]; i2++)
                for (int i3 = 0; i3 < d[3]; i3++)
                    for (int i4 = 0; i4 < d[4]; i4++) {
                        const long long oa = i0 * q.sa[0] + i1 * q.sa[1] + i2 * q.sa[2] + i3 * q.sa[3] + i4 * q.sa[4];
                        const long long ob = i0 * q.sb[0] + i1 * q.sb[1] + i2 * q.sb[2] + i3 * q.sb[3] + i4 * q.sb[4];
                        const long long oy = ((((long long)i0 * d[1] + i1) * d[2] + i2) * d[3] + i3) * d[4] + i4;
                        if (q.mul) {
                            binary_row<true>(a + oa, q.sa[5], b + ob, q.sb[5], y + oy * inner, inner, q.lo, q.hi);
                        } else {
                            binary_row<false>(a + oa, q.sa[5], b + ob, q.sb[5], y + oy * inner, inner, q.lo, q.hi);
                        }
                    }
}

// Relu as a stand-alone node (one the runtime did not fuse into its producer, e.g. after a TFLite ADD): the same
// NaN-keeping clamp over a contiguous run; the output may be the input.
struct ClampPlan : Plan {
    long long count = 0;
    float lo = 0, hi = 0;
};

inline void clamp_run(const ClampPlan& q, const float* x, float* y) {
    const float lo = q.lo, hi = q.hi;
    for (long long i = 0; i < q.count; i++) y[i] = clamp(x[i], lo, hi);
}

}  // namespace f32
