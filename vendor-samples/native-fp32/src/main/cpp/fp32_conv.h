// 2-D convolution, NHWC or NCHW, group 1 (im2col + packed GEMM) and NHWC depthwise (one input channel per
// group, multiplier 1). Weights arrive in the layout's own order, OHWI for NHWC and OIHW for NCHW, and the
// im2col row of an output pixel follows it: (ky, kx, ci) for NHWC, where a kernel row is one contiguous run of
// kw x C floats, and (ci, ky, kx) for NCHW, where a kernel row of one channel is a run of kw floats of its plane.
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
// channel scale, then image scale, as the reference (TFLite 2.20) does. On AVX-512 VNNI an NHWC hybrid convolution
// runs in integers instead (fp32_hybrid_vnni.h): the same sums, four times as many per instruction.
#pragma once

#include <immintrin.h>

#include "fp32_common.h"
#include "fp32_gemm.h"
#include "fp32_hybrid.h"
#include "fp32_hybrid_i16.h"
#include "fp32_hybrid_vnni.h"

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
    bool vnni = false;             // hybrid NHWC on AVX-512 VNNI: int8 weights in b8 instead of b
    PackedInt8 b8;
    bool i16 = false;              // hybrid NHWC on AVX2: int16 weights in b16 instead of b (fp32_hybrid_i16.h)
    PackedInt16 b16;
    // NCHW on AVX-512: the weights (OIHW, [m][k]) in blocks of 16 output channels, [m / 16][k][16], so the 16
    // weights a step of the product broadcasts share a cache line; and the bias [m]
    float* rows_w = nullptr;
    float* rows_bias = nullptr;

    ~ConvPlan() override {
        std::free(dw);
        std::free(dw_bias);
        std::free(col_scale);
        std::free(post_bias);
        std::free(rows_w);
        std::free(rows_bias);
    }
    size_t image_floats() const { return (size_t)h * w * c; }
    bool direct() const {
        // end padding shows as an output larger than the input: those pixels need im2col's zero rows
        return nhwc && kh == 1 && kw == 1 && stride_h == 1 && stride_w == 1 && pad_t == 0 && pad_l == 0 && oh == h &&
               ow == w;
    }
    size_t col_floats() const { return depthwise || direct() ? 0 : (size_t)kBlockRows * k; }
    // VNNI: the image as bytes (plus slack: a row's last group of four may read past the image), then im2col's
    // byte rows
    size_t vnni_image_bytes() const { return image_floats() + 64; }
    size_t vnni_bytes() const { return vnni_image_bytes() + (direct() ? 0 : (size_t)kBlockRows * b8.k4 + 64); }
    // AVX2 integer path: the image as int16 (plus slack: a row's last pair may read one element past the image),
    // then im2col's int16 rows
    size_t i16_image_elements() const { return image_floats() + 16; }
    size_t i16_bytes() const {
        return 2 * (i16_image_elements() + (direct() ? 0 : (size_t)kBlockRows * b16.k2 + 16));
    }
    // im2col block, then (hybrid) the quantized image
    size_t scratch_floats() const override {
        if (vnni) return (vnni_bytes() + 3) / 4;
        if (i16) return (i16_bytes() + 3) / 4;
        return col_floats() + (hybrid ? image_floats() : 0);
    }
    // the units run functions split between threads: output pixels (all images) or, depthwise, output rows
    long long units() const { return depthwise ? (long long)n * oh : (long long)n * oh * ow; }
};

// Short runs are copied inline: the runs here are often 3-16 floats (a stem's 3 channels, a 5-tap kernel row),
// where a memcpy call costs more than the copy. The tail is written out so the compiler does not turn it back
// into a call.
inline void copy_run(float* dst, const float* src, size_t n) {
    if (n >= 16) {  // long runs: the library's copy uses the widest vectors
        std::memcpy(dst, src, sizeof(float) * n);
        return;
    }
    size_t i = 0;
    for (; i + 4 <= n; i += 4) _mm_storeu_ps(dst + i, _mm_loadu_ps(src + i));
    const size_t rem = n - i;
    if (rem >= 1) dst[i] = src[i];
    if (rem >= 2) dst[i + 1] = src[i + 1];
    if (rem >= 3) dst[i + 2] = src[i + 2];
}

inline void zero_run(float* dst, size_t n) {
    size_t i = 0;
    for (; i + 4 <= n; i += 4) _mm_storeu_ps(dst + i, _mm_setzero_ps());
    const size_t rem = n - i;
    if (rem >= 1) dst[i] = 0.0f;
    if (rem >= 2) dst[i + 1] = 0.0f;
    if (rem >= 3) dst[i + 2] = 0.0f;
}

// NHWC im2col row of one output pixel, (ky, kx, ci) order (OHWI weights)
inline void im2col_row_nhwc(const ConvPlan& q, const float* x, int oy, int ox, float* dst) {
    const ptrdiff_t ys = (ptrdiff_t)q.w * q.c;
    const int ix0 = ox * q.stride_w - q.pad_l;
    // unit dilation, window inside the row: the kw taps of a kernel row are one contiguous run
    const bool whole_rows = q.dil_w == 1 && ix0 >= 0 && ix0 + q.kw <= q.w;
    for (int ky = 0; ky < q.kh; ky++) {
        const int iy = oy * q.stride_h - q.pad_t + ky * q.dil_h;
        if (whole_rows) {
            const size_t run = (size_t)q.kw * q.c;
            if (iy < 0 || iy >= q.h) {
                zero_run(dst, run);
            } else {
                copy_run(dst, x + iy * ys + (ptrdiff_t)ix0 * q.c, run);
            }
            dst += run;
            continue;
        }
        for (int kx = 0; kx < q.kw; kx++, dst += q.c) {
            const int ix = ix0 + kx * q.dil_w;
            if (iy < 0 || iy >= q.h || ix < 0 || ix >= q.w) {
                zero_run(dst, q.c);
            } else {
                copy_run(dst, x + iy * ys + (ptrdiff_t)ix * q.c, q.c);
            }
        }
    }
}

// NCHW im2col row of one output pixel, (ci, ky, kx) order (OIHW weights, as ONNX stores them): a kernel row of one
// channel is a contiguous run of its plane
inline void im2col_row_nchw(const ConvPlan& q, const float* x, int oy, int ox, float* dst) {
    const size_t plane = (size_t)q.h * q.w;
    const int ix0 = ox * q.stride_w - q.pad_l;
    const bool whole_rows = q.dil_w == 1 && ix0 >= 0 && ix0 + q.kw <= q.w;
    for (int ci = 0; ci < q.c; ci++) {
        const float* src = x + ci * plane;
        for (int ky = 0; ky < q.kh; ky++, dst += q.kw) {
            const int iy = oy * q.stride_h - q.pad_t + ky * q.dil_h;
            if (iy < 0 || iy >= q.h) {
                zero_run(dst, q.kw);
            } else if (whole_rows) {
                copy_run(dst, src + (size_t)iy * q.w + ix0, q.kw);
            } else {
                for (int kx = 0; kx < q.kw; kx++) {
                    const int ix = ix0 + kx * q.dil_w;
                    dst[kx] = ix < 0 || ix >= q.w ? 0.0f : src[(size_t)iy * q.w + ix];
                }
            }
        }
    }
}

// The NHWC row above on AVX-512: each run of a kernel row (ResNet-8's 3 x 16 channels: 48 floats) copied as
// 16-float vectors and one masked tail instead of a library call per run, which took 21 us of ResNet-8's 66 us
// 32x32x16 layer.
F32_AVX512 inline void copy_run_avx512(float* dst, const float* src, size_t n) {
    size_t i = 0;
    for (; i + 16 <= n; i += 16) _mm512_storeu_ps(dst + i, _mm512_loadu_ps(src + i));
    if (i < n) {
        const __mmask16 m = (__mmask16)((1u << (n - i)) - 1);
        _mm512_mask_storeu_ps(dst + i, m, _mm512_maskz_loadu_ps(m, src + i));
    }
}

