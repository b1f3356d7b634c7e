// Single-precision GEMM with a packed, constant right-hand side:
//   C[i][j] = clamp(bias[j] + sum_k A[i][k] * B[k][j], lo, hi)
// A is read in place (row stride lda), so a 1x1 NHWC convolution multiplies its input directly and an
// im2col block needs no second packing. B (the weights) is packed once, at prepare time, into panels
// of NR columns: [N / NR][K][NR], zero-padded, 64-byte aligned, so the micro-kernel loads one or two
// full vectors of B per k and broadcasts A. C is written with a row and a column stride: NHWC output
// is (m, 1), NCHW output (1, pixels), so a convolution needs no transpose pass.
//
// Micro-kernels: AVX-512 12 rows x 32 columns (24 accumulators of 32 registers; 24 x 16 for layers of at most
// 16 outputs), AVX2 6 x 16 (12 of
// 16), portable 4 x 16 on plain arrays the compiler vectorises for baseline SSE2. One row (GEMV, batch-1
// fully connected) is not serialised by the FMA latency: AVX-512 splits K over four accumulator pairs, AVX2 runs
// four panels at once (gemv_avx2), each output keeping the 6 x 16 tile's chain and so its bits.
#pragma once

#include <immintrin.h>

#include "fp32_common.h"

