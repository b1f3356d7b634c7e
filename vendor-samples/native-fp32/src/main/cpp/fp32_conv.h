// 2-D convolution, NHWC or NCHW, group 1 (im2col + packed GEMM) and NHWC depthwise (one input channel per
// group, multiplier 1). Weights arrive in OHWI order (the Java side reorders NCHW's OIHW), so the
// im2col row of an output pixel is (ky, kx, ci) in both layouts: for NHWC each tap is one contiguous
// copy of C floats, for NCHW a strided gather.
//
// A 1x1, stride-1, unpadded NHWC convolution multiplies its input directly. Otherwise the im2col rows of
// kBlockRows pixels go to the caller's scratch and are multiplied at once, so the block stays in L1/L2
// while every panel of the weights passes over it. Taps in the padding are zero rows, as XNNPACK and
// oneDNN do.
//
// A hybrid convolution (int8 weights, float activations: TFLite's dynamic-range CONV_2D, group 1) quantizes each
// image into the scratch first (fp32_hybrid.h), then runs the same im2col + GEMM over it with the weights' int8
// values and rescales in the GEMM's epilogue (Out::col_scale): per-tensor weights quantize the image symmetrically
// and scale by image scale x weight scale, per-channel weights with differing scales asymmetrically and scale by
// channel scale, then image scale, as the reference (TFLite 2.20) does.
#pragma once

#include <immintrin.h>

#include "fp32_common.h"
#include "fp32_gemm.h"
#include "fp32_hybrid.h"

namespace f32 {

constexpr int kBlockRows = 48;  // a multiple of 12 (AVX-512 rows) and 6 (AVX2 rows)

struct ConvPlan : Plan {
    int n = 0, c = 0, h = 0, w = 0, m = 0, kh = 0, kw = 0;
    int stride_h = 1, stride_w = 1, dil_h = 1, dil_w = 1, pad_t = 0, pad_l = 0, oh = 0, ow = 0;
    bool nhwc = true, depthwise = false;
    float lo = 0, hi = 0;
    int k = 0;        // kh * kw * c
    PackedB b;        // group 1
    float* dw = nullptr;       // depthwise [kh * kw][c_pad]
    float* dw_bias = nullptr;  // [c_pad]
    int c_pad = 0;
    // hybrid: 0 float, 1 per-tensor weight scale (symmetric image quantization), 2 per-channel (asymmetric)
    int hybrid = 0;
    float weight_scale = 1.0f;     // per tensor
    float* col_scale = nullptr;    // [panels * nr + 32]: channel scales (per channel) or ones
    float* post_bias = nullptr;    // [panels * nr + 32]: the float bias, added after the scaling