F32_AVX512 inline void zero_run_avx512(float* dst, size_t n) {
    size_t i = 0;
    for (; i + 16 <= n; i += 16) _mm512_storeu_ps(dst + i, _mm512_setzero_ps());
    if (i < n) _mm512_mask_storeu_ps(dst + i, (__mmask16)((1u << (n - i)) - 1), _mm512_setzero_ps());
}

F32_AVX512 inline void im2col_row_nhwc_avx512(const ConvPlan& q, const float* x, int oy, int ox, float* dst) {
    const ptrdiff_t ys = (ptrdiff_t)q.w * q.c;
    const int ix0 = ox * q.stride_w - q.pad_l;
    const bool whole_rows = q.dil_w == 1 && ix0 >= 0 && ix0 + q.kw <= q.w;
    for (int ky = 0; ky < q.kh; ky++) {
        const int iy = oy * q.stride_h - q.pad_t + ky * q.dil_h;
        if (whole_rows) {
            const size_t run = (size_t)q.kw * q.c;
            if (iy < 0 || iy >= q.h) {
                zero_run_avx512(dst, run);
            } else {
                copy_run_avx512(dst, x + iy * ys + (ptrdiff_t)ix0 * q.c, run);
            }
            dst += run;
            continue;
        }
        for (int kx = 0; kx < q.kw; kx++, dst += q.c) {
            const int ix = ix0 + kx * q.dil_w;
            if (iy < 0 || iy >= q.h || ix < 0 || ix >= q.w) {
                zero_run_avx512(dst, q.c);
            } else {
                copy_run_avx512(dst, x + iy * ys + (ptrdiff_t)ix * q.c, q.c);
            }
        }
    }
}

F32_AVX512 inline void im2col_nhwc_avx512(const ConvPlan& q, const float* x, int p, int rows, float* col) {
    int oy = p / q.ow, ox = p % q.ow;
    for (int r = 0; r < rows; r++) {
        im2col_row_nhwc_avx512(q, x, oy, ox, col + (size_t)r * q.k);
        if (++ox == q.ow) {
            ox = 0;
            oy++;
        }
    }
}

// im2col rows of pixels [p, p + rows) of one image into col ([rows][k])
inline void im2col(const ConvPlan& q, const float* x, int p, int rows, float* col) {
    if (q.nhwc && q.isa == ISA_AVX512) {
        im2col_nhwc_avx512(q, x, p, rows, col);
        return;
    }
    int oy = p / q.ow, ox = p % q.ow;
    for (int r = 0; r < rows; r++) {
        if (q.nhwc) {
            im2col_row_nhwc(q, x, oy, ox, col + (size_t)r * q.k);
        } else {
            im2col_row_nchw(q, x, oy, ox, col + (size_t)r * q.k);
        }
        if (++ox == q.ow) {
            ox = 0;
            oy++;
        }
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

// ---------------------------------------------------------------- AVX-512 direct NHWC convolution
//
// For NHWC convolutions that are not 1x1 the AVX-512 path multiplies the packed weights with the input in place
// for runs of 8 output pixels of a row whose windows lie inside the input horizontally: the (ky, kx, ci) row of a
// pixel is, per kernel row, one contiguous run of kw x C floats, so the micro-kernel broadcasts straight from the
// image and skips kernel rows in the vertical padding. This saves the im2col copy, which costs more than the
// multiplication itself when C is small (3-channel stems: 27 multiply-adds per output channel group per pixel).
// The pixels at the edges and the rest of a row go through im2col as before. Inputs of at most 4 channels only.

constexpr int kDirectPixels = 8;

// Only for few input channels: from 16 channels on, im2col's copy is cheap next to the product and the GEMM's
// taller tiles (24 rows) are faster than runs of 8 pixels (ResNet-8's 3x3 16 -> 16: 62 us via im2col, 71 us direct).
constexpr int kDirectMaxChannels = 4;

inline bool direct_nhwc(const ConvPlan& q) {
    return q.isa == ISA_AVX512 && q.nhwc && !q.direct() && q.dil_w == 1 && q.dil_h == 1 && q.c <= kDirectMaxChannels;
}

template <int NV>
F32_AVX512 inline void direct8_avx512(const ConvPlan& q, const float* x, int oy, int ox, const Out& o) {
    const PackedB& b = q.b;
    const int nr = b.nr, run = q.kw * q.c;
    const ptrdiff_t ps = (ptrdiff_t)q.stride_w * q.c;
    int ky0, ky1;
    taps_inside(oy, q.stride_h, q.pad_t, q.dil_h, q.h, q.kh, &ky0, &ky1);
    const int ix0 = ox * q.stride_w - q.pad_l;
    const __m512 lo = _mm512_set1_ps(o.lo), hi = _mm512_set1_ps(o.hi);
    for (int panel = 0; panel < b.panels; panel++) {
        const float* bp = b.data + (size_t)panel * b.k * nr;
        __m512 c0[kDirectPixels], c1[kDirectPixels];
        const __m512 bias0 = _mm512_load_ps(b.bias + panel * nr);
        const __m512 bias1 = NV == 2 ? _mm512_load_ps(b.bias + panel * nr + 16) : _mm512_setzero_ps();
#pragma GCC unroll 8
        for (int p = 0; p < kDirectPixels; p++) {
            c0[p] = bias0;
            c1[p] = bias1;
        }
        for (int ky = ky0; ky < ky1; ky++) {
            const int iy = oy * q.stride_h - q.pad_t + ky;
            const float* a = x + ((size_t)iy * q.w + ix0) * q.c;
            const float* bk = bp + (size_t)ky * run * nr;
            for (int j = 0; j < run; j++) {
                const __m512 b0 = _mm512_load_ps(bk + (size_t)j * nr);
                const __m512 b1 = NV == 2 ? _mm512_load_ps(bk + (size_t)j * nr + 16) : _mm512_setzero_ps();
#pragma GCC unroll 8
                for (int p = 0; p < kDirectPixels; p++) {
                    const __m512 av = _mm512_set1_ps(a[p * ps + j]);
                    c0[p] = _mm512_fmadd_ps(av, b0, c0[p]);
                    if (NV == 2) c1[p] = _mm512_fmadd_ps(av, b1, c1[p]);
                }
            }
        }
        const int cols = b.n - panel * nr < nr ? b.n - panel * nr : nr;
        const int row0 = oy * q.ow + ox;
#pragma GCC unroll 8
        for (int p = 0; p < kDirectPixels; p++) store_avx512(o, row0 + p, panel * nr, cols, c0[p], c1[p], lo, hi);
    }
}

// pixels [p, p + count) of one image through im2col blocks
inline void im2col_gemm(const ConvPlan& q, const float* x, float* col, const Out& o, int p, int count) {
    for (int end = p + count; p < end; p += kBlockRows) {
        const int rows = end - p < kBlockRows ? end - p : kBlockRows;
        im2col(q, x, p, rows, col);
        gemm(q.isa, col, q.k, rows, q.b, o, p);
    }
}

// pixels [p0, p1) of one image: runs of 8 interior pixels direct, the rest through im2col
inline void direct_run(const ConvPlan& q, const float* x, float* col, const Out& o, int p0, int p1) {
    // ox is inside horizontally when ox * sw - pl >= 0 and ox * sw - pl + kw <= w
    const int first = (q.pad_l + q.stride_w - 1) / q.stride_w;
    const int last = q.w - q.kw + q.pad_l < 0 ? -1 : (q.w - q.kw + q.pad_l) / q.stride_w;  // inclusive
    for (int p = p0; p < p1;) {
        const int oy = p / q.ow;
        const int row_end = p1 < (oy + 1) * q.ow ? p1 : (oy + 1) * q.ow;
        const int xa = p - oy * q.ow, xb = row_end - oy * q.ow;
        int ia = first > xa ? first : xa;
        int ib = last + 1 < xb ? last + 1 : xb;
        if (ib - ia < kDirectPixels) ia = ib = xb;  // no whole run: all through im2col
        const int runs = (ib - ia) / kDirectPixels;
        im2col_gemm(q, x, col, o, oy * q.ow + xa, ia - xa);
        for (int r = 0; r < runs; r++) {
            if (q.b.nr == 32) {
                direct8_avx512<2>(q, x, oy, ia + r * kDirectPixels, o);
            } else {
                direct8_avx512<1>(q, x, oy, ia + r * kDirectPixels, o);
            }
        }
        const int rest = ia + runs * kDirectPixels;
        im2col_gemm(q, x, col, o, oy * q.ow + rest, xb - rest);
        p = row_end;
    }
}

// ---------------------------------------------------------------- AVX-512 NCHW convolution, output planes
//
// NCHW output is planes: the GEMM above would write each pixel's channels with a stride of a whole plane. Here
// the product is turned around, Y[m][pixels] = W[m][K] x X[K][pixels]: blocks of 16 output pixels of one row
// are packed per call as [K][16] (for unit horizontal stride, the 16 inputs of a tap are one run of the input
// row, loaded with a mask that zeroes the padding) and multiplied by the weights as stored (OIHW, broadcast),
// so each output channel's 16 pixels are one vector store into its plane. Float weights, unit horizontal
// stride and dilation; other NCHW convolutions use im2col + GEMM.

constexpr int kPlanePixels = 16;

inline bool nchw_planes(const ConvPlan& q) {
    return (q.isa == ISA_AVX512 || q.isa == ISA_AVX2) && !q.nhwc && q.hybrid == 0 && !q.depthwise && q.stride_w == 1 &&
           q.dil_w == 1;
}

// panel [k][16] of pixels ox0 .. ox0 + count of output row oy
F32_AVX512 inline void pack_plane_panel(const ConvPlan& q, const float* x, int oy, int ox0, int count, float* panel) {
    const size_t plane = (size_t)q.h * q.w;
    const __mmask16 valid = count >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << count) - 1);
    float* dst = panel;
    for (int ci = 0; ci < q.c; ci++) {
        for (int ky = 0; ky < q.kh; ky++) {
            const int iy = oy * q.stride_h - q.pad_t + ky * q.dil_h;
            const bool row_inside = iy >= 0 && iy < q.h;
            const float* row = x + ci * plane + (size_t)(row_inside ? iy : 0) * q.w;
            for (int kx = 0; kx < q.kw; kx++, dst += kPlanePixels) {
                if (!row_inside) {
                    _mm512_storeu_ps(dst, _mm512_setzero_ps());
                    continue;
                }
                // lane j reads column ix0 + j; lanes outside [0, w) or past count stay zero (masked lanes of a
                // load do not fault, so the address may point before the row)
                const int ix0 = ox0 - q.pad_l + kx;
                const int ja = ix0 < 0 ? -ix0 : 0;
                const int jb = q.w - ix0 < 16 ? q.w - ix0 : 16;
                __mmask16 m = valid;
                if (ja > 0) m &= (__mmask16)(0xFFFFu << ja);
                if (jb < 16) m &= jb <= 0 ? (__mmask16)0 : (__mmask16)((1u << jb) - 1);
                _mm512_storeu_ps(dst, _mm512_maskz_loadu_ps(m, row + ix0));
            }
        }
    }
}

