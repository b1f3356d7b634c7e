// MaxPool and AveragePool, 2-D, NHWC or NCHW, float32, with the reference's semantics: a max window
// skips NaN unless every tap is NaN (ties keep the earlier value) and a window wholly in the padding is
// NaN; an average divides by the taps inside the input, or inside the padded input with
// count_include_pad. NHWC updates a contiguous run of channels per tap (vectorised by the compiler).
#pragma once

#include <limits>

#include "fp32_common.h"

namespace f32 {

struct PoolPlan : Plan {
    int n = 0, c = 0, h = 0, w = 0, kh = 0, kw = 0;
    int stride_h = 1, stride_w = 1, dil_h = 1, dil_w = 1, pad_t = 0, pad_l = 0, pad_b = 0, pad_r = 0, oh = 0, ow = 0;
    bool nhwc = true, max = true, include_pad = false;
};

inline float larger(float best, float v) { return (best != best || v > best) ? v : best; }

inline int taps_within(int start, int taps, int dil, int lo, int hi) {
    int count = 0;
    for (int t = 0; t < taps; t++) {
        const int pos = start + t * dil;
        if (pos >= lo && pos < hi) count++;
    }
    return count;
}

inline float pool_divisor(const PoolPlan& q, int inside, int h0, int w0) {
    if (!q.include_pad) return (float)inside;
    return (float)taps_within(h0, q.kh, q.dil_h, -q.pad_t, q.h + q.pad_b) *
           (float)taps_within(w0, q.kw, q.dil_w, -q.pad_l, q.w + q.pad_r);
}

inline void pool_run(const PoolPlan& q, const float* x, float* y) {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    for (int img = 0; img < q.n; img++) {
        for (int oy = 0; oy < q.oh; oy++) {
            const int h0 = oy * q.stride_h - q.pad_t;
            for (int ox = 0; ox < q.ow; ox++) {
                const int w0 = ox * q.stride_w - q.pad_l;
                if (q.nhwc) {
                    float* out = y + (((size_t)img * q.oh + oy) * q.ow + ox) * q.c;
                    for (int ch = 0; ch < q.c; ch++) out[ch] = q.max ? nan : 0.0f;
                    int count = 0;
                    for (int ky = 0; ky < q.kh; ky++) {
                        const int iy = h0 + ky * q.dil_h;
                        if (iy < 0 || iy >= q.h) continue;
                        for (int kx = 0; kx < q.kw; kx++) {
                            const int ix = w0 + kx * q.dil_w;
                            if (ix < 0 || ix >= q.w) continue;
                            const float* src = x + (((size_t)img * q.h + iy) * q.w + ix) * q.c;
                            if (q.max) {
                                for (int ch = 0; ch < q.c; ch++) out[ch] = larger(out[ch], src[ch]);
                            } else {
                                for (int ch = 0; ch < q.c; ch++) out[ch] += src[ch];
                            }
                            count++;
                        }
                    }
                    if (!q.max) {
                        const float d = pool_divisor(q, count, h0, w0);
                        for (int ch = 0; ch < q.c; ch++) out[ch] /= d;
                    }
                } else {
                    for (int ch = 0; ch < q.c; ch++) {
                        const float* plane = x + ((size_t)img * q.c + ch) * q.h * q.w;
                        float acc = q.max ? nan : 0.0f;
                        int count = 0;
                        for (int ky = 0; ky < q.kh; ky++) {
                            const int iy = h0 + ky * q.dil_h;
                            if (iy < 0 || iy >= q.h) continue;
                            for (int kx = 0; kx < q.kw; kx++) {
                                const int ix = w0 + kx * q.dil_w;
                                if (ix < 0 || ix >= q.w) continue;
                                const float v = plane[(size_t)iy * q.w + ix];
                                acc = q.max ? larger(acc, v) : acc + v;
                                count++;
                            }
                        }
                        y[(((size_t)img * q.c + ch) * q.oh + oy) * q.ow + ox] =
                            q.max ? acc : acc / pool_divisor(q, count, h0, w0);
                    }
                }
            }
        }
    }
}

}  // namespace f32