namespace f32 {

struct PackedB {
    int k = 0, n = 0, nr = 16, panels = 0;
    float* data = nullptr;  // [panels][k][nr]
    float* bias = nullptr;  // [panels * nr]
    ~PackedB() {
        std::free(data);
        std::free(bias);
    }
    // src is [k][n] (transposed == false) or [n][k] (transposed == true); bias [n] or null; scale
    // multiplies every element of B (Gemm's alpha).
    bool pack(int isa, const float* src, bool transposed, int k_, int n_, const float* bias_src, float scale,
              float bias_scale) {
        k = k_;
        n = n_;
        // AVX-512 uses 32-column panels, or 16 for layers of at most 16 outputs (a 32-column panel would be
        // half zeros there)
        nr = isa == ISA_AVX512 && n_ > 16 ? 32 : 16;
        panels = (n + nr - 1) / nr;
        data = alloc_floats((size_t)panels * k * nr);
        bias = alloc_floats((size_t)panels * nr);
        if (data == nullptr || bias == nullptr) return false;
        for (int j = 0; j < n; j++) {
            float* dst = data + (size_t)(j / nr) * k * nr + j % nr;
            for (int kk = 0; kk < k; kk++) {
                const float v = transposed ? src[(size_t)j * k + kk] : src[(size_t)kk * n + j];
                dst[(size_t)kk * nr] = v * scale;
            }
            bias[j] = bias_src == nullptr ? 0.0f : bias_src[j] * bias_scale;
        }
        return true;
    }
};

// Where C goes and how it is clamped. A hybrid (int8-weight) convolution also rescales: its accumulators hold
// exact integer sums, and column j becomes (acc * col_scale[j]) * scale + post_bias[j] before the clamp, in that
// order and without FMA, as TFLite's hybrid kernels compute it (col_scale and post_bias are padded to whole
// panels plus 32 floats, so a tile loads them whole).
struct Out {
    float* c;
    ptrdiff_t row_stride, col_stride;
    float lo, hi;
    const float* col_scale = nullptr;
    float scale = 1.0f;
    const float* post_bias = nullptr;
};

// ---------------------------------------------------------------- portable

template <int MR>
inline void mk_portable(int K, const float* a, int lda, const float* bp, const float* bias, const Out& o, int row0,
                        int col0, int cols) {
    float acc[MR][16];
    for (int r = 0; r < MR; r++)
        for (int j = 0; j < 16; j++) acc[r][j] = bias[j];
    for (int k = 0; k < K; k++) {
        const float* b = bp + (size_t)k * 16;
        for (int r = 0; r < MR; r++) {
            const float av = a[(size_t)r * lda + k];
            for (int j = 0; j < 16; j++) acc[r][j] += av * b[j];
        }
    }
    for (int r = 0; r < MR; r++) {
        float* c = o.c + (row0 + r) * o.row_stride + col0 * o.col_stride;
        for (int j = 0; j < cols; j++) {
            float v = acc[r][j];
            if (o.col_scale != nullptr) {
                const float scaled = (v * o.col_scale[col0 + j]) * o.scale;
                v = scaled + o.post_bias[col0 + j];
            }
            c[j * o.col_stride] = clamp(v, o.lo, o.hi);
        }
    }
}

inline void gemm_portable(const float* a, int lda, int rows, const PackedB& b, const Out& o, int row0) {
    int r = 0;
    for (; r + 4 <= rows; r += 4)
        for (int p = 0; p < b.panels; p++)
            mk_portable<4>(b.k, a + (size_t)r * lda, lda, b.data + (size_t)p * b.k * 16, b.bias + p * 16, o, row0 + r,
                           p * 16, b.n - p * 16 < 16 ? b.n - p * 16 : 16);
    for (; r < rows; r++)
        for (int p = 0; p < b.panels; p++)
            mk_portable<1>(b.k, a + (size_t)r * lda, lda, b.data + (size_t)p * b.k * 16, b.bias + p * 16, o, row0 + r,
                           p * 16, b.n - p * 16 < 16 ? b.n - p * 16 : 16);
}

// ---------------------------------------------------------------- AVX2

F32_AVX2 inline void store_avx2(const Out& o, int row, int col0, int cols, __m256 v0, __m256 v1, __m256 lo,
                                __m256 hi) {
    if (o.col_scale != nullptr) {
        const __m256 s = _mm256_set1_ps(o.scale);
        v0 = _mm256_add_ps(_mm256_mul_ps(_mm256_mul_ps(v0, _mm256_loadu_ps(o.col_scale + col0)), s),
                           _mm256_loadu_ps(o.post_bias + col0));
        v1 = _mm256_add_ps(_mm256_mul_ps(_mm256_mul_ps(v1, _mm256_loadu_ps(o.col_scale + col0 + 8)), s),
                           _mm256_loadu_ps(o.post_bias + col0 + 8));
    }
    // max(lo, v) and min(hi, v) return v when v is NaN (the second operand wins on NaN)
    v0 = _mm256_min_ps(hi, _mm256_max_ps(lo, v0));
    v1 = _mm256_min_ps(hi, _mm256_max_ps(lo, v1));
    float* c = o.c + row * o.row_stride + col0 * o.col_stride;
    if (o.col_stride == 1 && cols == 16) {
        _mm256_storeu_ps(c, v0);
        _mm256_storeu_ps(c + 8, v1);
        return;
    }
    alignas(32) float t[16];
    _mm256_store_ps(t, v0);
    _mm256_store_ps(t + 8, v1);
    for (int j = 0; j < cols; j++) c[j * o.col_stride] = t[j];
}

template <int MR>
F32_AVX2 inline void mk_avx2(int K, const float* a, int lda, const float* bp, const float* bias, const Out& o,
                             int row0, int col0, int cols) {
    __m256 c0[MR], c1[MR];
    const __m256 bias0 = _mm256_load_ps(bias), bias1 = _mm256_load_ps(bias + 8);
#pragma GCC unroll 8
    for (int r = 0; r < MR; r++) {
        c0[r] = bias0;
        c1[r] = bias1;
    }
    for (int k = 0; k < K; k++) {
        const __m256 b0 = _mm256_load_ps(bp + (size_t)k * 16), b1 = _mm256_load_ps(bp + (size_t)k * 16 + 8);
#pragma GCC unroll 8
        for (int r = 0; r < MR; r++) {
            const __m256 av = _mm256_broadcast_ss(a + (size_t)r * lda + k);
            c0[r] = _mm256_fmadd_ps(av, b0, c0[r]);
            c1[r] = _mm256_fmadd_ps(av, b1, c1[r]);
        }
    }
    const __m256 lo = _mm256_set1_ps(o.lo), hi = _mm256_set1_ps(o.hi);
#pragma GCC unroll 8
    for (int r = 0; r < MR; r++) store_avx2(o, row0 + r, col0, cols, c0[r], c1[r], lo, hi);
}

// One row (batch-1 fully connected) over P panels at once. mk_avx2<1> is one FMA chain per 8 columns that starts
// at the bias and adds a[k] * b[k] in k order: each FMA waits on the one before (4 cycles on Zen 3), so a panel
// ran at one FMA pair per 4 cycles and AD's chain of ten layers was bound by that latency, not by its 1 MB of
// weights. P panels give 2P independent chains per k, each still the same chain in the same order, so every
// output has the bits mk_avx2<1> gives it.
template <int P>
F32_AVX2 inline void gemv_panels_avx2(int K, const float* a, const float* bp, size_t panel_stride, const float* bias,
                                      const Out& o, int row0, int col0, int n) {
    __m256 c0[P], c1[P];
#pragma GCC unroll 4
    for (int p = 0; p < P; p++) {
        c0[p] = _mm256_load_ps(bias + p * 16);
        c1[p] = _mm256_load_ps(bias + p * 16 + 8);
    }
    for (int k = 0; k < K; k++) {
        const __m256 av = _mm256_broadcast_ss(a + k);
#pragma GCC unroll 4
        for (int p = 0; p < P; p++) {
            const float* b = bp + p * panel_stride + (size_t)k * 16;
            c0[p] = _mm256_fmadd_ps(av, _mm256_load_ps(b), c0[p]);
            c1[p] = _mm256_fmadd_ps(av, _mm256_load_ps(b + 8), c1[p]);
        }
    }
    const __m256 lo = _mm256_set1_ps(o.lo), hi = _mm256_set1_ps(o.hi);
#pragma GCC unroll 4
    for (int p = 0; p < P; p++) {
        const int c = col0 + p * 16;
        store_avx2(o, row0, c, n - c < 16 ? n - c : 16, c0[p], c1[p], lo, hi);
    }
}

// One row: panels four at a time (8 accumulators: 8 chains cover the FMA latency at two FMAs per cycle and leave
// registers for the loads), the rest two or one at a time.
F32_AVX2 inline void gemv_avx2(const float* a, const PackedB& b, const Out& o, int row0) {
    const size_t stride = (size_t)b.k * 16;
    int p = 0;
    for (; p + 4 <= b.panels; p += 4)
        gemv_panels_avx2<4>(b.k, a, b.data + p * stride, stride, b.bias + p * 16, o, row0, p * 16, b.n);
    if (p + 2 <= b.panels) {
        gemv_panels_avx2<2>(b.k, a, b.data + p * stride, stride, b.bias + p * 16, o, row0, p * 16, b.n);
        p += 2;
    }
    if (p < b.panels) gemv_panels_avx2<1>(b.k, a, b.data + p * stride, stride, b.bias + p * 16, o, row0, p * 16, b.n);
}

template <int MR>
F32_AVX2 inline void rows_avx2(const float* a, int lda, const PackedB& b, const Out& o, int row0) {
    if (MR == 1) {
        gemv_avx2(a, b, o, row0);
        return;
    }
    for (int p = 0; p < b.panels; p++)
        mk_avx2<MR>(b.k, a, lda, b.data + (size_t)p * b.k * 16, b.bias + p * 16, o, row0, p * 16,
                    b.n - p * 16 < 16 ? b.n - p * 16 : 16);
}

F32_AVX2 inline void gemm_avx2(const float* a, int lda, int rows, const PackedB& b, const Out& o, int row0) {
    int r = 0;
    for (; r + 6 <= rows; r += 6) rows_avx2<6>(a + (size_t)r * lda, lda, b, o, row0 + r);
    const float* ar = a + (size_t)r * lda;
    switch (rows - r) {
        case 5: rows_avx2<5>(ar, lda, b, o, row0 + r); break;
        case 4: rows_avx2<4>(ar, lda, b, o, row0 + r); break;
        case 3: rows_avx2<3>(ar, lda, b, o, row0 + r); break;
        case 2: rows_avx2<2>(ar, lda, b, o, row0 + r); break;
        case 1: rows_avx2<1>(ar, lda, b, o, row0 + r); break;
        default: break;
    }
}

// ---------------------------------------------------------------- AVX-512

F32_AVX512 inline void store_avx512(const Out& o, int row, int col0, int cols, __m512 v0, __m512 v1, __m512 lo,
                                    __m512 hi) {
    if (o.col_scale != nullptr) {
        const __m512 s = _mm512_set1_ps(o.scale);
        v0 = _mm512_add_ps(_mm512_mul_ps(_mm512_mul_ps(v0, _mm512_loadu_ps(o.col_scale + col0)), s),
                           _mm512_loadu_ps(o.post_bias + col0));
        v1 = _mm512_add_ps(_mm512_mul_ps(_mm512_mul_ps(v1, _mm512_loadu_ps(o.col_scale + col0 + 16)), s),
                           _mm512_loadu_ps(o.post_bias + col0 + 16));
    }
    v0 = _mm512_min_ps(hi, _mm512_max_ps(lo, v0));
    v1 = _mm512_min_ps(hi, _mm512_max_ps(lo, v1));
    float* c = o.c + row * o.row_stride + col0 * o.col_stride;
    if (o.col_stride == 1) {
        const __mmask16 m0 = cols >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << cols) - 1);
        const __mmask16 m1 = cols >= 32 ? (__mmask16)0xFFFF : cols <= 16 ? 0 : (__mmask16)((1u << (cols - 16)) - 1);
        _mm512_mask_storeu_ps(c, m0, v0);
        if (m1) _mm512_mask_storeu_ps(c + 16, m1, v1);
        return;
    }
    alignas(64) float t[32];
    _mm512_store_ps(t, v0);
    _mm512_store_ps(t + 16, v1);
    for (int j = 0; j < cols; j++) c[j * o.col_stride] = t[j];
}