template <int MR>
F32_AVX512 inline void plane_rows(const ConvPlan& q, const float* panel, int m0, float* y, size_t at, __mmask16 valid) {
    __m512 acc[MR];
#pragma GCC unroll 16
    for (int r = 0; r < MR; r++) acc[r] = _mm512_set1_ps(q.rows_bias[m0 + r]);
    const float* w = q.rows_w + (size_t)(m0 / 16) * q.k * 16 + m0 % 16;  // row r of step k: w[k * 16 + r]
    for (int k = 0; k < q.k; k++) {
        const __m512 pv = _mm512_loadu_ps(panel + (size_t)k * kPlanePixels);
#pragma GCC unroll 16
        for (int r = 0; r < MR; r++) acc[r] = _mm512_fmadd_ps(_mm512_set1_ps(w[(size_t)k * 16 + r]), pv, acc[r]);
    }
    const __m512 lo = _mm512_set1_ps(q.lo), hi = _mm512_set1_ps(q.hi);
    const size_t plane = (size_t)q.oh * q.ow;
#pragma GCC unroll 16
    for (int r = 0; r < MR; r++) {
        _mm512_mask_storeu_ps(y + (size_t)(m0 + r) * plane + at, valid, _mm512_min_ps(hi, _mm512_max_ps(lo, acc[r])));
    }
}

// pixels [p0, p1) of one image (x and y that image's planes); panel is scratch of k x 16 floats
F32_AVX512 inline void planes_run(const ConvPlan& q, const float* x, float* y, float* panel, int p0, int p1) {
    for (int p = p0; p < p1;) {
        // a block holds up to 16 pixels of one output row
        const int oy = p / q.ow;
        const int row_end = p1 < (oy + 1) * q.ow ? p1 : (oy + 1) * q.ow;
        const int count = row_end - p < kPlanePixels ? row_end - p : kPlanePixels;
        const __mmask16 valid = count >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << count) - 1);
        pack_plane_panel(q, x, oy, p - oy * q.ow, count, panel);
        int m0 = 0;
        for (; m0 + 16 <= q.m; m0 += 16) plane_rows<16>(q, panel, m0, y, p, valid);
        for (; m0 + 8 <= q.m; m0 += 8) plane_rows<8>(q, panel, m0, y, p, valid);
        for (; m0 + 4 <= q.m; m0 += 4) plane_rows<4>(q, panel, m0, y, p, valid);
        for (; m0 < q.m; m0++) plane_rows<1>(q, panel, m0, y, p, valid);
        p += count;
    }
}

// ---------------------------------------------------------------- AVX2 NCHW convolution, output planes
//
// The plane path above on AVX2: the same 16-pixel blocks and weight blocks, each block's 16 pixels two 8-lane
// vectors. Before it, AVX2 ran NCHW through im2col + GEMM, whose 16-column tiles wrote every result a plane apart
// one float at a time and held half padding at 8 output channels (mnist-8's first layer). The sums are the GEMM's
// (the bias, then one FMA per tap in the im2col row's (ci, ky, kx) order, padding taps as zeros), so the outputs are
// the AVX2 im2col path's bits, and a pixel's value does not depend on the block it falls in.

// The lanes of a 16-pixel block (two vectors) that read input column ix0 + j inside [0, w), for j < count.
F32_AVX2 inline void plane_masks_avx2(int ix0, int w, int count, __m256i* m0, __m256i* m1) {
    const __m256i ramp = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), eight = _mm256_set1_epi32(8);
    // j valid when j >= -ix0, j < w - ix0 and j < count: (j > -ix0 - 1) & (min(w - ix0, count) > j)
    const int end = w - ix0 < count ? w - ix0 : count;
    const __m256i from = _mm256_set1_epi32(-ix0 - 1), to = _mm256_set1_epi32(end);
    const __m256i j1 = _mm256_add_epi32(ramp, eight);
    *m0 = _mm256_and_si256(_mm256_cmpgt_epi32(ramp, from), _mm256_cmpgt_epi32(to, ramp));
    *m1 = _mm256_and_si256(_mm256_cmpgt_epi32(j1, from), _mm256_cmpgt_epi32(to, j1));
}

