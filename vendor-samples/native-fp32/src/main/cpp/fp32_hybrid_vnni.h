// Hybrid (int8-weight) convolution on AVX-512 VNNI: the arithmetic TFLite's dynamic-range CONV_2D defines (the
// image quantized on the fly, int32 sums of int8 products, rescaled in float) done in integers, as XNNPACK does,
// instead of as float products of the integer values. vpdpbusd multiplies unsigned by signed bytes, so the image is
// stored as u = q + 128 (fp32_hybrid.h) and the sum corrected per output channel:
//   sum_k (q_k - offset) w_k = sum_k u_k w_k - (128 + offset) sum_k w_k
// with the weights' column sums taken at prepare. Taps in the padding hold u = 128 + offset (q - offset = 0, what
// the float path's zero rows are). The int32 sum is exact, so the result is the float path's (whose float sums are
// exact below 2^24) and the reference's; the epilogue is the same (store_avx512: (acc * channel scale) * image
// scale + bias, no FMA, clamp). NHWC only; the float path keeps NCHW hybrids and CPUs without VNNI.
#pragma once

#include <immintrin.h>

#include "fp32_common.h"
#include "fp32_gemm.h"

#define F32_VNNI __attribute__((target("avx512f,avx512vl,avx512dq,avx512bw,avx512vnni,avx2,fma")))