    ~ConvPlan() override {
        std::free(dw);
        std::free(dw_bias);
        std::free(col_scale);
        std::free(post_bias);
    }
    size_t image_floats() const { return (size_t)h * w * c; }
    bool direct() const {
        // end padding shows as an output larger than the input: those pixels need im2col's zero rows
        return nhwc && kh == 1 && kw == 1 && stride_h == 1 && stride_w == 1 && pad_t == 0 && pad_l == 0 && oh == h &&
               ow == w;
    }
    size_t col_floats() const { return depthwise || direct() ? 0 : (size_t)kBlockRows * k; }
    // im2col block, then (hybrid) the quantized image
    size_t scratch_floats() const override { return col_floats() + (hybrid ? image_floats() : 0); }
    // the units run functions split between threads: output pixels (all images) or, depthwise, output rows
    long long units() const { return depthwise ? (long long)n * oh : (long long)n * oh * ow; }
};

// im2col rows of pixels [p, p + rows) of one image into col ([rows][k])
inline void im2col(const ConvPlan& q, const float* x, int p, int rows, float* col) {
    const ptrdiff_t cs = q.nhwc ? 1 : (ptrdiff_t)q.h * q.w;
    const ptrdiff_t xs = q.nhwc ? q.c : 1;
    const ptrdiff_t ys = q.nhwc ? (ptrdiff_t)q.w * q.c : q.w;
    for (int r = 0; r < rows; r++) {
        const int oy = (p + r) / q.ow, ox = (p + r) % q.ow;
        float* dst = col + (size_t)r * q.k;
        const int ix0 = ox * q.stride_w - q.pad_l;
        // NHWC, unit dilation, window inside the row: the kw taps of a kernel row are one contiguous run
        const bool whole_rows = q.nhwc && q.dil_w == 1 && ix0 >= 0 && ix0 + q.kw <= q.w;
        for (int ky = 0; ky < q.kh; ky++) {
            const int iy = oy * q.stride_h - q.pad_t + ky * q.dil_h;
            if (whole_rows) {
                const size_t run = (size_t)q.kw * q.c;
                if (iy < 0 || iy >= q.h) {
                    std::memset(dst, 0, sizeof(float) * run);
                } else {
                    std::memcpy(dst, x + iy * ys + ix0 * xs, sizeof(float) * run);
                }
                dst += run;
                continue;
            }
            for (int kx = 0; kx < q.kw; kx++, dst += q.c) {
                const int ix = ox * q.stride_w - q.pad_l + kx * q.dil_w;
                if (iy < 0 || iy >= q.h || ix < 0 || ix >= q.w) {
                    std::memset(dst, 0, sizeof(float) * q.c);
                } else if (q.nhwc) {
                    std::memcpy(dst, x + iy * ys + ix * xs, sizeof(float) * q.c);
                } else {
                    const float* src = x + iy * ys + ix * xs;
                    for (int ci = 0; ci < q.c; ci++) dst[ci] = src[ci * cs];
                }
            }
        }
    }
}

// output pixels [u0, u1) over all images
inline void conv_gemm_run(const ConvPlan& q, const float* x, float* y, float* col, long long u0, long long u1) {
    const long long pixels = (long long)q.oh * q.ow;
    const size_t x_image = (size_t)q.h * q.w * q.c;
    while (u0 < u1) {
        const int img = (int)(u0 / pixels);
        const int p0 = (int)(u0 % pixels);
        const int p1 = (int)((u1 - (long long)img * pixels) < pixels ? u1 - (long long)img * pixels : pixels);
        const float* xi = x + img * x_image;
        float* yi = y + (size_t)img * pixels * q.m;
        Out o = q.nhwc ? Out{yi, q.m, 1, q.lo, q.hi} : Out{yi, 1, (ptrdiff_t)pixels, q.lo, q.hi};
        if (q.hybrid != 0) {
            // a share of a split call quantizes the whole image itself: the scale depends on all of it
            float* xq = col + q.col_floats();
            const ImageQuantization iq = q.hybrid == 1 ? quantize_symmetric(q.isa, xi, x_image, xq)
                                                       : quantize_asymmetric(q.isa, xi, x_image, xq);
            xi = xq;
            o.col_scale = q.col_scale;
            o.post_bias = q.post_bias;
            o.scale = q.hybrid == 1 ? iq.scale * q.weight_scale : iq.scale;
        }
        if (q.direct()) {
            gemm(q.isa, xi + (size_t)p0 * q.c, q.c, p1 - p0, q.b, o, p0);
        } else {
            for (int p = p0; p < p1; p += kBlockRows) {
                const int rows = p1 - p < kBlockRows ? p1 - p : kBlockRows;
                im2col(q, xi, p, rows, col);
                gemm(q.isa, col, q.k, rows, q.b, o, p);
            }
        }
        u0 = (long long)(img + 1) * pixels;
    }
}

// The window rows/columns of an output position that lie inside the input: taps [t0, t1).
inline void taps_inside(int o, int stride, int pad, int dil, int extent, int taps, int* t0, int* t1) {
    const int start = o * stride - pad;
    int a = 0, b = taps;
    while (a < taps && start + a * dil < 0) a++;
    while (b > a && start + (b - 1) * dil >= extent) b--;
    *t0 = a;
    *t1 = b;
}

inline void dw_portable(const ConvPlan& q, const float* x, float* y, int img, int oy) {
    int ky0, ky1;
    taps_inside(oy, q.stride_h, q.pad_t, q.dil_h, q.h, q.kh, &ky0, &ky1);
    float acc[16];
    for (int ox = 0; ox < q.ow; ox++) {
        int kx0, kx1;
        taps_inside(ox, q.stride_w, q.pad_l, q.dil_w, q.w, q.kw, &kx0, &kx1);
        float* out = y + (((size_t)img * q.oh + oy) * q.ow + ox) * q.c;
        for (int c0 = 0; c0 < q.c; c0 += 16) {
            const int cn = q.c - c0 < 16 ? q.c - c0 : 16;
            for (int j = 0; j < 16; j++) acc[j] = q.dw_bias[c0 + j];
            for (int ky = ky0; ky < ky1; ky++) {
                const int iy = oy * q.stride_h - q.pad_t + ky * q.dil_h;
                for (int kx = kx0; kx < kx1; kx++) {
                    const int ix = ox * q.stride_w - q.pad_l + kx * q.dil_w;
                    const float* src = x + (((size_t)img * q.h + iy) * q.w + ix) * q.c + c0;
                    const float* wt = q.dw + (size_t)(ky * q.kw + kx) * q.c_pad + c0;
                    for (int j = 0; j < cn; j++) acc[j] += src[j] * wt[j];
                }
            }
            for (int j = 0; j < cn; j++) out[c0 + j] = clamp(acc[j], q.lo, q.hi);
        }
    }
}

F32_AVX2 inline void dw_avx2(const ConvPlan& q, const float* x, float* y, int img, int oy) {
    int ky0, ky1;
    taps_inside(oy, q.stride_h, q.pad_t, q.dil_h, q.h, q.kh, &ky0, &ky1);
    const __m256 lo = _mm256_set1_ps(q.lo), hi = _mm256_set1_ps(q.hi);
    alignas(32) static const int32_t ramp[8] = {0, 1, 2, 3, 4, 5, 6, 7};
    const __m256i lanes = _mm256_load_si256((const __m256i*)ramp);
    for (int ox = 0; ox < q.ow; ox++) {
        int kx0, kx1;
        taps_inside(ox, q.stride_w, q.pad_l, q.dil_w, q.w, q.kw, &kx0, &kx1);
        float* out = y + (((size_t)img * q.oh + oy) * q.ow + ox) * q.c;
        for (int c0 = 0; c0 < q.c; c0 += 8) {
            const int cn = q.c - c0 < 8 ? q.c - c0 : 8;
            const __m256i mask = _mm256_cmpgt_epi32(_mm256_set1_epi32(cn), lanes);
            __m256 acc = _mm256_load_ps(q.dw_bias + c0);
            for (int ky = ky0; ky < ky1; ky++) {
                const int iy = oy * q.stride_h - q.pad_t + ky * q.dil_h;
                for (int kx = kx0; kx < kx1; kx++) {
                    const int ix = ox * q.stride_w - q.pad_l + kx * q.dil_w;
                    const float* src = x + (((size_t)img * q.h + iy) * q.w + ix) * q.c + c0;
                    const __m256 v = _mm256_maskload_ps(src, mask);
                    acc = _mm256_fmadd_ps(v, _mm256_load_ps(q.dw + (size_t)(ky * q.kw + kx) * q.c_pad + c0), acc);
                }
            }
            acc = _mm256_min_ps(hi, _mm256_max_ps(lo, acc));
            _mm256_maskstore_ps(out + c0, mask, acc);
        }
    }
}

F32_AVX512 inline void dw_avx512(const ConvPlan& q, const float* x, float* y, int img, int oy) {
    int ky0, ky1;
    taps_inside(oy, q.stride_h, q.pad_t, q.dil_h, q.h, q.kh, &ky0, &ky1);
    const __m512 lo = _mm512_set1_ps(q.lo), hi = _mm512_set1_ps(q.hi);
    for (int ox = 0; ox < q.ow; ox++) {
        int kx0, kx1;
        taps_inside(ox, q.stride_w, q.pad_l, q.dil_w, q.w, q.kw, &kx0, &kx1);
        float* out = y + (((size_t)img * q.oh + oy) * q.ow + ox) * q.c;
        for (int c0 = 0; c0 < q.c; c0 += 16) {
            const int cn = q.c - c0 < 16 ? q.c - c0 : 16;
            const __mmask16 mask = cn == 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << cn) - 1);
            __m512 acc = _mm512_load_ps(q.dw_bias + c0);
            for (int ky = ky0; ky < ky1; ky++) {
                const int iy = oy * q.stride_h - q.pad_t + ky * q.dil_h;
                const float* row = x + (((size_t)img * q.h + iy) * q.w) * q.c + c0;
                const float* wrow = q.dw + (size_t)(ky * q.kw) * q.c_pad + c0;
                for (int kx = kx0; kx < kx1; kx++) {
                    const int ix = ox * q.stride_w - q.pad_l + kx * q.dil_w;
                    const __m512 v = _mm512_maskz_loadu_ps(mask, row + (size_t)ix * q.c);
                    acc = _mm512_fmadd_ps(v, _mm512_load_ps(wrow + (size_t)kx * q.c_pad), acc);
                }
            }
            acc = _mm512_min_ps(hi, _mm512_max_ps(lo, acc));
            _mm512_mask_storeu_ps(out + c0, mask, acc);
        }
    }
}