// panel [k][16] of pixels ox0 .. ox0 + count of output row oy; masked-off lanes of a maskload read nothing, so
// an address before the row is not accessed. The masks depend on kx only: worked out once per block.
F32_AVX2 inline void pack_plane_panel_avx2(const ConvPlan& q, const float* x, int oy, int ox0, int count,
                                           float* panel) {
    const size_t plane = (size_t)q.h * q.w;
    __m256i masks[2 * 32];
    const bool few = q.kw <= 32;
    if (few) {
        for (int kx = 0; kx < q.kw; kx++) plane_masks_avx2(ox0 - q.pad_l + kx, q.w, count, &masks[2 * kx], &masks[2 * kx + 1]);
    }
    float* dst = panel;
    for (int ci = 0; ci < q.c; ci++) {
        for (int ky = 0; ky < q.kh; ky++) {
            const int iy = oy * q.stride_h - q.pad_t + ky * q.dil_h;
            const bool row_inside = iy >= 0 && iy < q.h;
            const float* row = x + ci * plane + (size_t)(row_inside ? iy : 0) * q.w;
            for (int kx = 0; kx < q.kw; kx++, dst += kPlanePixels) {
                if (!row_inside) {
                    _mm256_storeu_ps(dst, _mm256_setzero_ps());
                    _mm256_storeu_ps(dst + 8, _mm256_setzero_ps());
                    continue;
                }
                const int ix0 = ox0 - q.pad_l + kx;
                __m256i m0, m1;
                if (few) {
                    m0 = masks[2 * kx];
                    m1 = masks[2 * kx + 1];
                } else {
                    plane_masks_avx2(ix0, q.w, count, &m0, &m1);
                }
                _mm256_storeu_ps(dst, _mm256_maskload_ps(row + ix0, m0));
                _mm256_storeu_ps(dst + 8, _mm256_maskload_ps(row + ix0 + 8, m1));
            }
        }
    }
}

// MR output channels (m0 .. m0 + MR - 1, inside one block of 16) of a 16-pixel block: 2 x MR accumulators
template <int MR>
F32_AVX2 inline void plane_rows_avx2(const ConvPlan& q, const float* panel, int m0, float* y, size_t at, int count) {
    __m256 acc0[MR], acc1[MR];
#pragma GCC unroll 8
    for (int r = 0; r < MR; r++) acc0[r] = acc1[r] = _mm256_set1_ps(q.rows_bias[m0 + r]);
    const float* w = q.rows_w + (size_t)(m0 / 16) * q.k * 16 + m0 % 16;  // row r of step k: w[k * 16 + r]
    for (int k = 0; k < q.k; k++) {
        const __m256 p0 = _mm256_loadu_ps(panel + (size_t)k * kPlanePixels);
        const __m256 p1 = _mm256_loadu_ps(panel + (size_t)k * kPlanePixels + 8);
#pragma GCC unroll 8
        for (int r = 0; r < MR; r++) {
            const __m256 wv = _mm256_broadcast_ss(w + (size_t)k * 16 + r);
            acc0[r] = _mm256_fmadd_ps(wv, p0, acc0[r]);
            acc1[r] = _mm256_fmadd_ps(wv, p1, acc1[r]);
        }
    }
    const __m256 lo = _mm256_set1_ps(q.lo), hi = _mm256_set1_ps(q.hi);
    const size_t plane = (size_t)q.oh * q.ow;
    const __m256i ramp = _mm256_setr_epi32(8, 9, 10, 11, 12, 13, 14, 15);
    const __m256i tail = _mm256_cmpgt_epi32(_mm256_set1_epi32(count), ramp);  // lanes 8.. of the block
    const __m256i head = _mm256_cmpgt_epi32(_mm256_set1_epi32(count), _mm256_sub_epi32(ramp, _mm256_set1_epi32(8)));
#pragma GCC unroll 8
    for (int r = 0; r < MR; r++) {
        float* out = y + (size_t)(m0 + r) * plane + at;
        // max(lo, v) and min(hi, v) return v when v is NaN, as the GEMM's store
        const __m256 v0 = _mm256_min_ps(hi, _mm256_max_ps(lo, acc0[r]));
        const __m256 v1 = _mm256_min_ps(hi, _mm256_max_ps(lo, acc1[r]));
        if (count >= 16) {
            _mm256_storeu_ps(out, v0);
            _mm256_storeu_ps(out + 8, v1);
        } else {
            _mm256_maskstore_ps(out, head, v0);
            _mm256_maskstore_ps(out + 8, tail, v1);
        }
    }
}

// output channels [mb, mb + 16) (or fewer at the end) of a block: tiles of 6 (12 accumulators), then 4, 2, 1
F32_AVX2 inline void plane_block_avx2(const ConvPlan& q, const float* panel, int mb, float* y, size_t at, int count) {
    const int end = q.m - mb < 16 ? q.m : mb + 16;
    int m0 = mb;
    for (; m0 + 6 <= end; m0 += 6) plane_rows_avx2<6>(q, panel, m0, y, at, count);
    for (; m0 + 4 <= end; m0 += 4) plane_rows_avx2<4>(q, panel, m0, y, at, count);
    for (; m0 + 2 <= end; m0 += 2) plane_rows_avx2<2>(q, panel, m0, y, at, count);
    for (; m0 < end; m0++) plane_rows_avx2<1>(q, panel, m0, y, at, count);
}

// pixels [p0, p1) of one image (x and y that image's planes); panel is scratch of k x 16 floats
F32_AVX2 inline void planes_run_avx2(const ConvPlan& q, const float* x, float* y, float* panel, int p0, int p1) {
    for (int p = p0; p < p1;) {
        const int oy = p / q.ow;
        const int row_end = p1 < (oy + 1) * q.ow ? p1 : (oy + 1) * q.ow;
        const int count = row_end - p < kPlanePixels ? row_end - p : kPlanePixels;
        pack_plane_panel_avx2(q, x, oy, p - oy * q.ow, count, panel);
        for (int mb = 0; mb < q.m; mb += 16) plane_block_avx2(q, panel, mb, y, p, count);
        p += count;
    }
}

// ---------------------------------------------------------------- hybrid on VNNI (NHWC)

// Byte runs of im2col rows are short (a 1-channel stem's kernel row is 4 bytes): they are copied as whole 8-byte
// words, reading and writing up to 7 bytes past the run. Rows are written in increasing address order, so a later
// run overwrites the excess; the image and the im2col block are followed by 64 bytes of slack (vnni_bytes).
inline void copy_bytes(uint8_t* dst, const uint8_t* src, size_t n) {
    if (n <= 4) {
        std::memcpy(dst, src, 4);
        return;
    }
    if (n > 32) {
        std::memcpy(dst, src, n);
        return;
    }
    for (size_t i = 0; i < n; i += 8) std::memcpy(dst + i, src + i, 8);
}

inline void fill_bytes(uint8_t* dst, uint8_t v, size_t n) {
    const uint64_t word = 0x0101010101010101ull * v;
    for (size_t i = 0; i < n; i += 8) std::memcpy(dst + i, &word, 8);
}