namespace f32 {

inline bool cpu_has_vnni() {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512vnni") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
           __builtin_cpu_supports("avx512dq");
}

// int8 weights as vpdpbusd reads them: panels of 16 output channels, [panel][k4 / 4][16][4] (four consecutive taps
// of one channel per 32-bit lane), zero-padded to k4 = K rounded up to 4 and to whole panels.
struct PackedInt8 {
    int k = 0, k4 = 0, n = 0, panels = 0;
    int8_t* data = nullptr;
    int32_t* sums = nullptr;  // [panels * 16]: sum over k of the channel's weights
    ~PackedInt8() {
        std::free(data);
        std::free(sums);
    }
    // src [n][k], int8 values held as floats
    bool pack(const float* src, int k_, int n_) {
        k = k_;
        n = n_;
        k4 = (int)round_up((size_t)k, 4);
        panels = (n + 15) / 16;
        data = (int8_t*)alloc_floats((size_t)panels * k4 * 16 / 4);
        sums = (int32_t*)alloc_floats((size_t)panels * 16);
        if (data == nullptr || sums == nullptr) return false;
        for (int j = 0; j < n; j++) {
            int8_t* dst = data + (size_t)(j / 16) * k4 * 16 + (j % 16) * 4;
            int32_t sum = 0;
            for (int kk = 0; kk < k; kk++) {
                const int v = (int)src[(size_t)j * k + kk];
                dst[(size_t)(kk / 4) * 64 + kk % 4] = (int8_t)v;
                sum += v;
            }
            sums[j] = sum;
        }
        return true;
    }
};

// acc += u8 x s8 dot products of groups of four (vpdpbusd, no saturation). Inline asm ties the accumulator to its
// register: with the intrinsic GCC copies every accumulator each step (as native-npu found).
F32_VNNI inline __m512i dpbusd(__m512i acc, __m512i a_u8, __m512i w_s8) {
    asm("vpdpbusd %2, %1, %0" : "+v"(acc) : "v"(a_u8), "v"(w_s8));
    return acc;
}

// MR rows of A (u8, row stride lda, k4 bytes readable per row) times NP (1 or 2) panels starting at panel p0
template <int MR, int NP>
F32_VNNI inline void vnni_tile(const uint8_t* a, int lda, const PackedInt8& b, int p0, int zero, const Out& o,
                               int row0) {
    __m512i acc[MR][NP];
#pragma GCC unroll 12
    for (int r = 0; r < MR; r++)
        for (int j = 0; j < NP; j++) acc[r][j] = _mm512_setzero_si512();
    const int8_t* w0 = b.data + (size_t)p0 * b.k4 * 16;
    const int8_t* w1 = w0 + (size_t)b.k4 * 16;
    for (int g = 0; g < b.k4; g += 4) {
        const __m512i b0 = _mm512_load_si512((const void*)(w0 + (size_t)g * 16));
        const __m512i b1 = NP == 2 ? _mm512_load_si512((const void*)(w1 + (size_t)g * 16)) : _mm512_setzero_si512();
#pragma GCC unroll 12
        for (int r = 0; r < MR; r++) {
            int32_t quad;
            std::memcpy(&quad, a + (size_t)r * lda + g, 4);
            const __m512i av = _mm512_set1_epi32(quad);
            acc[r][0] = dpbusd(acc[r][0], av, b0);
            if (NP == 2) acc[r][1] = dpbusd(acc[r][1], av, b1);
        }
    }
    const __m512i z = _mm512_set1_epi32(zero);
    const __m512i c0 = _mm512_mullo_epi32(z, _mm512_load_si512((const void*)(b.sums + p0 * 16)));
    const __m512i c1 = NP == 2 ? _mm512_mullo_epi32(z, _mm512_load_si512((const void*)(b.sums + p0 * 16 + 16)))
                               : _mm512_setzero_si512();
    const __m512 lo = _mm512_set1_ps(o.lo), hi = _mm512_set1_ps(o.hi);
    const int col0 = p0 * 16;
    const int cols = b.n - col0 < 16 * NP ? b.n - col0 : 16 * NP;
#pragma GCC unroll 12
    for (int r = 0; r < MR; r++) {
        const __m512 v0 = _mm512_cvtepi32_ps(_mm512_sub_epi32(acc[r][0], c0));
        const __m512 v1 = NP == 2 ? _mm512_cvtepi32_ps(_mm512_sub_epi32(acc[r][1], c1)) : _mm512_setzero_ps();
        store_avx512(o, row0 + r, col0, cols, v0, v1, lo, hi);
    }
}

template <int MR>
F32_VNNI inline void vnni_rows(const uint8_t* a, int lda, const PackedInt8& b, int zero, const Out& o, int row0) {
    int p = 0;
    for (; p + 2 <= b.panels; p += 2) vnni_tile<MR, 2>(a, lda, b, p, zero, o, row0);
    if (p < b.panels) vnni_tile<MR, 1>(a, lda, b, p, zero, o, row0);
}

// C rows [row0, row0 + rows) = epilogue(A x B - zero x column sums); zero = 128 + the image's offset
F32_VNNI inline void gemm_vnni(const uint8_t* a, int lda, int rows, const PackedInt8& b, int zero, const Out& o,
                               int row0) {
    int r = 0;
    for (; r + 12 <= rows; r += 12) vnni_rows<12>(a + (size_t)r * lda, lda, b, zero, o, row0 + r);
    const uint8_t* ar = a + (size_t)r * lda;
    switch (rows - r) {
        case 11: vnni_rows<11>(ar, lda, b, zero, o, row0 + r); break;
        case 10: vnni_rows<10>(ar, lda, b, zero, o, row0 + r); break;
        case 9: vnni_rows<9>(ar, lda, b, zero, o, row0 + r); break;
        case 8: vnni_rows<8>(ar, lda, b, zero, o, row0 + r); break;
        case 7: vnni_rows<7>(ar, lda, b, zero, o, row0 + r); break;
        case 6: vnni_rows<6>(ar, lda, b, zero, o, row0 + r); break;
        case 5: vnni_rows<5>(ar, lda, b, zero, o, row0 + r); break;
        case 4: vnni_rows<4>(ar, lda, b, zero, o, row0 + r); break;
        case 3: vnni_rows<3>(ar, lda, b, zero, o, row0 + r); break;
        case 2: vnni_rows<2>(ar, lda, b, zero, o, row0 + r); break;
        case 1: vnni_rows<1>(ar, lda, b, zero, o, row0 + r); break;
        default: break;
    }
}

}  // namespace f32
