// Hybrid (int8-weight) convolution on AVX2 in integers: the arithmetic TFLite's dynamic-range CONV_2D defines (the
// image quantized on the fly, int32 sums of int8 products, rescaled in float), as fp32_hybrid_vnni.h does on
// AVX-512 VNNI, with the instruction AVX2 has for exact integer dot products: vpmaddwd multiplies pairs of int16
// and adds each pair into an int32 lane, sixteen multiply-adds per instruction where an 8-lane FMA does eight.
// The image is stored as int16 holding q - offset (|q - offset| <= 255), the weights as int16 pairs, so no
// correction term is needed: the int32 sum is sum_k (q_k - offset) w_k itself, as the reference's HybridConv
// computes it (exact, wrapping like its (int) acc beyond 2^31). The epilogue is the float path's (store_avx2:
// (acc * channel scale) * image scale + bias, no FMA, clamp), so where the float path's sums are exact (below 2^24)
// the outputs are its bits. NHWC only; NCHW hybrids keep the float path.
#pragma once

#include <immintrin.h>

#include "fp32_common.h"
#include "fp32_gemm.h"

namespace f32 {

// int16 weights as vpmaddwd reads them: panels of 16 output channels, [panel][k2 / 2][16][2] (two consecutive taps
// of one channel per 32-bit lane: one 64-byte line per pair of taps), zero-padded to k2 = K rounded up to 2 and to
// whole panels.
struct PackedInt16 {
    int k = 0, k2 = 0, n = 0, panels = 0;
    int16_t* data = nullptr;
    ~PackedInt16() { std::free(data); }
    // src [n][k], int8 values held as floats
    bool pack(const float* src, int k_, int n_) {
        k = k_;
        n = n_;
        k2 = (int)round_up((size_t)k, 2);
        panels = (n + 15) / 16;
        data = (int16_t*)alloc_floats((size_t)panels * k2 * 16 / 2);
        if (data == nullptr) return false;
        for (int j = 0; j < n; j++) {
            int16_t* dst = data + (size_t)(j / 16) * k2 * 16 + (j % 16) * 2;
            for (int kk = 0; kk < k; kk++) dst[(size_t)(kk / 2) * 32 + kk % 2] = (int16_t)(int)src[(size_t)j * k + kk];
        }
        return true;
    }
};

// acc += vpmaddwd(a, w). Inline asm ties each accumulator to its register: with the intrinsics GCC loads every
// broadcast of a step first and keeps the accumulators of a 6-row tile on the stack (spilled adds at every step;
// KWS's pointwise layer took 11.6 us with 4-row tiles instead, 10.4 us with this at 6 rows).
F32_AVX2 inline __m256i madd_add(__m256i acc, __m256i a, __m256i w) {
    __m256i product;
    asm("vpmaddwd %2, %1, %0" : "=x"(product) : "x"(a), "x"(w));
    asm("vpaddd %1, %0, %0" : "+x"(acc) : "x"(product));
    return acc;
}

// MR rows of A (int16, row stride lda, k2 elements readable per row) times the 16 channels of one panel
template <int MR>
F32_AVX2 inline void i16_tile_avx2(const int16_t* a, int lda, const PackedInt16& b, int panel, const Out& o,
                                   int row0) {
    __m256i acc0[MR], acc1[MR];
#pragma GCC unroll 8
    for (int r = 0; r < MR; r++) acc0[r] = acc1[r] = _mm256_setzero_si256();
    const int16_t* w = b.data + (size_t)panel * b.k2 * 16;
    for (int g = 0; g < b.k2; g += 2) {
        const __m256i w0 = _mm256_load_si256((const __m256i*)(w + (size_t)g * 16));
        const __m256i w1 = _mm256_load_si256((const __m256i*)(w + (size_t)g * 16 + 16));
#pragma GCC unroll 8
        for (int r = 0; r < MR; r++) {
            int32_t pair;
            std::memcpy(&pair, a + (size_t)r * lda + g, 4);
            const __m256i av = _mm256_set1_epi32(pair);
            acc0[r] = madd_add(acc0[r], av, w0);
            acc1[r] = madd_add(acc1[r], av, w1);
        }
    }
    const __m256 lo = _mm256_set1_ps(o.lo), hi = _mm256_set1_ps(o.hi);
    const int col0 = panel * 16;
    const int cols = b.n - col0 < 16 ? b.n - col0 : 16;
#pragma GCC unroll 8
    for (int r = 0; r < MR; r++) {
        // int32 to float rounds to nearest, as the reference's conversion of its int32 sum
        store_avx2(o, row0 + r, col0, cols, _mm256_cvtepi32_ps(acc0[r]), _mm256_cvtepi32_ps(acc1[r]), lo, hi);
    }
}

template <int MR>
F32_AVX2 inline void i16_rows_avx2(const int16_t* a, int lda, const PackedInt16& b, const Out& o, int row0) {
    for (int p = 0; p < b.panels; p++) i16_tile_avx2<MR>(a, lda, b, p, o, row0);
}

// C rows [row0, row0 + rows) = epilogue(A x B): tiles of 6 rows (12 accumulators), then the remainder
F32_AVX2 inline void gemm_i16_avx2(const int16_t* a, int lda, int rows, const PackedInt16& b, const Out& o,
                                   int row0) {
    int r = 0;
    for (; r + 6 <= rows; r += 6) i16_rows_avx2<6>(a + (size_t)r * lda, lda, b, o, row0 + r);
    const int16_t* ar = a + (size_t)r * lda;
    switch (rows - r) {
        case 5: i16_rows_avx2<5>(ar, lda, b, o, row0 + r); break;
        case 4: i16_rows_avx2<4>(ar, lda, b, o, row0 + r); break;
        case 3: i16_rows_avx2<3>(ar, lda, b, o, row0 + r); break;
        case 2: i16_rows_avx2<2>(ar, lda, b, o, row0 + r); break;
        case 1: i16_rows_avx2<1>(ar, lda, b, o, row0 + r); break;
        default: break;
    }
}

}  // namespace f32