// The byte im2col row of one output pixel, (ky, kx, ci) order, taps in the padding and the k4 - k tail = pad.
inline void im2col_row_u8(const ConvPlan& q, const uint8_t* x, int oy, int ox, uint8_t pad, uint8_t* dst) {
    const ptrdiff_t ys = (ptrdiff_t)q.w * q.c;
    const int ix0 = ox * q.stride_w - q.pad_l;
    const bool whole_rows = q.dil_w == 1 && ix0 >= 0 && ix0 + q.kw <= q.w;
    uint8_t* const start = dst;
    for (int ky = 0; ky < q.kh; ky++) {
        const int iy = oy * q.stride_h - q.pad_t + ky * q.dil_h;
        if (whole_rows) {
            const size_t run = (size_t)q.kw * q.c;
            if (iy < 0 || iy >= q.h) {
                fill_bytes(dst, pad, run);
            } else {
                copy_bytes(dst, x + iy * ys + (ptrdiff_t)ix0 * q.c, run);
            }
            dst += run;
            continue;
        }
        for (int kx = 0; kx < q.kw; kx++, dst += q.c) {
            const int ix = ix0 + kx * q.dil_w;
            if (iy < 0 || iy >= q.h || ix < 0 || ix >= q.w) {
                fill_bytes(dst, pad, q.c);
            } else {
                copy_bytes(dst, x + iy * ys + (ptrdiff_t)ix * q.c, q.c);
            }
        }
    }
    fill_bytes(dst, pad, (size_t)q.b8.k4 - (size_t)(dst - start));
}

// pixels [p0, p1) of one image xi (float); scratch holds vnni_bytes(); o carries the scales (scale unset). Not
// inlined: conv_gemm_run stays the size it was for the float layers.
__attribute__((noinline)) inline void hybrid_vnni_run(const ConvPlan& q, const float* xi, void* scratch, Out o,
                                                      int p0, int p1) {
    uint8_t* image = (uint8_t*)scratch;
    uint8_t* col = image + q.vnni_image_bytes();
    QuantizedImage qi;
    qi.u = image;
    const ImageQuantization iq = q.hybrid == 1 ? quantize_symmetric(q.isa, xi, q.image_floats(), qi)
                                               : quantize_asymmetric(q.isa, xi, q.image_floats(), qi);
    std::memset(image + q.image_floats(), 128 + iq.offset, 64);
    o.scale = q.hybrid == 1 ? iq.scale * q.weight_scale : iq.scale;
    const int zero = 128 + iq.offset;
    if (q.direct()) {
        gemm_vnni(image + (size_t)p0 * q.c, q.c, p1 - p0, q.b8, zero, o, p0);
        return;
    }
    for (int p = p0; p < p1; p += kBlockRows) {
        const int rows = p1 - p < kBlockRows ? p1 - p : kBlockRows;
        int oy = p / q.ow, ox = p % q.ow;
        for (int r = 0; r < rows; r++) {
            im2col_row_u8(q, image, oy, ox, (uint8_t)zero, col + (size_t)r * q.b8.k4);
            if (++ox == q.ow) {
                ox = 0;
                oy++;
            }
        }
        gemm_vnni(col, q.b8.k4, rows, q.b8, zero, o, p);
    }
}

// ---------------------------------------------------------------- hybrid on AVX2 in int16 (NHWC)

// Short int16 runs (a 1-channel stem's kernel row is 4 values) are copied as whole 8-byte words, reading and writing
// up to 3 values past the run, as copy_bytes does: rows are written in increasing address order, so a later run
// overwrites the excess, and the image and the im2col block are followed by 16 values of slack (i16_bytes).
inline void copy_i16(int16_t* dst, const int16_t* src, size_t n) {
    if (n > 16) {
        std::memcpy(dst, src, n * sizeof(int16_t));
        return;
    }
    for (size_t i = 0; i < n; i += 4) std::memcpy(dst + i, src + i, 8);
}

inline void zero_i16(int16_t* dst, size_t n) {
    const uint64_t zero = 0;
    for (size_t i = 0; i < n; i += 4) std::memcpy(dst + i, &zero, 8);
}

// The int16 im2col row of one output pixel, (ky, kx, ci) order; taps in the padding and the k2 - k tail are 0
// (q - offset of a zero input, what the float path's zero rows are).
inline void im2col_row_i16(const ConvPlan& q, const int16_t* x, int oy, int ox, int16_t* dst) {
    const ptrdiff_t ys = (ptrdiff_t)q.w * q.c;
    const int ix0 = ox * q.stride_w - q.pad_l;
    const bool whole_rows = q.dil_w == 1 && ix0 >= 0 && ix0 + q.kw <= q.w;
    int16_t* const start = dst;
    for (int ky = 0; ky < q.kh; ky++) {
        const int iy = oy * q.stride_h - q.pad_t + ky * q.dil_h;
        if (whole_rows) {
            const size_t run = (size_t)q.kw * q.c;
            if (iy < 0 || iy >= q.h) {
                zero_i16(dst, run);
            } else {
                copy_i16(dst, x + iy * ys + (ptrdiff_t)ix0 * q.c, run);
            }
            dst += run;
            continue;
        }
        for (int kx = 0; kx < q.kw; kx++, dst += q.c) {
            const int ix = ix0 + kx * q.dil_w;
            if (iy < 0 || iy >= q.h || ix < 0 || ix >= q.w) {
                zero_i16(dst, (size_t)q.c);
            } else {
                copy_i16(dst, x + iy * ys + (ptrdiff_t)ix * q.c, (size_t)q.c);
            }
        }
    }
    if (dst - start < q.b16.k2) *dst = 0;
}

// pixels [p0, p1) of one image xi (float); scratch holds i16_bytes(); o carries the scales (scale unset)
__attribute__((noinline)) inline void hybrid_i16_run(const ConvPlan& q, const float* xi, void* scratch, Out o,
                                                     int p0, int p1) {
    int16_t* image = (int16_t*)scratch;
    int16_t* col = image + q.i16_image_elements();
    QuantizedImage qi;
    qi.s = image;
    const ImageQuantization iq = q.hybrid == 1 ? quantize_symmetric(q.isa, xi, q.image_floats(), qi)
                                               : quantize_asymmetric(q.isa, xi, q.image_floats(), qi);
    // the last pair of the last pixel of a direct 1x1 with odd C reads one element past the image (times a zero weight)
    std::memset(image + q.image_floats(), 0, 16 * sizeof(int16_t));
    o.scale = q.hybrid == 1 ? iq.scale * q.weight_scale : iq.scale;
    if (q.direct()) {
        gemm_i16_avx2(image + (size_t)p0 * q.c, q.c, p1 - p0, q.b16, o, p0);
        return;
    }
    for (int p = p0; p < p1; p += kBlockRows) {
        const int rows = p1 - p < kBlockRows ? p1 - p : kBlockRows;
        int oy = p / q.ow, ox = p % q.ow;
        for (int r = 0; r < rows; r++) {
            im2col_row_i16(q, image, oy, ox, col + (size_t)r * q.b16.k2);
            if (++ox == q.ow) {
                ox = 0;
                oy++;
            }
        }
        gemm_i16_avx2(col, q.b16.k2, rows, q.b16, o, p);
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
            o.col_scale = q.col_scale;
            o.post_bias = q.post_bias;
            if (q.vnni) {
                hybrid_vnni_run(q, xi, col, o, p0, p1);
                u0 = (long long)(img + 1) * pixels;
                continue;
            }
            if (q.i16) {
                hybrid_i16_run(q, xi, col, o, p0, p1);
                u0 = (long long)(img + 1) * pixels;
                continue;
            }
            QuantizedImage xq;
            xq.q = col + q.col_floats();
            const ImageQuantization iq = q.hybrid == 1 ? quantize_symmetric(q.isa, xi, x_image, xq)
                                                       : quantize_asymmetric(q.isa, xi, x_image, xq);
            xi = xq.q;
            o.scale = q.hybrid == 1 ? iq.scale * q.weight_scale : iq.scale;
        }
        if (q.direct()) {
            gemm(q.isa, xi + (size_t)p0 * q.c, q.c, p1 - p0, q.b, o, p0);
        } else if (nchw_planes(q)) {
            if (q.isa == ISA_AVX512) {
                planes_run(q, xi, yi, col, p0, p1);
            } else {
                planes_run_avx2(q, xi, yi, col, p0, p1);
            }
        } else if (direct_nhwc(q)) {
            direct_run(q, xi, col, o, p0, p1);
        } else {
            im2col_gemm(q, xi, col, o, p0, p1 - p0);
        }
        u0 = (long long)(img + 1) * pixels;
    }
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