template <int MR>
F32_AVX512 inline void mk_avx512(int K, const float* a, int lda, const float* bp, const float* bias, const Out& o,
                                 int row0, int col0, int cols) {
    __m512 c0[MR], c1[MR];
    const __m512 bias0 = _mm512_load_ps(bias), bias1 = _mm512_load_ps(bias + 16);
#pragma GCC unroll 16
    for (int r = 0; r < MR; r++) {
        c0[r] = bias0;
        c1[r] = bias1;
    }
    for (int k = 0; k < K; k++) {
        const __m512 b0 = _mm512_load_ps(bp + (size_t)k * 32), b1 = _mm512_load_ps(bp + (size_t)k * 32 + 16);
#pragma GCC unroll 16
        for (int r = 0; r < MR; r++) {
            const __m512 av = _mm512_set1_ps(a[(size_t)r * lda + k]);
            c0[r] = _mm512_fmadd_ps(av, b0, c0[r]);
            c1[r] = _mm512_fmadd_ps(av, b1, c1[r]);
        }
    }
    const __m512 lo = _mm512_set1_ps(o.lo), hi = _mm512_set1_ps(o.hi);
#pragma GCC unroll 16
    for (int r = 0; r < MR; r++) store_avx512(o, row0 + r, col0, cols, c0[r], c1[r], lo, hi);
}