// output rows [u0, u1) over all images
inline void conv_depthwise_run(const ConvPlan& q, const float* x, float* y, long long u0, long long u1) {
    for (long long u = u0; u < u1; u++) {
        const int img = (int)(u / q.oh), oy = (int)(u % q.oh);
        if (q.isa == ISA_AVX512) {
            dw_avx512(q, x, y, img, oy);
        } else if (q.isa == ISA_AVX2) {
            dw_avx2(q, x, y, img, oy);
        } else {
            dw_portable(q, x, y, img, oy);
        }
    }
}

// weights OHWI [m][kh][kw][c] (depthwise: [c][kh][kw][1]); bias [m] or null. Hybrid: weights hold the int8
// values, scales [m] the weight scales (one value when per tensor).
inline bool conv_pack(ConvPlan& q, const float* weights, const float* bias, const float* scales = nullptr) {
    if (q.hybrid != 0) {
        // the accumulators start at 0 (exact integer sums); the bias comes after the scaling
        if (!q.b.pack(q.isa, weights, true, q.k, q.m, nullptr, 1.0f, 1.0f)) return false;
        const size_t padded = (size_t)q.b.panels * q.b.nr + 32;
        q.col_scale = alloc_floats(padded);
        q.post_bias = alloc_floats(padded);
        if (q.col_scale == nullptr || q.post_bias == nullptr) return false;
        q.weight_scale = scales[0];
        for (int j = 0; j < q.m; j++) {
            q.col_scale[j] = q.hybrid == 2 ? scales[j] : 1.0f;
            q.post_bias[j] = bias == nullptr ? 0.0f : bias[j];
        }
        return true;
    }
    if (!q.depthwise) return q.b.pack(q.isa, weights, true, q.k, q.m, bias, 1.0f, 1.0f);
    const int taps = q.kh * q.kw;
    q.c_pad = (int)round_up((size_t)q.c, 16);
    q.dw = alloc_floats((size_t)taps * q.c_pad);
    q.dw_bias = alloc_floats((size_t)q.c_pad);
    if (q.dw == nullptr || q.dw_bias == nullptr) return false;
    for (int ch = 0; ch < q.c; ch++) {
        for (int t = 0; t < taps; t++) q.dw[(size_t)t * q.c_pad + ch] = weights[(size_t)ch * taps + t];
        q.dw_bias[ch] = bias == nullptr ? 0.0f : bias[ch];
    }
    return true;
}

}  // namespace f32