// 3x3, unit dilation, on AVX2: as dw3x3_avx512 below, a block of 8 channels keeps its nine weight vectors in
// registers while it walks the output row, one FMA chain per kernel row (three deep instead of nine; KWS's rows of 5
// pixels are too narrow for dw_avx2's runs of four pixels, so every pixel waited on a chain of nine FMAs: 16 us for
// 25x5x64). Pixels whose three taps lie inside the row and full channel blocks load plainly; the others use
// maskloads whose mask is empty for a tap outside the row (zeros, the address is not accessed).
F32_AVX2 inline void dw3x3_avx2(const ConvPlan& q, const float* image, float* out_row, int oy, int ky0, int ky1) {
    const __m256 lo = _mm256_set1_ps(q.lo), hi = _mm256_set1_ps(q.hi);
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), none = _mm256_setzero_si256();
    const float* rows[3];
    for (int ky = 0; ky < 3; ky++) {
        const int iy = oy * q.stride_h - q.pad_t + ky;
        rows[ky] = image + (size_t)(ky >= ky0 && ky < ky1 ? iy : 0) * q.w * q.c;
    }
    for (int c0 = 0; c0 < q.c; c0 += 8) {
        const int cn = q.c - c0 < 8 ? q.c - c0 : 8;
        const __m256i mask = _mm256_cmpgt_epi32(_mm256_set1_epi32(cn), lanes);
        const __m256 bias = _mm256_load_ps(q.dw_bias + c0);
        __m256 wv[9];
#pragma GCC unroll 9
        for (int t = 0; t < 9; t++) wv[t] = _mm256_load_ps(q.dw + (size_t)t * q.c_pad + c0);
        for (int ox = 0; ox < q.ow; ox++) {
            const int ix0 = ox * q.stride_w - q.pad_l;
            __m256 acc[3] = {bias, _mm256_setzero_ps(), _mm256_setzero_ps()};
            if (cn == 8 && ix0 >= 0 && ix0 + 2 < q.w) {
#pragma GCC unroll 3
                for (int ky = 0; ky < 3; ky++) {
                    if (ky < ky0 || ky >= ky1) continue;
                    const float* src = rows[ky] + (ptrdiff_t)ix0 * q.c + c0;
                    acc[ky] = _mm256_fmadd_ps(_mm256_loadu_ps(src), wv[ky * 3], acc[ky]);
                    acc[ky] = _mm256_fmadd_ps(_mm256_loadu_ps(src + q.c), wv[ky * 3 + 1], acc[ky]);
                    acc[ky] = _mm256_fmadd_ps(_mm256_loadu_ps(src + 2 * q.c), wv[ky * 3 + 2], acc[ky]);
                }
            } else {
                const __m256i m0 = ix0 >= 0 && ix0 < q.w ? mask : none;
                const __m256i m1 = ix0 + 1 >= 0 && ix0 + 1 < q.w ? mask : none;
                const __m256i m2 = ix0 + 2 >= 0 && ix0 + 2 < q.w ? mask : none;
#pragma GCC unroll 3
                for (int ky = 0; ky < 3; ky++) {
                    if (ky < ky0 || ky >= ky1) continue;
                    const float* src = rows[ky] + (ptrdiff_t)ix0 * q.c + c0;
                    acc[ky] = _mm256_fmadd_ps(_mm256_maskload_ps(src, m0), wv[ky * 3], acc[ky]);
                    acc[ky] = _mm256_fmadd_ps(_mm256_maskload_ps(src + q.c, m1), wv[ky * 3 + 1], acc[ky]);
                    acc[ky] = _mm256_fmadd_ps(_mm256_maskload_ps(src + 2 * q.c, m2), wv[ky * 3 + 2], acc[ky]);
                }
            }
            const __m256 sum = _mm256_add_ps(_mm256_add_ps(acc[0], acc[1]), acc[2]);
            const __m256 v = _mm256_min_ps(hi, _mm256_max_ps(lo, sum));
            float* o = out_row + (size_t)ox * q.c + c0;
            if (cn == 8) {
                _mm256_storeu_ps(o, v);
            } else {
                _mm256_maskstore_ps(o, mask, v);
            }
        }
    }
}

