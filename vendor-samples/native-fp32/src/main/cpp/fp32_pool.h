// MaxPool and AveragePool, 2-D, NHWC or NCHW, float32, with the reference's semantics: a max window
// skips NaN unless every tap is NaN (ties keep the earlier value) and a window wholly in the padding is
// NaN; an average divides by the taps inside the input, or inside the padded input with
// count_include_pad. NHWC updates a contiguous run of channels per tap (vectorised by the compiler; on AVX-512
// 16 channels stay in a register over the window).
// NCHW works on whole output rows, which are contiguous in a plane: each tap (ky, kx) updates the run of
// output columns whose input column is inside the row, so the inner loop is a strided load, a compare and a
// blend the compiler vectorises (strides 1 and 2 are instantiated with a constant stride; the AVX-512 path is
// the same code compiled for it). Every output sees its taps in the same (ky, kx) order as the per-pixel loop,
// so maxima (ties, NaN, -0) and sums are the same bits.
#pragma once

#include <immintrin.h>

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

inline void pool_run_nhwc(const PoolPlan& q, const float* x, float* y) {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    for (int img = 0; img < q.n; img++) {
        for (int oy = 0; oy < q.oh; oy++) {
            const int h0 = oy * q.stride_h - q.pad_t;
            for (int ox = 0; ox < q.ow; ox++) {
                const int w0 = ox * q.stride_w - q.pad_l;
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
            }
        }
    }
}

// NHWC on AVX-512: per output pixel, 16 channels held in a register while every tap of the window passes over
// them, the taps in the same order as above (the per-tap loop above carries each channel's value through memory,
// one store-to-load dependency per tap: KWS's global 25 x 5 average took 3.5 us for 8000 additions).
F32_AVX512 inline void pool_run_nhwc_avx512(const PoolPlan& q, const float* x, float* y) {
    for (int img = 0; img < q.n; img++) {
        for (int oy = 0; oy < q.oh; oy++) {
            const int h0 = oy * q.stride_h - q.pad_t;
            for (int ox = 0; ox < q.ow; ox++) {
                const int w0 = ox * q.stride_w - q.pad_l;
                float* out = y + (((size_t)img * q.oh + oy) * q.ow + ox) * q.c;
                for (int c0 = 0; c0 < q.c; c0 += 16) {
                    const int n = q.c - c0 < 16 ? q.c - c0 : 16;
                    const __mmask16 m = n >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << n) - 1);
                    __m512 acc = q.max ? _mm512_set1_ps(std::numeric_limits<float>::quiet_NaN()) : _mm512_setzero_ps();
                    int count = 0;
                    for (int ky = 0; ky < q.kh; ky++) {
                        const int iy = h0 + ky * q.dil_h;
                        if (iy < 0 || iy >= q.h) continue;
                        for (int kx = 0; kx < q.kw; kx++) {
                            const int ix = w0 + kx * q.dil_w;
                            if (ix < 0 || ix >= q.w) continue;
                            const __m512 v =
                                _mm512_maskz_loadu_ps(m, x + (((size_t)img * q.h + iy) * q.w + ix) * q.c + c0);
                            if (q.max) {
                                const __mmask16 take =
                                    _mm512_cmp_ps_mask(acc, acc, _CMP_UNORD_Q) | _mm512_cmp_ps_mask(v, acc, _CMP_GT_OQ);
                                acc = _mm512_mask_mov_ps(acc, take, v);
                            } else {
                                acc = _mm512_add_ps(acc, v);
                            }
                            count++;
                        }
                    }
                    if (!q.max) acc = _mm512_div_ps(acc, _mm512_set1_ps(pool_divisor(q, count, h0, w0)));
                    _mm512_mask_storeu_ps(out + c0, m, acc);
                }
            }
        }
    }
}