// One row: four independent accumulator pairs over k (k mod 4), summed at the end, so consecutive FMAs
// do not wait on each other.
F32_AVX512 inline void gemv_avx512(int K, const float* a, const float* bp, const float* bias, const Out& o, int row0,
                                   int col0, int cols) {
    __m512 c0[4], c1[4];
    for (int u = 0; u < 4; u++) {
        c0[u] = _mm512_setzero_ps();
        c1[u] = _mm512_setzero_ps();
    }
    int k = 0;
    for (; k + 4 <= K; k += 4) {
#pragma GCC unroll 4
        for (int u = 0; u < 4; u++) {
            const __m512 av = _mm512_set1_ps(a[k + u]);
            c0[u] = _mm512_fmadd_ps(av, _mm512_load_ps(bp + (size_t)(k + u) * 32), c0[u]);
            c1[u] = _mm512_fmadd_ps(av, _mm512_load_ps(bp + (size_t)(k + u) * 32 + 16), c1[u]);
        }
    }
    for (; k < K; k++) {
        const __m512 av = _mm512_set1_ps(a[k]);
        c0[0] = _mm512_fmadd_ps(av, _mm512_load_ps(bp + (size_t)k * 32), c0[0]);
        c1[0] = _mm512_fmadd_ps(av, _mm512_load_ps(bp + (size_t)k * 32 + 16), c1[0]);
    }
    __m512 s0 = _mm512_add_ps(_mm512_add_ps(c0[0], c0[1]), _mm512_add_ps(c0[2], c0[3]));
    __m512 s1 = _mm512_add_ps(_mm512_add_ps(c1[0], c1[1]), _mm512_add_ps(c1[2], c1[3]));
    s0 = _mm512_add_ps(_mm512_load_ps(bias), s0);
    s1 = _mm512_add_ps(_mm512_load_ps(bias + 16), s1);
    store_avx512(o, row0, col0, cols, s0, s1, _mm512_set1_ps(o.lo), _mm512_set1_ps(o.hi));
}