// The SIMD depthwise rows walk one block of channels at a time across the whole output row, so the block's mask,
// bias and the row's tap range are worked out once per row and block, not once per pixel; output pixels whose
// window lies inside the input (all but a few at the edges) take an unrolled 3-tap row for 3-wide kernels.
F32_AVX2 inline void dw_avx2(const ConvPlan& q, const float* x, float* y, int img, int oy) {
    int ky0, ky1;
    taps_inside(oy, q.stride_h, q.pad_t, q.dil_h, q.h, q.kh, &ky0, &ky1);
    if (q.kh == 3 && q.kw == 3 && q.dil_h == 1 && q.dil_w == 1) {
        dw3x3_avx2(q, x + (size_t)img * q.h * q.w * q.c, y + (((size_t)img * q.oh + oy) * q.ow) * q.c, oy, ky0, ky1);
        return;
    }
    const __m256 lo = _mm256_set1_ps(q.lo), hi = _mm256_set1_ps(q.hi);
    alignas(32) static const int32_t ramp[8] = {0, 1, 2, 3, 4, 5, 6, 7};
    const __m256i lanes = _mm256_load_si256((const __m256i*)ramp);
    const float* image = x + (size_t)img * q.h * q.w * q.c;
    float* out_row = y + (((size_t)img * q.oh + oy) * q.ow) * q.c;
    const ptrdiff_t ds = (ptrdiff_t)q.dil_w * q.c;
    for (int c0 = 0; c0 < q.c; c0 += 8) {
        const int cn = q.c - c0 < 8 ? q.c - c0 : 8;
        const __m256i mask = _mm256_cmpgt_epi32(_mm256_set1_epi32(cn), lanes);
        const __m256 bias = _mm256_load_ps(q.dw_bias + c0);
        for (int ox = 0; ox < q.ow; ox++) {
            const int ix0 = ox * q.stride_w - q.pad_l;
            if (q.kw == 3 && ix0 >= 0 && ox + 3 < q.ow && (ox + 3) * q.stride_w - q.pad_l + 2 * q.dil_w < q.w) {
                // four pixels at once: four independent FMA chains instead of one waiting on each FMA's latency
                const ptrdiff_t ps = (ptrdiff_t)q.stride_w * q.c;
                __m256 a0 = bias, a1 = bias, a2 = bias, a3 = bias;
                for (int ky = ky0; ky < ky1; ky++) {
                    const int iy = oy * q.stride_h - q.pad_t + ky * q.dil_h;
                    const float* src = image + ((size_t)iy * q.w + ix0) * q.c + c0;
                    const float* wt = q.dw + (size_t)(ky * 3) * q.c_pad + c0;
#pragma GCC unroll 3
                    for (int kx = 0; kx < 3; kx++) {
                        const __m256 wv = _mm256_load_ps(wt + (size_t)kx * q.c_pad);
                        const float* t = src + kx * ds;
                        a0 = _mm256_fmadd_ps(_mm256_maskload_ps(t, mask), wv, a0);
                        a1 = _mm256_fmadd_ps(_mm256_maskload_ps(t + ps, mask), wv, a1);
                        a2 = _mm256_fmadd_ps(_mm256_maskload_ps(t + 2 * ps, mask), wv, a2);
                        a3 = _mm256_fmadd_ps(_mm256_maskload_ps(t + 3 * ps, mask), wv, a3);
                    }
                }
                float* o = out_row + (size_t)ox * q.c + c0;
                _mm256_maskstore_ps(o, mask, _mm256_min_ps(hi, _mm256_max_ps(lo, a0)));
                _mm256_maskstore_ps(o + q.c, mask, _mm256_min_ps(hi, _mm256_max_ps(lo, a1)));
                _mm256_maskstore_ps(o + 2 * q.c, mask, _mm256_min_ps(hi, _mm256_max_ps(lo, a2)));
                _mm256_maskstore_ps(o + 3 * q.c, mask, _mm256_min_ps(hi, _mm256_max_ps(lo, a3)));
                ox += 3;
                continue;
            }
            __m256 acc = bias;
            if (q.kw == 3 && ix0 >= 0 && ix0 + 2 * q.dil_w < q.w) {
                for (int ky = ky0; ky < ky1; ky++) {
                    const int iy = oy * q.stride_h - q.pad_t + ky * q.dil_h;
                    const float* src = image + ((size_t)iy * q.w + ix0) * q.c + c0;
                    const float* wt = q.dw + (size_t)(ky * 3) * q.c_pad + c0;
                    acc = _mm256_fmadd_ps(_mm256_maskload_ps(src, mask), _mm256_load_ps(wt), acc);
                    acc = _mm256_fmadd_ps(_mm256_maskload_ps(src + ds, mask), _mm256_load_ps(wt + q.c_pad), acc);
                    acc = _mm256_fmadd_ps(_mm256_maskload_ps(src + 2 * ds, mask), _mm256_load_ps(wt + 2 * q.c_pad),
                                          acc);
                }
            } else {
                int kx0, kx1;
                taps_inside(ox, q.stride_w, q.pad_l, q.dil_w, q.w, q.kw, &kx0, &kx1);
                for (int ky = ky0; ky < ky1; ky++) {
                    const int iy = oy * q.stride_h - q.pad_t + ky * q.dil_h;
                    for (int kx = kx0; kx < kx1; kx++) {
                        const int ix = ix0 + kx * q.dil_w;
                        const float* src = image + ((size_t)iy * q.w + ix) * q.c + c0;
                        acc = _mm256_fmadd_ps(_mm256_maskload_ps(src, mask),
                                              _mm256_load_ps(q.dw + (size_t)(ky * q.kw + kx) * q.c_pad + c0), acc);
                    }
                }
            }
            acc = _mm256_min_ps(hi, _mm256_max_ps(lo, acc));
            _mm256_maskstore_ps(out_row + (size_t)ox * q.c + c0, mask, acc);
        }
    }
}

// 3x3, unit dilation: a block of 16 channels keeps its nine weight vectors in registers while it walks the output
// row, and a tap outside the row is a load with an empty mask (zeros, no access), so every pixel, edges included,
// costs nine input loads and nine FMAs without branches (the paths below also load a weight vector per FMA, and
// 512-bit loads, one per cycle here, bound them). Rows in the vertical padding are skipped as before.
F32_AVX512 inline void dw3x3_avx512(const ConvPlan& q, const float* image, float* out_row, int oy, int ky0, int ky1) {
    const __m512 lo = _mm512_set1_ps(q.lo), hi = _mm512_set1_ps(q.hi);
    for (int c0 = 0; c0 < q.c; c0 += 16) {
        const int cn = q.c - c0 < 16 ? q.c - c0 : 16;
        const __mmask16 mask = cn == 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << cn) - 1);
        const __m512 bias = _mm512_load_ps(q.dw_bias + c0);
        __m512 wv[9];
#pragma GCC unroll 9
        for (int t = 0; t < 9; t++) wv[t] = _mm512_load_ps(q.dw + (size_t)t * q.c_pad + c0);
        const float* rows[3];
        for (int ky = 0; ky < 3; ky++) {
            const int iy = oy * q.stride_h - q.pad_t + ky;
            rows[ky] = image + (size_t)(ky >= ky0 && ky < ky1 ? iy : 0) * q.w * q.c + c0;
        }
        for (int ox = 0; ox < q.ow; ox++) {
            const int ix0 = ox * q.stride_w - q.pad_l;
            // masked lanes of a load do not fault, so the address of a tap outside the row is never accessed
            const __mmask16 m0 = ix0 >= 0 && ix0 < q.w ? mask : 0;
            const __mmask16 m1 = ix0 + 1 >= 0 && ix0 + 1 < q.w ? mask : 0;
            const __mmask16 m2 = ix0 + 2 >= 0 && ix0 + 2 < q.w ? mask : 0;
            // one chain per kernel row (three FMAs deep instead of nine), summed at the end
            __m512 acc[3] = {bias, _mm512_setzero_ps(), _mm512_setzero_ps()};
#pragma GCC unroll 3
            for (int ky = 0; ky < 3; ky++) {
                if (ky < ky0 || ky >= ky1) continue;
                const float* src = rows[ky] + (ptrdiff_t)ix0 * q.c;
                acc[ky] = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m0, src), wv[ky * 3], acc[ky]);
                acc[ky] = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m1, src + q.c), wv[ky * 3 + 1], acc[ky]);
                acc[ky] = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m2, src + 2 * q.c), wv[ky * 3 + 2], acc[ky]);
            }
            const __m512 sum = _mm512_add_ps(_mm512_add_ps(acc[0], acc[1]), acc[2]);
            _mm512_mask_storeu_ps(out_row + (size_t)ox * q.c + c0, mask, _mm512_min_ps(hi, _mm512_max_ps(lo, sum)));
        }
    }
}