// The same on AVX2, 8 channels per register (AVX2 ran the per-tap loop above: KWS's global 25 x 5 average over 64
// channels took 5-12 us in the model). Same taps, order and operations as the loop above, so the same bits.
F32_AVX2 inline void pool_run_nhwc_avx2(const PoolPlan& q, const float* x, float* y) {
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    for (int img = 0; img < q.n; img++) {
        for (int oy = 0; oy < q.oh; oy++) {
            const int h0 = oy * q.stride_h - q.pad_t;
            for (int ox = 0; ox < q.ow; ox++) {
                const int w0 = ox * q.stride_w - q.pad_l;
                float* out = y + (((size_t)img * q.oh + oy) * q.ow + ox) * q.c;
                for (int c0 = 0; c0 < q.c; c0 += 8) {
                    const int n = q.c - c0 < 8 ? q.c - c0 : 8;
                    const __m256i m = _mm256_cmpgt_epi32(_mm256_set1_epi32(n), lanes);
                    __m256 acc = q.max ? _mm256_set1_ps(std::numeric_limits<float>::quiet_NaN()) : _mm256_setzero_ps();
                    int count = 0;
                    for (int ky = 0; ky < q.kh; ky++) {
                        const int iy = h0 + ky * q.dil_h;
                        if (iy < 0 || iy >= q.h) continue;
                        for (int kx = 0; kx < q.kw; kx++) {
                            const int ix = w0 + kx * q.dil_w;
                            if (ix < 0 || ix >= q.w) continue;
                            const __m256 v = _mm256_maskload_ps(x + (((size_t)img * q.h + iy) * q.w + ix) * q.c + c0, m);
                            if (q.max) {
                                // larger(): take v when the best so far is NaN or v is greater
                                const __m256 take =
                                    _mm256_or_ps(_mm256_cmp_ps(acc, acc, _CMP_UNORD_Q), _mm256_cmp_ps(v, acc, _CMP_GT_OQ));
                                acc = _mm256_blendv_ps(acc, v, take);
                            } else {
                                acc = _mm256_add_ps(acc, v);
                            }
                            count++;
                        }
                    }
                    if (!q.max) acc = _mm256_div_ps(acc, _mm256_set1_ps(pool_divisor(q, count, h0, w0)));
                    _mm256_maskstore_ps(out + c0, m, acc);
                }
            }
        }
    }
}