// 16-column panels (layers of at most 16 outputs): 24 rows x 1 vector, 24 accumulators.
template <int MR>
F32_AVX512 inline void mk16_avx512(int K, const float* a, int lda, const float* bp, const float* bias, const Out& o,
                                   int row0, int cols) {
    __m512 acc[MR];
    const __m512 b0 = _mm512_load_ps(bias);
#pragma GCC unroll 24
    for (int r = 0; r < MR; r++) acc[r] = b0;
    for (int k = 0; k < K; k++) {
        const __m512 bv = _mm512_load_ps(bp + (size_t)k * 16);
#pragma GCC unroll 24
        for (int r = 0; r < MR; r++) acc[r] = _mm512_fmadd_ps(_mm512_set1_ps(a[(size_t)r * lda + k]), bv, acc[r]);
    }
    const __m512 lo = _mm512_set1_ps(o.lo), hi = _mm512_set1_ps(o.hi);
#pragma GCC unroll 24
    for (int r = 0; r < MR; r++) store_avx512(o, row0 + r, 0, cols, acc[r], _mm512_setzero_ps(), lo, hi);
}

F32_AVX512 inline void gemm16_avx512(const float* a, int lda, int rows, const PackedB& b, const Out& o, int row0) {
    int r = 0;
    for (; r + 24 <= rows; r += 24) mk16_avx512<24>(b.k, a + (size_t)r * lda, lda, b.data, b.bias, o, row0 + r, b.n);
    for (; r + 8 <= rows; r += 8) mk16_avx512<8>(b.k, a + (size_t)r * lda, lda, b.data, b.bias, o, row0 + r, b.n);
    for (; r < rows; r++) mk16_avx512<1>(b.k, a + (size_t)r * lda, lda, b.data, b.bias, o, row0 + r, b.n);
}

template <int MR>
F32_AVX512 inline void rows_avx512(const float* a, int lda, const PackedB& b, const Out& o, int row0) {
    if (b.nr == 16) {  // one row of a layer of at most 16 outputs
        mk16_avx512<1>(b.k, a, lda, b.data, b.bias, o, row0, b.n);
        return;
    }
    for (int p = 0; p < b.panels; p++) {
        const float* bp = b.data + (size_t)p * b.k * 32;
        const int cols = b.n - p * 32 < 32 ? b.n - p * 32 : 32;
        if (MR == 1) {
            gemv_avx512(b.k, a, bp, b.bias + p * 32, o, row0, p * 32, cols);
        } else {
            mk_avx512<MR>(b.k, a, lda, bp, b.bias + p * 32, o, row0, p * 32, cols);
        }
    }
}

F32_AVX512 inline void gemm_avx512(const float* a, int lda, int rows, const PackedB& b, const Out& o, int row0) {
    if (b.nr == 16 && rows > 1) {
        gemm16_avx512(a, lda, rows, b, o, row0);
        return;
    }
    int r = 0;
    for (; r + 12 <= rows; r += 12) rows_avx512<12>(a + (size_t)r * lda, lda, b, o, row0 + r);
    const float* ar = a + (size_t)r * lda;
    switch (rows - r) {
        case 11: rows_avx512<11>(ar, lda, b, o, row0 + r); break;
        case 10: rows_avx512<10>(ar, lda, b, o, row0 + r); break;
        case 9: rows_avx512<9>(ar, lda, b, o, row0 + r); break;
        case 8: rows_avx512<8>(ar, lda, b, o, row0 + r); break;
        case 7: rows_avx512<7>(ar, lda, b, o, row0 + r); break;
        case 6: rows_avx512<6>(ar, lda, b, o, row0 + r); break;
        case 5: rows_avx512<5>(ar, lda, b, o, row0 + r); break;
        case 4: rows_avx512<4>(ar, lda, b, o, row0 + r); break;
        case 3: rows_avx512<3>(ar, lda, b, o, row0 + r); break;
        case 2: rows_avx512<2>(ar, lda, b, o, row0 + r); break;
        case 1: rows_avx512<1>(ar, lda, b, o, row0 + r); break;
        default: break;
    }
}

// rows of A starting at a (row stride lda) -> rows row0.. of the output
inline void gemm(int isa, const float* a, int lda, int rows, const PackedB& b, const Out& o, int row0) {
    if (rows <= 0 || b.n <= 0) return;
    if (isa == ISA_AVX512) {
        gemm_avx512(a, lda, rows, b, o, row0);
    } else if (isa == ISA_AVX2) {
        gemm_avx2(a, lda, rows, b, o, row0);
    } else {
        gemm_portable(a, lda, rows, b, o, row0);
    }
}

}  // namespace f32