F32_AVX512 inline void dw_avx512(const ConvPlan& q, const float* x, float* y, int img, int oy) {
    int ky0, ky1;
    taps_inside(oy, q.stride_h, q.pad_t, q.dil_h, q.h, q.kh, &ky0, &ky1);
    if (q.kh == 3 && q.kw == 3 && q.dil_h == 1 && q.dil_w == 1) {
        dw3x3_avx512(q, x + (size_t)img * q.h * q.w * q.c, y + (((size_t)img * q.oh + oy) * q.ow) * q.c, oy, ky0, ky1);
        return;
    }
    const __m512 lo = _mm512_set1_ps(q.lo), hi = _mm512_set1_ps(q.hi);
    const float* image = x + (size_t)img * q.h * q.w * q.c;
    float* out_row = y + (((size_t)img * q.oh + oy) * q.ow) * q.c;
    const ptrdiff_t ds = (ptrdiff_t)q.dil_w * q.c;
    // 64 channels and more: four full channel blocks per pixel, four independent FMA chains also where a row is
    // too narrow for runs of four pixels (KWS: 5 columns)
    const int c64 = q.c / 64 * 64;
    for (int ox = 0; c64 > 0 && ox < q.ow; ox++) {
        int kx0, kx1;
        taps_inside(ox, q.stride_w, q.pad_l, q.dil_w, q.w, q.kw, &kx0, &kx1);
        const int ix0 = ox * q.stride_w - q.pad_l;
        for (int c0 = 0; c0 < c64; c0 += 64) {
            __m512 a0 = _mm512_load_ps(q.dw_bias + c0), a1 = _mm512_load_ps(q.dw_bias + c0 + 16);
            __m512 a2 = _mm512_load_ps(q.dw_bias + c0 + 32), a3 = _mm512_load_ps(q.dw_bias + c0 + 48);
            for (int ky = ky0; ky < ky1; ky++) {
                const int iy = oy * q.stride_h - q.pad_t + ky * q.dil_h;
                const float* row = image + (size_t)iy * q.w * q.c + c0;
                const float* wrow = q.dw + (size_t)(ky * q.kw) * q.c_pad + c0;
                for (int kx = kx0; kx < kx1; kx++) {
                    const float* src = row + (size_t)(ix0 + kx * q.dil_w) * q.c;
                    const float* wt = wrow + (size_t)kx * q.c_pad;
                    a0 = _mm512_fmadd_ps(_mm512_loadu_ps(src), _mm512_load_ps(wt), a0);
                    a1 = _mm512_fmadd_ps(_mm512_loadu_ps(src + 16), _mm512_load_ps(wt + 16), a1);
                    a2 = _mm512_fmadd_ps(_mm512_loadu_ps(src + 32), _mm512_load_ps(wt + 32), a2);
                    a3 = _mm512_fmadd_ps(_mm512_loadu_ps(src + 48), _mm512_load_ps(wt + 48), a3);
                }
            }
            float* o = out_row + (size_t)ox * q.c + c0;
            _mm512_storeu_ps(o, _mm512_min_ps(hi, _mm512_max_ps(lo, a0)));
            _mm512_storeu_ps(o + 16, _mm512_min_ps(hi, _mm512_max_ps(lo, a1)));
            _mm512_storeu_ps(o + 32, _mm512_min_ps(hi, _mm512_max_ps(lo, a2)));
            _mm512_storeu_ps(o + 48, _mm512_min_ps(hi, _mm512_max_ps(lo, a3)));
        }
    }
    for (int c0 = c64; c0 < q.c; c0 += 16) {
        const int cn = q.c - c0 < 16 ? q.c - c0 : 16;
        const __mmask16 mask = cn == 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << cn) - 1);
        const __m512 bias = _mm512_load_ps(q.dw_bias + c0);
        for (int ox = 0; ox < q.ow; ox++) {
            const int ix0 = ox * q.stride_w - q.pad_l;
            if (q.kw == 3 && ix0 >= 0 && ox + 3 < q.ow && (ox + 3) * q.stride_w - q.pad_l + 2 * q.dil_w < q.w) {
                // four pixels at once: four independent FMA chains instead of one waiting on each FMA's latency
                const ptrdiff_t ps = (ptrdiff_t)q.stride_w * q.c;
                __m512 a0 = bias, a1 = bias, a2 = bias, a3 = bias;
                for (int ky = ky0; ky < ky1; ky++) {
                    const int iy = oy * q.stride_h - q.pad_t + ky * q.dil_h;
                    const float* src = image + ((size_t)iy * q.w + ix0) * q.c + c0;
                    const float* wt = q.dw + (size_t)(ky * 3) * q.c_pad + c0;
#pragma GCC unroll 3
                    for (int kx = 0; kx < 3; kx++) {
                        const __m512 wv = _mm512_load_ps(wt + (size_t)kx * q.c_pad);
                        const float* t = src + kx * ds;
                        a0 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(mask, t), wv, a0);
                        a1 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(mask, t + ps), wv, a1);
                        a2 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(mask, t + 2 * ps), wv, a2);
                        a3 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(mask, t + 3 * ps), wv, a3);
                    }
                }
                float* o = out_row + (size_t)ox * q.c + c0;
                _mm512_mask_storeu_ps(o, mask, _mm512_min_ps(hi, _mm512_max_ps(lo, a0)));
                _mm512_mask_storeu_ps(o + q.c, mask, _mm512_min_ps(hi, _mm512_max_ps(lo, a1)));
                _mm512_mask_storeu_ps(o + 2 * q.c, mask, _mm512_min_ps(hi, _mm512_max_ps(lo, a2)));
                _mm512_mask_storeu_ps(o + 3 * q.c, mask, _mm512_min_ps(hi, _mm512_max_ps(lo, a3)));
                ox += 3;
                continue;
            }
            __m512 acc = bias;
            if (q.kw == 3 && ix0 >= 0 && ix0 + 2 * q.dil_w < q.w) {
                for (int ky = ky0; ky < ky1; ky++) {
                    const int iy = oy * q.stride_h - q.pad_t + ky * q.dil_h;
                    const float* src = image + ((size_t)iy * q.w + ix0) * q.c + c0;
                    const float* wt = q.dw + (size_t)(ky * 3) * q.c_pad + c0;
                    acc = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(mask, src), _mm512_load_ps(wt), acc);
                    acc = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(mask, src + ds), _mm512_load_ps(wt + q.c_pad), acc);
                    acc = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(mask, src + 2 * ds), _mm512_load_ps(wt + 2 * q.c_pad),
                                          acc);
                }
            } else {
                int kx0, kx1;
                taps_inside(ox, q.stride_w, q.pad_l, q.dil_w, q.w, q.kw, &kx0, &kx1);
                for (int ky = ky0; ky < ky1; ky++) {
                    const int iy = oy * q.stride_h - q.pad_t + ky * q.dil_h;
                    const float* row = image + (size_t)iy * q.w * q.c + c0;
                    const float* wrow = q.dw + (size_t)(ky * q.kw) * q.c_pad + c0;
                    for (int kx = kx0; kx < kx1; kx++) {
                        const int ix = ix0 + kx * q.dil_w;
                        acc = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(mask, row + (size_t)ix * q.c),
                                              _mm512_load_ps(wrow + (size_t)kx * q.c_pad), acc);
                    }
                }
            }
            acc = _mm512_min_ps(hi, _mm512_max_ps(lo, acc));
            _mm512_mask_storeu_ps(out_row + (size_t)ox * q.c + c0, mask, acc);
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

// weights OHWI [m][kh][kw][c] for NHWC, OIHW [m][c][kh][kw] for NCHW (depthwise: [c][kh][kw][1]); bias [m] or
// null. Hybrid: weights hold the int8
// values, scales [m] the weight scales (one value when per tensor).
inline bool conv_pack(ConvPlan& q, const float* weights, const float* bias, const float* scales = nullptr) {
    if (q.hybrid != 0) {
        // the accumulators start at 0 (exact integer sums); the bias comes after the scaling
        q.vnni = q.isa == ISA_AVX512 && q.nhwc && cpu_has_vnni();
        q.i16 = q.isa == ISA_AVX2 && q.nhwc;
        const bool packed = q.vnni  ? q.b8.pack(weights, q.k, q.m)
                            : q.i16 ? q.b16.pack(weights, q.k, q.m)
                                    : q.b.pack(q.isa, weights, true, q.k, q.m, nullptr, 1.0f, 1.0f);
        if (!packed) return false;
        const size_t padded = round_up((size_t)q.m, 32) + 32;
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
    if (nchw_planes(q)) {
        q.rows_w = alloc_floats(round_up((size_t)q.m, 16) * q.k);
        q.rows_bias = alloc_floats((size_t)q.m);
        if (q.rows_w == nullptr || q.rows_bias == nullptr) return false;
        for (int j = 0; j < q.m; j++) {
            for (int kk = 0; kk < q.k; kk++) {
                q.rows_w[((size_t)(j / 16) * q.k + kk) * 16 + j % 16] = weights[(size_t)j * q.k + kk];
            }
        }
        for (int j = 0; j < q.m; j++) q.rows_bias[j] = bias == nullptr ? 0.0f : bias[j];
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