// Kernels wider than kMaxNchwTaps, and short rows at strides above 2: pixel by pixel.
inline void pool_run_pixels_nchw(const PoolPlan& q, const float* x, float* y) {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    for (int img = 0; img < q.n; img++) {
        for (int oy = 0; oy < q.oh; oy++) {
            const int h0 = oy * q.stride_h - q.pad_t;
            for (int ox = 0; ox < q.ow; ox++) {
                const int w0 = ox * q.stride_w - q.pad_l;
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

// The output columns [*a, *b) whose input column ox * stride - pad + kx * dil lies in [0, w).
inline void columns_inside(const PoolPlan& q, int kx, int* a, int* b) {
    const int off = kx * q.dil_w - q.pad_l;  // input column of output column 0
    int lo = off >= 0 ? 0 : (-off + q.stride_w - 1) / q.stride_w;
    int hi = q.w - off <= 0 ? 0 : (q.w - off - 1) / q.stride_w + 1;
    if (hi > q.ow) hi = q.ow;
    if (lo > hi) lo = hi;
    *a = lo;
    *b = hi;
}

// One output row of one NCHW plane. SW > 0 is the horizontal stride as a constant (0: q.stride_w).
constexpr int kMaxNchwTaps = 16;  // kernel widths up to this take the row path; wider ones the per-pixel loop

// cols[2 kx], cols[2 kx + 1]: the output columns tap kx reaches inside the row (columns_inside), worked out
// once per call rather than per row
inline __mmask16 lanes_from(int from, int to) {  // bits [from, to) of 16, both within [0, 16]
    const unsigned all = to >= 16 ? 0xFFFFu : (1u << to) - 1;
    return (__mmask16)(all & ~((1u << from) - 1));
}

// One output row of one NCHW plane on AVX-512, 16 output columns held in a register while every tap passes over
// them (a masked store followed by a masked load of the same columns per tap would stall store forwarding).
// Lane ox of tap (ky, kx) takes src[ox * SW]: SW 1 one load, 2 two loads and a permute to the even elements.
template <int SW>
F32_AVX512 inline void pool_row_nchw_avx512(const PoolPlan& q, const int* cols, const float* plane, int oy,
                                            float* out) {
    const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    const int sw = SW;
    const int h0 = oy * q.stride_h - q.pad_t;
    for (int ox0 = 0; ox0 < q.ow; ox0 += 16) {
        const int n = q.ow - ox0 < 16 ? q.ow - ox0 : 16;
        __m512 acc = q.max ? _mm512_set1_ps(std::numeric_limits<float>::quiet_NaN()) : _mm512_setzero_ps();
        int rows = 0;
        for (int ky = 0; ky < q.kh; ky++) {
            const int iy = h0 + ky * q.dil_h;
            if (iy < 0 || iy >= q.h) continue;
            rows++;
            const float* row = plane + (size_t)iy * q.w;
            for (int kx = 0; kx < q.kw; kx++) {
                const int a = cols[2 * kx] > ox0 ? cols[2 * kx] : ox0;
                const int b = cols[2 * kx + 1] < ox0 + n ? cols[2 * kx + 1] : ox0 + n;
                if (a >= b) continue;
                const __mmask16 valid = lanes_from(a - ox0, b - ox0);
                const float* src = row + kx * q.dil_w - q.pad_l + (ptrdiff_t)ox0 * sw;
                __m512 v;
                if (SW == 1) {
                    v = _mm512_maskz_loadu_ps(valid, src);
                } else {
                    // elements [2 (a - ox0), 2 (b - 1 - ox0)] of src lie inside the row
                    const int e0 = 2 * (a - ox0), e1 = 2 * (b - 1 - ox0) + 1;
                    const __mmask16 m0 = lanes_from(e0 < 16 ? e0 : 16, e1 < 16 ? e1 : 16);
                    const __mmask16 m1 = lanes_from(e0 > 16 ? e0 - 16 : 0, e1 > 16 ? e1 - 16 : 0);
                    v = _mm512_permutex2var_ps(_mm512_maskz_loadu_ps(m0, src), even,
                                               _mm512_maskz_loadu_ps(m1, src + 16));
                }
                if (q.max) {
                    const __mmask16 take =
                        valid & (_mm512_cmp_ps_mask(acc, acc, _CMP_UNORD_Q) | _mm512_cmp_ps_mask(v, acc, _CMP_GT_OQ));
                    acc = _mm512_mask_mov_ps(acc, take, v);
                } else {
                    acc = _mm512_mask_add_ps(acc, valid, acc, v);
                }
            }
        }
        _mm512_mask_storeu_ps(out + ox0, lanes_from(0, n), acc);
        if (q.max) continue;
        for (int ox = ox0; ox < ox0 + n; ox++) {
            const int w0 = ox * sw - q.pad_l;
            out[ox] /= pool_divisor(q, rows * taps_within(w0, q.kw, q.dil_w, 0, q.w), h0, w0);
        }
    }
}

// One output row of one NCHW plane on AVX2: blocks of 8 output columns whose taps all lie inside the row are held
// in a register while every tap passes over them (loaded plainly: SW 1 one load, SW 2 two loads and a shuffle to
// the even elements); the other columns, at the edges and the row's end, one by one. Every column sees the taps in
// the portable row's (ky, kx) order with its operations, so the results are its bits. Before, AVX2 ran the portable
// row, which carries each column through memory per tap (mnist-8's 2x2 / 2 pool over 8 x 28 x 28: 4.1 us).
template <int SW>
F32_AVX2 inline __m256 pool_taps_avx2(const float* src, bool last_inside) {  // src[lane * SW], lanes 0..7
    if (SW == 1) return _mm256_loadu_ps(src);
    // elements 0..14 are taps; element 15 may be past the row (the next row's first, or past the buffer): a load
    // of lanes 0..6 only when it is
    const __m256 lo = _mm256_loadu_ps(src);
    const __m256 hi = last_inside ? _mm256_loadu_ps(src + 8)
                                  : _mm256_maskload_ps(src + 8, _mm256_setr_epi32(-1, -1, -1, -1, -1, -1, -1, 0));
    // [lo0 lo2 hi0 hi2 | lo4 lo6 hi4 hi6] -> [lo0 lo2 lo4 lo6 hi0 hi2 hi4 hi6]
    const __m256 even = _mm256_shuffle_ps(lo, hi, _MM_SHUFFLE(2, 0, 2, 0));
    return _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(even), _MM_SHUFFLE(3, 1, 2, 0)));
}

// output column ox of row oy as the portable row computes it, one tap after another
inline float pool_column(const PoolPlan& q, const float* plane, int h0, int ox, int sw) {
    float acc = q.max ? std::numeric_limits<float>::quiet_NaN() : 0.0f;
    const int w0 = ox * sw - q.pad_l;
    for (int ky = 0; ky < q.kh; ky++) {
        const int iy = h0 + ky * q.dil_h;
        if (iy < 0 || iy >= q.h) continue;
        for (int kx = 0; kx < q.kw; kx++) {
            const int ix = w0 + kx * q.dil_w;
            if (ix < 0 || ix >= q.w) continue;
            const float v = plane[(size_t)iy * q.w + ix];
            acc = q.max ? ((acc != acc || v > acc) ? v : acc) : acc + v;
        }
    }
    return acc;
}

// the 8 output columns from ox0 on as one block: all inside the output row, all their taps inside the input row
inline bool pool_block_inside(const PoolPlan& q, int ox0, int sw) {
    return ox0 >= 0 && ox0 + 8 <= q.ow && ox0 * sw - q.pad_l >= 0 &&
           (ox0 + 7) * sw - q.pad_l + (q.kw - 1) * q.dil_w < q.w;
}

// output columns ox0 .. ox0 + 7 of row oy (pool_block_inside), each tap of the window one vector update
template <int SW>
F32_AVX2 inline void pool_block_avx2(const PoolPlan& q, const float* plane, int h0, int ox0, float* out) {
    const int first = ox0 * SW - q.pad_l;
    __m256 acc = q.max ? _mm256_set1_ps(std::numeric_limits<float>::quiet_NaN()) : _mm256_setzero_ps();
    for (int ky = 0; ky < q.kh; ky++) {
        const int iy = h0 + ky * q.dil_h;
        if (iy < 0 || iy >= q.h) continue;
        const float* row = plane + (size_t)iy * q.w;
        for (int kx = 0; kx < q.kw; kx++) {
            const int start = first + kx * q.dil_w;
            const __m256 v = pool_taps_avx2<SW>(row + start, start + 15 < q.w);
            if (q.max) {
                const __m256 take =
                    _mm256_or_ps(_mm256_cmp_ps(acc, acc, _CMP_UNORD_Q), _mm256_cmp_ps(v, acc, _CMP_GT_OQ));
                acc = _mm256_blendv_ps(acc, v, take);
            } else {
                acc = _mm256_add_ps(acc, v);
            }
        }
    }
    _mm256_storeu_ps(out + ox0, acc);
}

template <int SW>
F32_AVX2 inline void pool_row_nchw_avx2(const PoolPlan& q, const float* plane, int oy, float* out) {
    const int h0 = oy * q.stride_h - q.pad_t;
    for (int ox0 = 0; ox0 < q.ow;) {
        if (pool_block_inside(q, ox0, SW)) {
            pool_block_avx2<SW>(q, plane, h0, ox0, out);
            ox0 += 8;
        } else if (ox0 + 8 > q.ow && pool_block_inside(q, q.ow - 8, SW)) {
            // the row's last block ends at its last column, overlapping the one before (the overlapped columns get
            // the same values again), rather than leaving up to 7 columns to the one-by-one loop
            pool_block_avx2<SW>(q, plane, h0, q.ow - 8, out);
            break;
        } else {
            out[ox0] = pool_column(q, plane, h0, ox0, SW);
            ox0++;
        }
    }
    if (q.max) return;
    int rows = 0;
    for (int ky = 0; ky < q.kh; ky++) rows += h0 + ky * q.dil_h >= 0 && h0 + ky * q.dil_h < q.h;
    for (int ox = 0; ox < q.ow; ox++) {
        const int w0 = ox * SW - q.pad_l;
        out[ox] /= pool_divisor(q, rows * taps_within(w0, q.kw, q.dil_w, 0, q.w), h0, w0);
    }
}

F32_AVX2 inline void pool_run_nchw_avx2(const PoolPlan& q, const float* x, float* y) {
    for (long long plane = 0; plane < (long long)q.n * q.c; plane++) {
        const float* in = x + (size_t)plane * q.h * q.w;
        float* out = y + (size_t)plane * q.oh * q.ow;
        for (int oy = 0; oy < q.oh; oy++) {
            if (q.stride_w == 1) {
                pool_row_nchw_avx2<1>(q, in, oy, out + (size_t)oy * q.ow);
            } else {
                pool_row_nchw_avx2<2>(q, in, oy, out + (size_t)oy * q.ow);
            }
        }
    }
}

template <int SW>
__attribute__((always_inline)) inline void pool_row_nchw(const PoolPlan& q, const int* cols, const float* plane,
                                                         int oy, float* out) {
    const int sw = SW > 0 ? SW : q.stride_w;
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const int h0 = oy * q.stride_h - q.pad_t;
    for (int ox = 0; ox < q.ow; ox++) out[ox] = q.max ? nan : 0.0f;
    int rows = 0;
    for (int ky = 0; ky < q.kh; ky++) {
        const int iy = h0 + ky * q.dil_h;
        if (iy < 0 || iy >= q.h) continue;
        rows++;
        const float* row = plane + (size_t)iy * q.w;
        for (int kx = 0; kx < q.kw; kx++) {
            const int a = cols[2 * kx], b = cols[2 * kx + 1];
            const float* src = row + kx * q.dil_w - q.pad_l;  // src[ox * sw] is the tap of output column ox
            if (q.max) {
                for (int ox = a; ox < b; ox++) {
                    const float v = src[(ptrdiff_t)ox * sw], best = out[ox];
                    out[ox] = (best != best || v > best) ? v : best;
                }
            } else {
                for (int ox = a; ox < b; ox++) out[ox] += src[(ptrdiff_t)ox * sw];
            }
        }
    }
    if (q.max) return;
    for (int ox = 0; ox < q.ow; ox++) {
        const int w0 = ox * sw - q.pad_l;
        const int inside = rows * taps_within(w0, q.kw, q.dil_w, 0, q.w);
        out[ox] /= pool_divisor(q, inside, h0, w0);
    }
}

template <int SW, bool AVX512>
__attribute__((always_inline)) inline void pool_planes_nchw(const PoolPlan& q, const float* x, float* y) {
    int cols[2 * kMaxNchwTaps];
    for (int kx = 0; kx < q.kw; kx++) columns_inside(q, kx, &cols[2 * kx], &cols[2 * kx + 1]);
    for (long long plane = 0; plane < (long long)q.n * q.c; plane++) {
        const float* in = x + (size_t)plane * q.h * q.w;
        float* out = y + (size_t)plane * q.oh * q.ow;
        for (int oy = 0; oy < q.oh; oy++) {
            if constexpr (AVX512 && SW > 0) {
                pool_row_nchw_avx512<SW>(q, cols, in, oy, out + (size_t)oy * q.ow);
            } else {
                pool_row_nchw<SW>(q, cols, in, oy, out + (size_t)oy * q.ow);
            }
        }
    }
}

inline void pool_run_nchw(const PoolPlan& q, const float* x, float* y) {
    switch (q.stride_w) {
        case 1: pool_planes_nchw<1, false>(q, x, y); break;
        case 2: pool_planes_nchw<2, false>(q, x, y); break;
        default: pool_planes_nchw<0, false>(q, x, y); break;
    }
}

F32_AVX512 inline void pool_run_nchw_avx512(const PoolPlan& q, const float* x, float* y) {
    switch (q.stride_w) {
        case 1: pool_planes_nchw<1, true>(q, x, y); break;
        case 2: pool_planes_nchw<2, true>(q, x, y); break;
        default: pool_planes_nchw<0, true>(q, x, y); break;
    }
}

inline void pool_run(const PoolPlan& q, const float* x, float* y) {
    if (q.nhwc && q.isa == ISA_AVX512) {
        pool_run_nhwc_avx512(q, x, y);
    } else if (q.nhwc && q.isa == ISA_AVX2) {
        pool_run_nhwc_avx2(q, x, y);
    } else if (q.nhwc) {
        pool_run_nhwc(q, x, y);
    } else if (q.kw > kMaxNchwTaps || (q.stride_w > 2 && q.ow < 8)) {
        // wide kernels, and short rows at large strides (mnist-8's 3x3 / 3 pool over 14 columns: 2.7 us pixel by
        // pixel, 3.2 us in rows)
        pool_run_pixels_nchw(q, x, y);
    } else if (q.isa == ISA_AVX512) {
        pool_run_nchw_avx512(q, x, y);
    } else if (q.isa == ISA_AVX2 && q.stride_w <= 2) {
        pool_run_nchw_avx2(q, x, y);
    } else {
        pool_run_nchw(q, x, y);
    }
}

}  // namespace f32
