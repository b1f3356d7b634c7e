// AVX-512 VNNI kernels. Every function here carries the target attribute, so the rest of the
// library stays baseline x86-64 and this code runs only after CPUID said the CPU has it.
#pragma once

#include <immintrin.h>

#include "npu_portable.h"

#define NPU_AVX512 __attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni")))

namespace npu {

// RoundingDivideByPOT with a per-lane exponent.
NPU_AVX512 static inline __m512i rdbpot_512(__m512i high, __m512i rshift) {
    const __m512i one = _mm512_set1_epi32(1);
    const __m512i mask = _mm512_sub_epi32(_mm512_sllv_epi32(one, rshift), one);
    const __m512i remainder = _mm512_and_si512(high, mask);
    const __m512i threshold = _mm512_add_epi32(_mm512_srli_epi32(mask, 1), _mm512_srli_epi32(high, 31));
    const __mmask16 round_up = _mm512_cmpgt_epi32_mask(remainder, threshold);
    return _mm512_mask_add_epi32(_mm512_srav_epi32(high, rshift), round_up, _mm512_srav_epi32(high, rshift), one);
}

// Vector MultiplyByQuantizedMultiplier. SaturatingRoundingDoublingHighMul(x, m) equals
// (x * m + 2^30) >> 31 for every x when m >= 0 (the only saturating case, x == m == INT32_MIN,
// cannot occur), so each lane is one 32x32->64 multiply, an add and a shift.
NPU_AVX512 static inline __m512i mbqm_512(__m512i x, __m512i mult, __m512i lshift, __m512i rshift) {
    x = _mm512_sllv_epi32(x, lshift);
    const __m512i nudge = _mm512_set1_epi64((long long)1 << 30);
    const __m512i even = _mm512_srli_epi64(_mm512_add_epi64(_mm512_mul_epi32(x, mult), nudge), 31);
    const __m512i odd_products = _mm512_mul_epi32(_mm512_srli_epi64(x, 32), _mm512_srli_epi64(mult, 32));
    const __m512i odd = _mm512_slli_epi64(_mm512_add_epi64(odd_products, nudge), 1);  // result in the high half
    const __m512i high = _mm512_mask_blend_epi32((__mmask16)0xAAAA, even, odd);
    return rdbpot_512(high, rshift);
}

// srdhm(v << 20, m) for |v| <= 256 and m >= 0 without 64-bit products: with m = mh * 2^11 + ml,
// (v * 2^20 * m + 2^30) >> 31 = v * mh + ((v * ml + 2^10) >> 11), both products within int32.
// TFLite's int8 Add shifts every input (x + offset, |x + offset| <= 256) left by 20 before rescaling it.
NPU_AVX512 static inline __m512i srdhm_shl20_512(__m512i v, __m512i m_hi, __m512i m_lo) {
    const __m512i low = _mm512_srai_epi32(_mm512_add_epi32(_mm512_mullo_epi32(v, m_lo), _mm512_set1_epi32(1 << 10)), 11);
    return _mm512_add_epi32(_mm512_mullo_epi32(v, m_hi), low);
}

// RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(x, mult), rshift) of channels [ch0, ch0 + 16),
// ch0 a multiple of 16, as one rounding shift of the exact 64-bit product (the identity and the
// constants are Requant's): per 8 lanes a multiply, a compare, an add, a masked subtract and a
// shift, then one permute interleaves the even and odd channels' results. 12 vector instructions
// where the high multiply and the rounding division apart took 15 (requant_store_512's form): used
// by the depthwise kernels; the GEMM tiles of three rows or more and the direct conv use the same form
// with the constants hoisted per block (RequantBlock512).
NPU_AVX512 __attribute__((always_inline)) static inline __m512i requant_high_512(const Requant& rq, __m512i x,
                                                                                int ch0) {
    const __m512i zero = _mm512_setzero_si512();  // P < 0 selects as P < -2^30 does (Requant's comment)
    const __m512i even_p = _mm512_mul_epi32(x, _mm512_loadu_si512(rq.mult + ch0));
    const __m512i odd_p = _mm512_mul_epi32(_mm512_srli_epi64(x, 32), _mm512_loadu_si512(rq.mult_swapped + ch0));
    __m512i even = _mm512_add_epi64(even_p, _mm512_loadu_si512(rq.round_add + ch0));
    __m512i odd = _mm512_add_epi64(odd_p, _mm512_loadu_si512(rq.round_add + ch0 + 8));
    even = _mm512_mask_sub_epi64(even, _mm512_cmplt_epi64_mask(even_p, zero), even,
                                 _mm512_loadu_si512(rq.round_neg + ch0));
    odd = _mm512_mask_sub_epi64(odd, _mm512_cmplt_epi64_mask(odd_p, zero), odd,
                                _mm512_loadu_si512(rq.round_neg + ch0 + 8));
    even = _mm512_srav_epi64(even, _mm512_loadu_si512(rq.round_shift + ch0));
    odd = _mm512_srav_epi64(odd, _mm512_loadu_si512(rq.round_shift + ch0 + 8));
    // the low dword of each qword: even channels from even, odd channels from odd
    const __m512i interleave = _mm512_set_epi32(30, 14, 28, 12, 26, 10, 24, 8, 22, 6, 20, 4, 18, 2, 16, 0);
    return _mm512_permutex2var_epi32(even, interleave, odd);
}

// Adds bias, requantizes and stores the lanes of keep, lane i at out_row[ch0 + i] with channel
// ch0 + i's constants.
NPU_AVX512 static inline void requant_store_keep_512(const ConvPlan& p, __m512i acc, int ch0, int8_t* out_row,
                                                     __mmask16 keep) {
    const Requant& rq = p.rq;
    acc = _mm512_add_epi32(acc, _mm512_loadu_si512(rq.bias + ch0));
    if (rq.any_lshift) acc = _mm512_sllv_epi32(acc, _mm512_loadu_si512(rq.lshift + ch0));
    // mbqm_512 (exact for the non-negative multipliers QuantizeMultiplier gives) with the rounding's
    // per-channel constants loaded from the plan instead of recomputed: 5 fewer vector instructions
    // per 16 outputs, a third of a 16-channel 3x3 layer's vector work being requantization. (The
    // depthwise path's requant_high_512 has 3 fewer again but ran 4-5 % slower here.)
    const __m512i nudge = _mm512_set1_epi64((long long)1 << 30);
    const __m512i mult = _mm512_loadu_si512(rq.mult + ch0);
    const __m512i even = _mm512_srli_epi64(_mm512_add_epi64(_mm512_mul_epi32(acc, mult), nudge), 31);
    const __m512i odd_products = _mm512_mul_epi32(_mm512_srli_epi64(acc, 32), _mm512_srli_epi64(mult, 32));
    const __m512i odd = _mm512_slli_epi64(_mm512_add_epi64(odd_products, nudge), 1);
    const __m512i high = _mm512_mask_blend_epi32((__mmask16)0xAAAA, even, odd);
    const __m512i remainder = _mm512_and_si512(high, _mm512_loadu_si512(rq.round_mask + ch0));
    const __m512i threshold = _mm512_add_epi32(_mm512_loadu_si512(rq.round_half + ch0), _mm512_srli_epi32(high, 31));
    const __m512i shifted = _mm512_srav_epi32(high, _mm512_loadu_si512(rq.rshift + ch0));
    __m512i v = _mm512_mask_add_epi32(shifted, _mm512_cmpgt_epi32_mask(remainder, threshold), shifted, _mm512_set1_epi32(1));
    v = _mm512_add_epi32(v, _mm512_set1_epi32(rq.y_zero));
    if (rq.clamps) {
        v = _mm512_max_epi32(v, _mm512_set1_epi32(rq.act_min));
        v = _mm512_min_epi32(v, _mm512_set1_epi32(rq.act_max));
    }
    _mm512_mask_cvtsepi32_storeu_epi8(out_row + ch0, keep, v);
}

// Adds bias, requantizes and stores output channels [ch0, ch0 + 16) that are below p.m.
NPU_AVX512 static inline void requant_store_512(const ConvPlan& p, __m512i acc, int ch0, int8_t* out_row) {
    const int left = p.m - ch0;
    if (left <= 0) return;
    requant_store_keep_512(p, acc, ch0, out_row, left >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << left) - 1));
}

// One 16-channel block's requantization constants, loaded once per block and shared by the rows of a
// register tile. The int8 stores may alias anything, so with the constants loaded inside the per-row
// requantization the compiler re-read all of them for every row: that, not its arithmetic, is why
// requant_high_512's 64-bit form (8 constant vectors) measured 3-5 % slower than the 32-bit one (5)
// in this path. Hoisted, the 64-bit form is the faster (12 vector instructions per 16 outputs for the
// high multiply and the rounding division, where the 32-bit form takes 15).
struct RequantBlock512 {
    __m512i lshift, mult, mult_odd, round_add_even, round_add_odd, round_neg_even, round_neg_odd,
        round_shift_even, round_shift_odd;
    __mmask16 keep;
    bool any_lshift, clamps, zp_folded;
    int32_t y_zero, act_min, act_max;
};

// The constants of channels [ch0, ch0 + 16) of rq, keep all 16 lanes.
NPU_AVX512 __attribute__((always_inline)) static inline RequantBlock512 requant_block_512(const Requant& rq, int ch0) {
    RequantBlock512 k;
    k.keep = (__mmask16)0xFFFF;
    k.any_lshift = rq.any_lshift;
    k.lshift = rq.any_lshift ? _mm512_loadu_si512(rq.lshift + ch0) : _mm512_setzero_si512();
    k.mult = _mm512_loadu_si512(rq.mult + ch0);
    k.mult_odd = _mm512_loadu_si512(rq.mult_swapped + ch0);  // odd channels' multipliers in the even dwords
    // with the output zero point as y_zero * 2^(31 + e) where Requant::zero_folded (computed at plan creation,
    // fold_zero): one add fewer per 16 outputs
    const int64_t* round_add = rq.zero_folded ? rq.round_add_zero : rq.round_add;
    k.round_add_even = _mm512_loadu_si512(round_add + ch0);
    k.round_add_odd = _mm512_loadu_si512(round_add + ch0 + 8);
    k.round_neg_even = _mm512_loadu_si512(rq.round_neg + ch0);
    k.round_neg_odd = _mm512_loadu_si512(rq.round_neg + ch0 + 8);
    k.round_shift_even = _mm512_loadu_si512(rq.round_shift + ch0);
    k.round_shift_odd = _mm512_loadu_si512(rq.round_shift + ch0 + 8);
    k.zp_folded = rq.zero_folded;
    k.clamps = rq.clamps;
    k.y_zero = rq.y_zero;
    k.act_min = rq.act_min;
    k.act_max = rq.act_max;
    return k;
}

// The same for a GEMM or direct conv's block: lanes at or past p.m are not stored.
NPU_AVX512 __attribute__((always_inline)) static inline RequantBlock512 requant_block_512(const ConvPlan& p, int ch0) {
    RequantBlock512 k = requant_block_512(p.rq, ch0);
    const int left = p.m - ch0;
    k.keep = left <= 0 ? (__mmask16)0 : left >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << left) - 1);
    return k;
}

// Requantizes 16 accumulators that already hold the bias (the tiles start their accumulators from it,
// bias_512: the same int32 sum in wrap-around arithmetic, one add fewer per 16 outputs), with the
// output zero point and the clamps: RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(x, mult), e)
// as one rounding shift of the exact 64-bit product, the identity of Requant (exact for the non-negative
// multipliers QuantizeMultiplier gives), as requant_high_512 with hoisted constants.
// ZF: -1 reads k.zp_folded at run time; 0 or 1 fixes it at compile time (the pipelined 16-channel direct conv, whose
// step loop requantizes between its vpdpbusd and ran 2-17 % slower with the run-time test there).
template <int ZF = -1>
NPU_AVX512 __attribute__((always_inline)) static inline __m512i requant_512(const RequantBlock512& k, __m512i acc) {
    if (k.any_lshift) acc = _mm512_sllv_epi32(acc, k.lshift);
    const __m512i zero = _mm512_setzero_si512();  // P < 0 selects as P < -2^30 does (Requant's comment)
    const __m512i even_p = _mm512_mul_epi32(acc, k.mult);
    const __m512i odd_p = _mm512_mul_epi32(_mm512_srli_epi64(acc, 32), k.mult_odd);
    __m512i even = _mm512_add_epi64(even_p, k.round_add_even);
    __m512i odd = _mm512_add_epi64(odd_p, k.round_add_odd);
    even = _mm512_mask_sub_epi64(even, _mm512_cmplt_epi64_mask(even_p, zero), even, k.round_neg_even);
    odd = _mm512_mask_sub_epi64(odd, _mm512_cmplt_epi64_mask(odd_p, zero), odd, k.round_neg_odd);
    even = _mm512_srav_epi64(even, k.round_shift_even);
    odd = _mm512_srav_epi64(odd, k.round_shift_odd);
    // the low dword of each qword: even channels from even, odd channels from odd
    const __m512i interleave = _mm512_set_epi32(30, 14, 28, 12, 26, 10, 24, 8, 22, 6, 20, 4, 18, 2, 16, 0);
    __m512i v = _mm512_permutex2var_epi32(even, interleave, odd);
    const bool folded = ZF < 0 ? k.zp_folded : ZF == 1;
    if (!folded) v = _mm512_add_epi32(v, _mm512_set1_epi32(k.y_zero));
    if (k.clamps) {
        v = _mm512_max_epi32(v, _mm512_set1_epi32(k.act_min));
        v = _mm512_min_epi32(v, _mm512_set1_epi32(k.act_max));
    }
    return v;
}

// requant_512 of the block's output channels that are below p.m, stored at out (the block's first channel).
template <int ZF = -1>
NPU_AVX512 __attribute__((always_inline)) static inline void requant_store_512(const RequantBlock512& k, __m512i acc,
                                                                              int8_t* out) {
    if (k.keep == 0) return;
    _mm512_mask_cvtsepi32_storeu_epi8(out, k.keep, requant_512<ZF>(k, acc));
}

// The bias of output channels [ch0, ch0 + 16): where the tiles that requantize through RequantBlock512
// start their accumulators.
NPU_AVX512 static inline __m512i bias_512(const ConvPlan& p, int ch0) { return _mm512_loadu_si512(p.rq.bias + ch0); }

// acc += u8 x s8 dot products of groups of four (vpdpbusd, no saturation). Inline asm ties the
// accumulator to its register: with the intrinsic GCC 12 copies every accumulator each step.
NPU_AVX512 static inline __m512i dpbusd(__m512i acc, __m512i a_u8, __m512i w_s8) {
    asm("vpdpbusd %2, %1, %0" : "+v"(acc) : "v"(a_u8), "v"(w_s8));
    return acc;
}

// R im2col rows (uint8, k_pad each) times NB 16-channel weight blocks starting at block blk0:
// R * NB int32 accumulators, each an independent vpdpbusd chain (4 input bytes x 16 channels per
// instruction). Few rows (GEMV) take many blocks so enough chains hide the instruction latency;
// 16-channel layers take one block and many rows.
template <int R, int NB>
NPU_AVX512 static inline void vnni_tile(const ConvPlan& p, const uint8_t* a, int blk0, int8_t* out) {
    __m512i acc[R][NB];
    __m512i init[NB];
#pragma GCC unroll 8
    for (int b = 0; b < NB; b++) init[b] = R <= 2 ? _mm512_setzero_si512() : bias_512(p, (blk0 + b) * 16);
#pragma GCC unroll 16
    for (int r = 0; r < R; r++) {
#pragma GCC unroll 8
        for (int b = 0; b < NB; b++) acc[r][b] = init[b];
    }
    const int steps = p.k_pad / 4;
    const size_t block_bytes = (size_t)steps * 64;
    const int8_t* w = (const int8_t*)p.packed + (size_t)blk0 * block_bytes;
    for (int s = 0; s < steps; s++) {
        __m512i wv[NB];
#pragma GCC unroll 8
        for (int b = 0; b < NB; b++) wv[b] = _mm512_load_si512(w + b * block_bytes + (size_t)s * 64);
#pragma GCC unroll 16
        for (int r = 0; r < R; r++) {
            int32_t quad;
            std::memcpy(&quad, a + (size_t)r * p.k_pad + (size_t)s * 4, 4);
            const __m512i av = _mm512_set1_epi32(quad);
#pragma GCC unroll 8
            for (int b = 0; b < NB; b++) acc[r][b] = dpbusd(acc[r][b], av, wv[b]);
        }
    }
    if constexpr (R <= 2) {
        // tiles of one or two rows (batch-1 fully connected) have nothing to share the 64-bit form's 10
        // constant vectors with: the 32-bit form loads 6, and AD01's GEMVs ran 3-5 % slower on the other
        for (int r = 0; r < R; r++) {
            int8_t* row = out + (size_t)r * p.m;
            for (int b = 0; b < NB; b++) requant_store_512(p, acc[r][b], (blk0 + b) * 16, row);
        }
    } else {
#pragma GCC unroll 8
        for (int b = 0; b < NB; b++) {
            const RequantBlock512 k = requant_block_512(p, (blk0 + b) * 16);
#pragma GCC unroll 16
            for (int r = 0; r < R; r++) requant_store_512(k, acc[r][b], out + (size_t)r * p.m + (blk0 + b) * 16);
        }
    }
}

// Eight output channels (ConvPlan::paired8): P pairs of panel rows, rows 2j and 2j + 1 in lanes 0-7
// and 8-15 of one accumulator (the plan mirrors channels 0-7's weights and constants into lanes
// 8-15), so a vpdpbusd computes two pixels where a 16-lane block held one pixel and eight zero
// lanes. A pair's 16 outputs are contiguous (8 channels per pixel). Rows from `rows` on are not
// stored (their reads repeat the last row).
template <int P>
NPU_AVX512 static inline void vnni_pairs8_tile(const ConvPlan& p, const uint8_t* a, int rows, int8_t* out) {
    __m512i acc[P];
#pragma GCC unroll 16
    for (int j = 0; j < P; j++) acc[j] = _mm512_setzero_si512();
    const uint8_t* row[2 * P];
#pragma GCC unroll 32
    for (int r = 0; r < 2 * P; r++) row[r] = a + (size_t)std::min(r, rows - 1) * p.k_pad;
    const int steps = p.k_pad / 4;
    const int8_t* w = (const int8_t*)p.packed;
    for (int s = 0; s < steps; s++) {
        const __m512i wv = _mm512_load_si512(w + (size_t)s * 64);
#pragma GCC unroll 16
        for (int j = 0; j < P; j++) {
            int32_t q0, q1;
            std::memcpy(&q0, row[2 * j] + (size_t)s * 4, 4);
            std::memcpy(&q1, row[2 * j + 1] + (size_t)s * 4, 4);
            const __m512i av = _mm512_mask_set1_epi32(_mm512_set1_epi32(q0), (__mmask16)0xFF00, q1);
            acc[j] = dpbusd(acc[j], av, wv);
        }
    }
    for (int j = 0; j < P && 2 * j < rows; j++) {
        const __mmask16 keep = 2 * j + 1 < rows ? (__mmask16)0xFFFF : (__mmask16)0x00FF;
        requant_store_keep_512(p, acc[j], 0, out + (size_t)j * 16, keep);
    }
}

// Rows [0, count) of a panel of an eight-channel conv: tiles of 8 pairs (8 accumulator chains), the
// last one of 1, 4 or 8 pairs (a one-pixel fully connected layer computes one pair, not eight).
NPU_AVX512 static inline void vnni_pairs8(const ConvPlan& p, const uint8_t* panel, int count, int8_t* y) {
    for (int r = 0; r < count; r += 16) {
        const int rows = std::min(16, count - r);
        const uint8_t* a = panel + (size_t)r * p.k_pad;
        int8_t* out = y + (size_t)r * 8;
        if (rows <= 2) {
            vnni_pairs8_tile<1>(p, a, rows, out);
        } else if (rows <= 8) {
            vnni_pairs8_tile<4>(p, a, rows, out);
        } else {
            vnni_pairs8_tile<8>(p, a, rows, out);
        }
    }
}

// Rows [0, count) of a panel times blocks [blk0, blk0 + NB): tiles of RMAX rows, then the rest.
template <int RMAX, int NB>
NPU_AVX512 static inline void vnni_rows(const ConvPlan& p, const uint8_t* panel, int count, int blk0, int8_t* y) {
    int r = 0;
    for (; r + RMAX <= count; r += RMAX) vnni_tile<RMAX, NB>(p, panel + (size_t)r * p.k_pad, blk0, y + (size_t)r * p.m);
    const uint8_t* a = panel + (size_t)r * p.k_pad;
    int8_t* out = y + (size_t)r * p.m;
    switch (count - r) {
        case 15: if constexpr (RMAX > 15) vnni_tile<15, NB>(p, a, blk0, out); break;
        case 14: if constexpr (RMAX > 14) vnni_tile<14, NB>(p, a, blk0, out); break;
        case 13: if constexpr (RMAX > 13) vnni_tile<13, NB>(p, a, blk0, out); break;
        case 12: if constexpr (RMAX > 12) vnni_tile<12, NB>(p, a, blk0, out); break;
        case 11: if constexpr (RMAX > 11) vnni_tile<11, NB>(p, a, blk0, out); break;
        case 10: if constexpr (RMAX > 10) vnni_tile<10, NB>(p, a, blk0, out); break;
        case 9: if constexpr (RMAX > 9) vnni_tile<9, NB>(p, a, blk0, out); break;
        case 8: if constexpr (RMAX > 8) vnni_tile<8, NB>(p, a, blk0, out); break;
        case 7: if constexpr (RMAX > 7) vnni_tile<7, NB>(p, a, blk0, out); break;
        case 6: if constexpr (RMAX > 6) vnni_tile<6, NB>(p, a, blk0, out); break;
        case 5: if constexpr (RMAX > 5) vnni_tile<5, NB>(p, a, blk0, out); break;
        case 4: if constexpr (RMAX > 4) vnni_tile<4, NB>(p, a, blk0, out); break;
        case 3: if constexpr (RMAX > 3) vnni_tile<3, NB>(p, a, blk0, out); break;
        case 2: if constexpr (RMAX > 2) vnni_tile<2, NB>(p, a, blk0, out); break;
        case 1: if constexpr (RMAX > 1) vnni_tile<1, NB>(p, a, blk0, out); break;
        default: break;
    }
}

// n bytes from s to d with the sign bit flipped (int8 x -> uint8 x + 128); masked tail.
NPU_AVX512 static inline void flip_copy_512(uint8_t* d, const int8_t* s, int n) {
    const __m512i flip = _mm512_set1_epi8((char)0x80);
    int i = 0;
    for (; i + 64 <= n; i += 64) _mm512_storeu_si512(d + i, _mm512_xor_si512(_mm512_loadu_si512(s + i), flip));
    if (i < n) {
        const __mmask64 m = ~0ULL >> (64 - (n - i));
        _mm512_mask_storeu_epi8(d + i, m, _mm512_xor_si512(_mm512_maskz_loadu_epi8(m, s + i), flip));
    }
}

NPU_AVX512 static inline void fill_512(uint8_t* d, uint8_t v, int n) {
    const __m512i fill = _mm512_set1_epi8((char)v);
    int i = 0;
    for (; i + 64 <= n; i += 64) _mm512_storeu_si512(d + i, fill);
    if (i < n) _mm512_mask_storeu_epi8(d + i, ~0ULL >> (64 - (n - i)), fill);
}

// pack_im2col for the VNNI path, a vector copy per tap: count rows of k_pad uint8 (x ^ 0x80),
// taps outside the image read pad (the flipped input zero point), k..k_pad zero.
NPU_AVX512 static void pack_im2col_512(const ConvPlan& p, const int8_t* x, int p0, int count, uint8_t* dst,
                                       uint8_t pad) {
    const int c = p.c;
    if (p.kh == 1 && p.kw == 1 && p.stride_h == 1 && p.stride_w == 1 && p.pad_t == 0 && p.pad_l == 0
        && p.oh == p.h && p.ow == p.w) {
        // pointwise and fully connected: output pixel i reads input pixel i
        if (c == p.k_pad) {
            flip_copy_512(dst, x + (size_t)p0 * c, count * c);
            return;
        }
        for (int r = 0; r < count; r++) {
            uint8_t* row = dst + (size_t)r * p.k_pad;
            flip_copy_512(row, x + (size_t)(p0 + r) * c, c);
            for (int pos = c; pos < p.k_pad; pos++) row[pos] = 0;
        }
        return;
    }
    int ox = p0 % p.ow;
    int oy = (p0 / p.ow) % p.oh;
    int b = p0 / (p.ow * p.oh);
    // A kernel row of at most 16 bytes (RGB stems: 3 x 3 = 9, KWS's 4 x 1) inside the image is copied
    // with one unmasked 16-byte load, flip and store: the bytes past its end are garbage, overwritten by
    // whatever this row writes next (pieces are written in ascending order, the row ends with its zero
    // tail) or by the next row; the last row's spill lands in the scratch's spare bytes (see
    // ConvPlan::scratch_bytes). The load may read past the kernel row, so it is taken only where 16
    // bytes remain in the input. Where every kernel row of a pixel is such a row (the image's interior
    // columns, rows whose taps are all inside), the source rows are resolved once per output row.
    // Byte-granular masked copies and the per-tap bookkeeping took two thirds of the RGB stems' time
    // (VWW's 96x96x3 -> 8: 30 of 45 us by the kernel driver).
    const int row_bytes = p.kw * c;
    const bool short_rows = p.dil_w == 1 && row_bytes <= 16 && p.kh <= 16;
    const int8_t* x_end = x + (size_t)p.n * p.h * p.w * c;
    const __m128i flip16 = _mm_set1_epi8((char)0x80);
    const int8_t* src_rows[16];
    bool rows_inside = false;
    int rows_of = -1;  // the output row (b * oh + oy) src_rows was resolved for
    for (int r = 0; r < count; r++) {
        uint8_t* row = dst + (size_t)r * p.k_pad;
        int pos = 0;
        const int ix0 = ox * p.stride_w - p.pad_l;
        if (short_rows) {
            const int out_row = b * p.oh + oy;
            if (out_row != rows_of) {
                rows_of = out_row;
                rows_inside = true;
                for (int ky = 0; ky < p.kh; ky++) {
                    const int iy = oy * p.stride_h - p.pad_t + ky * p.dil_h;
                    const bool inside = iy >= 0 && iy < p.h;
                    rows_inside = rows_inside && inside;
                    src_rows[ky] = inside ? x + ((size_t)b * p.h + iy) * p.w * c : nullptr;
                }
            }
            if (rows_inside && ix0 >= 0 && ix0 + p.kw <= p.w
                && src_rows[p.kh - 1] + (size_t)ix0 * c + 16 <= x_end) {
                for (int ky = 0; ky < p.kh; ky++) {
                    const __m128i v = _mm_loadu_si128((const __m128i*)(src_rows[ky] + (size_t)ix0 * c));
                    _mm_storeu_si128((__m128i*)(row + pos), _mm_xor_si128(v, flip16));
                    pos += row_bytes;
                }
                for (; pos < p.k_pad; pos++) row[pos] = 0;
                if (++ox == p.ow) {
                    ox = 0;
                    if (++oy == p.oh) {
                        oy = 0;
                        b++;
                    }
                }
                continue;
            }
        }
        for (int ky = 0; ky < p.kh; ky++) {
            const int iy = oy * p.stride_h - p.pad_t + ky * p.dil_h;
            if (iy < 0 || iy >= p.h) {
                fill_512(row + pos, pad, p.kw * c);
                pos += p.kw * c;
                continue;
            }
            const int8_t* src_row = x + ((size_t)b * p.h + iy) * p.w * c;
            if (short_rows && ix0 >= 0 && ix0 + p.kw <= p.w && src_row + (size_t)ix0 * c + 16 <= x_end) {
                const __m128i v = _mm_loadu_si128((const __m128i*)(src_row + (size_t)ix0 * c));
                _mm_storeu_si128((__m128i*)(row + pos), _mm_xor_si128(v, flip16));
                pos += row_bytes;
                continue;
            }
            if (p.dil_w == 1 && ix0 >= 0 && ix0 + p.kw <= p.w) {
                // the whole kernel row is inside the image and contiguous in NHWC
                flip_copy_512(row + pos, src_row + (size_t)ix0 * c, p.kw * c);
                pos += p.kw * c;
                continue;
            }
            for (int kx = 0; kx < p.kw; kx++) {
                const int ix = ix0 + kx * p.dil_w;
                if (ix < 0 || ix >= p.w) {
                    fill_512(row + pos, pad, c);
                } else {
                    flip_copy_512(row + pos, src_row + (size_t)ix * c, c);
                }
                pos += c;
            }
        }
        for (; pos < p.k_pad; pos++) row[pos] = 0;
        if (++ox == p.ow) {
            ox = 0;
            if (++oy == p.oh) {
                oy = 0;
                b++;
            }
        }
    }
}

// GEMM convolution with VNNI: inputs flipped to uint8 (x ^ 0x80 = x + 128); the bias already holds
// -(128 + x_zero) * sum(w) per channel, so padding reads as x_zero and contributes nothing.
// Channel blocks per tile: up to 8 for one or two rows (GEMV, fully connected), 4 for three or
// four rows, else pairs of blocks with 8 rows and a last odd block with 16 rows.
// Output pixels [first, end) only, y pointing at pixel first's output.
NPU_AVX512 static void conv_gemm_avx512(const ConvPlan& p, const int8_t* x, int8_t* y, uint8_t* scratch, int first,
                                        int end) {
    uint8_t* panel = scratch;
    const int pixels = end;
    const int blocks = (p.m + 15) / 16;
    const uint8_t pad = (uint8_t)(p.x_zero ^ 0x80);
    for (int p0 = first; p0 < pixels; p0 += kPanelRows) {
        const int count = std::min(kPanelRows, pixels - p0);
        pack_im2col_512(p, x, p0, count, panel, pad);
        int8_t* out = y + (size_t)(p0 - first) * p.m;
        if (p.paired8) {
            vnni_pairs8(p, panel, count, out);
            continue;
        }
        int blk = 0;
        if (count <= 2) {
            for (; blk + 8 <= blocks; blk += 8) vnni_rows<2, 8>(p, panel, count, blk, out);
            for (; blk + 4 <= blocks; blk += 4) vnni_rows<2, 4>(p, panel, count, blk, out);
        } else if (count <= 4) {
            for (; blk + 4 <= blocks; blk += 4) vnni_rows<4, 4>(p, panel, count, blk, out);
        }
        for (; blk + 2 <= blocks; blk += 2) vnni_rows<8, 2>(p, panel, count, blk, out);
        if (blk < blocks) vnni_rows<16, 1>(p, panel, count, blk, out);
    }
}

// Direct convolution (ConvPlan::direct): R output pixels of one row x NB 16-channel blocks in
// registers. src is the padded, flipped input at the first pixel's top-left tap; pixel r reads
// src + r * PS (PS = stride_w * c bytes; a template constant for the common sizes so every
// broadcast is one load at a fixed displacement from one pointer, 0 = the runtime ps). The packed
// weights' steps run over taps (ky, kx) and, within a tap, the channel groups of four: exactly the
// order of the padded input's bytes, so the step loop walks both with pointer increments. Only the
// first `valid` pixels are stored (a row's last tile may be partial). Integer sums in any order are
// the same in wrap-around int32, and the requantization is the GEMM path's: bit-exact with it.
// The accumulators start from the bias, and with Requant::zero_folded the output zero point is added
// inside the rounding shift: two vector instructions fewer per 16 outputs (a 16-channel layer's 3x3
// tile spends a quarter of its time requantizing; a 1x1 stride-2 shortcut with K = 16 most of it).
template <int R, int NB, int PS>
NPU_AVX512 static inline void direct_tile(const ConvPlan& p, const uint8_t* src, int ps, size_t row_bytes, int blk0,
                                          int valid, int8_t* out) {
    __m512i acc[R][NB];
#pragma GCC unroll 4
    for (int b = 0; b < NB; b++) {
        const __m512i bias = _mm512_loadu_si512(p.rq.bias + (blk0 + b) * 16);
#pragma GCC unroll 16
        for (int r = 0; r < R; r++) acc[r][b] = bias;
    }
    const size_t pstride = PS != 0 ? (size_t)PS : (size_t)ps;
    const int cp = p.direct_c();
    const int groups = cp / 4;
    const size_t block_bytes = (size_t)(p.k_pad / 4) * 64;
    const int8_t* w = (const int8_t*)p.packed + (size_t)blk0 * block_bytes;
    for (int ky = 0; ky < p.kh; ky++) {
        for (int kx = 0; kx < p.kw; kx++) {
            const uint8_t* a = src + ky * row_bytes + (size_t)kx * cp;
            for (int g = 0; g < groups; g++) {
                __m512i wv[NB];
#pragma GCC unroll 4
                for (int b = 0; b < NB; b++) wv[b] = _mm512_load_si512(w + b * block_bytes);
#pragma GCC unroll 16
                for (int r = 0; r < R; r++) {
                    int32_t quad;
                    std::memcpy(&quad, a + r * pstride, 4);
                    const __m512i av = _mm512_set1_epi32(quad);
#pragma GCC unroll 4
                    for (int b = 0; b < NB; b++) acc[r][b] = dpbusd(acc[r][b], av, wv[b]);
                }
                a += 4;
                w += 64;
            }
        }
    }
#pragma GCC unroll 8
    for (int b = 0; b < NB; b++) {
        RequantBlock512 k = requant_block_512(p, (blk0 + b) * 16);
#pragma GCC unroll 16
        for (int r = 0; r < R; r++) {
            if (r < valid) {
                requant_store_512(k, acc[r][b], out + (size_t)r * p.m + (blk0 + b) * 16);
            }
        }
    }
}

// Pixels [ox0, ox1) of one output row times blocks [blk, blk + NB): tiles of R pixels, the last
// tile the fewest of 4, 8, 12 (up to R) that cover the rest, so a narrow row wastes at most three
// pixels' work.
template <int R, int NB, int PS>
NPU_AVX512 static inline void direct_blocks(const ConvPlan& p, const uint8_t* row_src, size_t row_bytes, int ox0,
                                            int ox1, int blk, int8_t* out) {
    const int ps = p.stride_w * p.direct_c();
    int ox = ox0;
    for (; ox + R <= ox1; ox += R) {
        direct_tile<R, NB, PS>(p, row_src + (size_t)ox * ps, ps, row_bytes, blk, R, out + (size_t)(ox - ox0) * p.m);
    }
    const int rest = ox1 - ox;
    if (rest <= 0) return;
    const uint8_t* src = row_src + (size_t)ox * ps;
    int8_t* o = out + (size_t)(ox - ox0) * p.m;
    if (rest <= 4) {
        direct_tile<4, NB, PS>(p, src, ps, row_bytes, blk, rest, o);
    } else if (rest <= 8 || R <= 8) {
        direct_tile<8, NB, PS>(p, src, ps, row_bytes, blk, rest, o);
    } else if constexpr (R > 12) {
        if (rest <= 12) {
            direct_tile<12, NB, PS>(p, src, ps, row_bytes, blk, rest, o);
        } else {
            direct_tile<R, NB, PS>(p, src, ps, row_bytes, blk, rest, o);
        }
    } else {
        direct_tile<R, NB, PS>(p, src, ps, row_bytes, blk, rest, o);
    }
}

// 16-channel layers (one block, p.m == 16): a tile of 16 pixels whose step loop also requantizes and
// stores the previous tile's 16 accumulators (pend, pend_n of them, to pend_out), about one per step,
// so that the requantization's instructions issue between the multiply-bound vpdpbusd instead of after
// the loop, where the next tile's loop could not start until they had left the scheduler (ResNet-8's
// stem 6.4 -> 5.2 us, its 16 -> 16 convs 12.8 -> 12.0 us by the kernel driver; the same for 32-channel
// layers on 8 x 2 tiles, with the two blocks' constants, ran 3-30 % slower). The tile's own accumulators
// go to pend for the next tile (or the final flush).
template <int PS, bool ZF>
NPU_AVX512 static inline void direct_tile16_pipelined(const ConvPlan& p, const uint8_t* src, size_t row_bytes,
                                                      const RequantBlock512& k, int32_t (*pend)[16], int pend_n,
                                                      int8_t* pend_out) {
    __m512i acc[16];
    const __m512i bias = _mm512_loadu_si512(p.rq.bias);
#pragma GCC unroll 16
    for (int r = 0; r < 16; r++) acc[r] = bias;
    const int cp = p.direct_c();
    const int groups = cp / 4;
    const int steps = p.kh * p.kw * groups;
    const int per_step = (pend_n + steps - 1) / steps;
    const int8_t* w = (const int8_t*)p.packed;
    int done = 0;
    for (int ky = 0; ky < p.kh; ky++) {
        for (int kx = 0; kx < p.kw; kx++) {
            const uint8_t* a = src + ky * row_bytes + (size_t)kx * cp;
            for (int g = 0; g < groups; g++) {
                const __m512i wv = _mm512_load_si512(w);
#pragma GCC unroll 16
                for (int r = 0; r < 16; r++) {
                    int32_t quad;
                    std::memcpy(&quad, a + r * PS, 4);
                    acc[r] = dpbusd(acc[r], _mm512_set1_epi32(quad), wv);
                }
                for (int j = 0; j < per_step && done < pend_n; j++, done++) {
                    requant_store_512<ZF ? 1 : 0>(k, _mm512_load_si512(pend[done]), pend_out + (size_t)done * 16);
                }
                a += 4;
                w += 64;
            }
        }
    }
    for (; done < pend_n; done++) {
        requant_store_512<ZF ? 1 : 0>(k, _mm512_load_si512(pend[done]), pend_out + (size_t)done * 16);
    }
#pragma GCC unroll 16
    for (int r = 0; r < 16; r++) _mm512_store_si512(pend[r], acc[r]);
}

// Requantizes and stores a pending 16-channel tile (see direct_tile16_pipelined).
template <bool ZF>
NPU_AVX512 static inline void direct16_flush(const RequantBlock512& k, int32_t (*pend)[16], int pend_n,
                                             int8_t* pend_out) {
    for (int r = 0; r < pend_n; r++) requant_store_512<ZF ? 1 : 0>(k, _mm512_load_si512(pend[r]), pend_out + (size_t)r * 16);
}

// The output rows of a 16-channel direct conv (p.m == 16, a pixel stride of 4 or 16 bytes): whole tiles
// of 16 pixels pipelined across rows (direct_tile16_pipelined), a row's last partial tile by
// direct_blocks after the pending tile is flushed.
template <int PS, bool ZF>
NPU_AVX512 static void direct_rows16(const ConvPlan& p, const uint8_t* scratch, size_t row_bytes, int py0, int first,
                                     int end, int8_t* y) {
    alignas(64) int32_t pend[16][16];
    int pend_n = 0;
    int8_t* pend_out = nullptr;
    RequantBlock512 k = requant_block_512(p, 0);
    const int oy0 = first / p.ow, oy1 = (end - 1) / p.ow;
    for (int oy = oy0; oy <= oy1; oy++) {
        const int ox0 = oy == oy0 ? first - oy * p.ow : 0;
        const int ox1 = oy == oy1 ? end - oy * p.ow : p.ow;
        const uint8_t* row_src = scratch + (size_t)(oy * p.stride_h - py0) * row_bytes;
        int8_t* out = y + ((size_t)oy * p.ow + ox0 - first) * 16;
        int ox = ox0;
        for (; ox + 16 <= ox1; ox += 16) {
            direct_tile16_pipelined<PS, ZF>(p, row_src + (size_t)ox * PS, row_bytes, k, pend, pend_n, pend_out);
            pend_n = 16;
            pend_out = out + (size_t)(ox - ox0) * 16;
        }
        if (ox < ox1) {
            direct16_flush<ZF>(k, pend, pend_n, pend_out);
            pend_n = 0;
            direct_blocks<16, 1, PS>(p, row_src, row_bytes, ox, ox1, 0, out + (size_t)(ox - ox0) * 16);
        }
    }
    direct16_flush<ZF>(k, pend, pend_n, pend_out);
}

// One output row's pixels [ox0, ox1): pairs of 16-channel blocks on 8 pixels (16 accumulator
// chains, two weight loads per eight broadcasts) and a last odd block on 16 pixels (16-channel
// layers: 16 chains).
template <int PS>
NPU_AVX512 static void direct_row(const ConvPlan& p, const uint8_t* row_src, size_t row_bytes, int ox0, int ox1,
                                  int8_t* out) {
    const int blocks = (p.m + 15) / 16;
    int blk = 0;
    for (; blk + 2 <= blocks; blk += 2) direct_blocks<8, 2, PS>(p, row_src, row_bytes, ox0, ox1, blk, out);
    if (blk < blocks) direct_blocks<16, 1, PS>(p, row_src, row_bytes, ox0, ox1, blk, out);
}

// direct_row with the pixel stride as a template constant where it is one of the common sizes.
NPU_AVX512 static inline void direct_row_ps(const ConvPlan& p, int ps, const uint8_t* row_src, size_t row_bytes,
                                            int ox0, int ox1, int8_t* out) {
    switch (ps) {
        case 16: direct_row<16>(p, row_src, row_bytes, ox0, ox1, out); break;
        case 32: direct_row<32>(p, row_src, row_bytes, ox0, ox1, out); break;
        case 64: direct_row<64>(p, row_src, row_bytes, ox0, ox1, out); break;
        case 128: direct_row<128>(p, row_src, row_bytes, ox0, ox1, out); break;
        default: direct_row<0>(p, row_src, row_bytes, ox0, ox1, out); break;
    }
}

// One image row of an NCHW RGB input (ConvPlan::nchw_input): the three plane rows at r, r + plane and
// r + 2 * plane, `count` pixels, interleaved to 4 bytes a pixel (R, G, B flipped to uint8, then the pad
// byte) as direct_pad_rows lays out an NHWC row. Sixteen pixels per step: two byte unpacks pair R with
// G and B with a zero, a word unpack joins the pairs, the XOR flips the channels and turns the zero into
// the pad byte. The last partial step loads and stores under masks, so nothing outside the planes is
// read and nothing past the row's pixels written.
NPU_AVX512 static inline void direct_interleave_planes(const int8_t* r, size_t plane, int count, uint8_t* d,
                                                       uint8_t pad) {
    const int8_t* g = r + plane;
    const int8_t* b = g + plane;
    const __m128i zero = _mm_setzero_si128();
    const __m128i flip = _mm_set1_epi32((int)(0x808080u | ((uint32_t)pad << 24)));
    for (int px = 0; px < count; px += 16, d += 64) {
        const int n = std::min(16, count - px);
        const __mmask16 in_mask = (__mmask16)((1u << n) - 1u);
        const __m128i vr = _mm_maskz_loadu_epi8(in_mask, r + px);
        const __m128i vg = _mm_maskz_loadu_epi8(in_mask, g + px);
        const __m128i vb = _mm_maskz_loadu_epi8(in_mask, b + px);
        const __m128i rg_lo = _mm_unpacklo_epi8(vr, vg), rg_hi = _mm_unpackhi_epi8(vr, vg);
        const __m128i b0_lo = _mm_unpacklo_epi8(vb, zero), b0_hi = _mm_unpackhi_epi8(vb, zero);
        const __m128i q[4] = {_mm_xor_si128(_mm_unpacklo_epi16(rg_lo, b0_lo), flip),
                              _mm_xor_si128(_mm_unpackhi_epi16(rg_lo, b0_lo), flip),
                              _mm_xor_si128(_mm_unpacklo_epi16(rg_hi, b0_hi), flip),
                              _mm_xor_si128(_mm_unpackhi_epi16(rg_hi, b0_hi), flip)};
        if (n == 16) {
            for (int i = 0; i < 4; i++) _mm_storeu_si128((__m128i*)(d + 16 * i), q[i]);
        } else {
            for (int i = 0; i < 4; i++) {
                const int bytes = std::max(0, std::min(16, 4 * n - 16 * i));
                _mm_mask_storeu_epi8(d + 16 * i, (__mmask16)((1u << bytes) - 1u), q[i]);
            }
        }
    }
}

// Copies padded rows [py0, py1) of the input into dst, flipped to uint8 (x ^ 0x80), taps outside
// the image as pad (the flipped input zero point): padded (py, px) is input (py - pad_t, px - pad_l).
// Pixels take direct_c bytes; with fewer channels the gap is pad too (its weights are zero).
NPU_AVX512 static void direct_pad_rows(const ConvPlan& p, const int8_t* x, int py0, int py1, uint8_t* dst, uint8_t pad) {
    const int cp = p.direct_c();
    const int cols = p.direct_cols();
    const size_t row_bytes = (size_t)cols * cp;
    const int left = std::min(p.pad_l, cols);
    const int inside = std::max(0, std::min(p.w, cols - left));
    for (int py = py0; py < py1; py++) {
        uint8_t* row = dst + (size_t)(py - py0) * row_bytes;
        const int iy = py - p.pad_t;
        if (iy < 0 || iy >= p.h) {
            fill_512(row, pad, (int)row_bytes);
            continue;
        }
        const int8_t* src = x + (size_t)iy * p.w * p.c;
        fill_512(row, pad, left * cp);
        if (p.nchw_input) {
            direct_interleave_planes(x + (size_t)iy * p.w, (size_t)p.h * p.w, inside, row + (size_t)left * cp, pad);
        } else if (cp == p.c) {
            flip_copy_512(row + (size_t)left * cp, src, inside * cp);
        } else if (p.c == 3 && cp == 4) {
            // RGB: four pixels per step, 12 bytes read (a masked load, so never past the input) and
            // spread to 16 by one shuffle whose zeroed fourth bytes the XOR turns into the pad byte
            uint8_t* d = row + (size_t)left * cp;
            const __m128i spread = _mm_setr_epi8(0, 1, 2, -128, 3, 4, 5, -128, 6, 7, 8, -128, 9, 10, 11, -128);
            const __m128i flip = _mm_set1_epi32((int)(0x808080u | ((uint32_t)pad << 24)));
            int px = 0;
            for (; px + 4 <= inside; px += 4, d += 16, src += 12) {
                const __m128i v = _mm_maskz_loadu_epi8((__mmask16)0x0FFF, src);
                _mm_storeu_si128((__m128i*)d, _mm_xor_si128(_mm_shuffle_epi8(v, spread), flip));
            }
            for (; px < inside; px++, d += 4, src += 3) {
                d[0] = (uint8_t)(src[0] ^ 0x80);
                d[1] = (uint8_t)(src[1] ^ 0x80);
                d[2] = (uint8_t)(src[2] ^ 0x80);
                d[3] = pad;
            }
        } else {
            uint8_t* d = row + (size_t)left * cp;
            for (int px = 0; px < inside; px++, d += cp, src += p.c) {
                for (int ch = 0; ch < p.c; ch++) d[ch] = (uint8_t)(src[ch] ^ 0x80);
                for (int ch = p.c; ch < cp; ch++) d[ch] = pad;
            }
        }
        fill_512(row + (size_t)(left + inside) * cp, pad, (cols - left - inside) * cp);
    }
}

// A direct conv's output pixels [first, end), y pointing at pixel first's output: the padded input
// rows those pixels read are built in scratch once, then each output row runs its register tiles.
NPU_AVX512 static void conv_direct_avx512(const ConvPlan& p, const int8_t* x, int8_t* y, uint8_t* scratch, int first,
                                          int end) {
    if (first >= end) return;
    const int oy0 = first / p.ow, oy1 = (end - 1) / p.ow;
    const int py0 = oy0 * p.stride_h, py1 = oy1 * p.stride_h + p.kh;
    const size_t row_bytes = (size_t)p.direct_cols() * p.direct_c();
    direct_pad_rows(p, x, py0, py1, scratch, (uint8_t)(p.x_zero ^ 0x80));
    const int ps = p.stride_w * p.direct_c();
    if (p.m == 16 && (ps == 16 || ps == 4)) {
        // 16-channel layers (ResNet-8's stem and 16 -> 16 convs): tiles pipelined with their requantization
        if (ps == 16 && p.rq.zero_folded) direct_rows16<16, true>(p, scratch, row_bytes, py0, first, end, y);
        else if (ps == 16) direct_rows16<16, false>(p, scratch, row_bytes, py0, first, end, y);
        else if (p.rq.zero_folded) direct_rows16<4, true>(p, scratch, row_bytes, py0, first, end, y);
        else direct_rows16<4, false>(p, scratch, row_bytes, py0, first, end, y);
        return;
    }
    for (int oy = oy0; oy <= oy1; oy++) {
        const int ox0 = oy == oy0 ? first - oy * p.ow : 0;
        const int ox1 = oy == oy1 ? end - oy * p.ow : p.ow;
        const uint8_t* row_src = scratch + (size_t)(oy * p.stride_h - py0) * row_bytes;
        int8_t* out = y + ((size_t)oy * p.ow + ox0 - first) * p.m;
        direct_row_ps(p, ps, row_src, row_bytes, ox0, ox1, out);
    }
}

// Add parameters as vectors, in a local the int8 stores cannot alias.
struct AddVec512 {
    __m512i off_a, off_b, off_y, left_shift, zero, mult_a, rshift_a, mult_b, rshift_b, mult_y, rshift_y, lo, hi;
    __m512i mult_a_hi, mult_a_lo, mult_b_hi, mult_b_lo;  // the input multipliers split at bit 11
    // add_16_folded_512's constants (add_folded_applies): per input the offset folded into the split
    // products, the rounding half and the sign test's threshold; for the output the 64-bit rounding
    // constant, the threshold below which the high part is negative and the total shift.
    __m512i lo_add_a, hi_add_a, neg_below_a, lo_add_b, hi_add_b, neg_below_b, one;
    __m512i y_round, y_neg_limit, y_neg_fix, y_merge;
    __m128i count_a, count_b, count_y;
    // the linear form (AddPlan::linear): the two factors and the constant, the near-boundary test's
    // offset, width and fraction mask, and the shift
    __m512i lin_a, lin_b, lin_c, lin_near, lin_width, lin_mask;
    __m128i lin_count;
};

// Whether add_16_shl20_512 computes this Add: TFLite's left shift of 20, non-negative input
// multipliers and input offsets within [-128, 128].
static inline bool add_shl20_applies(const AddPlan& p) {
    return p.left_shift == 20 && p.mult_a >= 0 && p.mult_b >= 0 && p.off_a >= -128 && p.off_a <= 128
           && p.off_b >= -128 && p.off_b <= 128;
}

// 16 outputs of TFLite's int8 Add from inputs widened to int32: each input shifted left by 20 and
// rescaled (mbqm_512 is exact, see above), summed with wrap-around, rescaled, offset, clamped.
NPU_AVX512 static inline void add_16_512(const AddVec512& k, __m512i a, __m512i b, int8_t* y, __mmask16 keep) {
    const __m512i sa = mbqm_512(_mm512_add_epi32(a, k.off_a), k.mult_a, k.left_shift, k.rshift_a);
    const __m512i sb = mbqm_512(_mm512_add_epi32(b, k.off_b), k.mult_b, k.left_shift, k.rshift_b);
    __m512i v = _mm512_add_epi32(mbqm_512(_mm512_add_epi32(sa, sb), k.mult_y, k.zero, k.rshift_y), k.off_y);
    v = _mm512_min_epi32(_mm512_max_epi32(v, k.lo), k.hi);
    _mm512_mask_cvtsepi32_storeu_epi8(y, keep, v);
}

// add_16_512 for an Add where add_shl20_applies: the input rescales without 64-bit products.
NPU_AVX512 static inline void add_16_shl20_512(const AddVec512& k, __m512i a, __m512i b, int8_t* y, __mmask16 keep) {
    const __m512i sa = rdbpot_512(srdhm_shl20_512(_mm512_add_epi32(a, k.off_a), k.mult_a_hi, k.mult_a_lo), k.rshift_a);
    const __m512i sb = rdbpot_512(srdhm_shl20_512(_mm512_add_epi32(b, k.off_b), k.mult_b_hi, k.mult_b_lo), k.rshift_b);
    __m512i v = _mm512_add_epi32(mbqm_512(_mm512_add_epi32(sa, sb), k.mult_y, k.zero, k.rshift_y), k.off_y);
    v = _mm512_min_epi32(_mm512_max_epi32(v, k.lo), k.hi);
    _mm512_mask_cvtsepi32_storeu_epi8(y, keep, v);
}

// Whether add_16_folded_512 computes this Add: add_shl20_applies, input right shifts within [0, 30]
// and an output right shift within [0, 22], so that the rounding constants below stay inside int32
// (inputs) and the output offset times 2^(31 + e) inside int64 (|off_y| <= 2^8, |P| < 2^62).
static inline bool add_folded_applies(const AddPlan& p) {
    return add_shl20_applies(p) && p.shift_a <= 0 && p.shift_a >= -30 && p.shift_b <= 0 && p.shift_b >= -30
           && p.shift_y <= 0 && p.shift_y >= -22 && p.mult_y >= 0 && p.off_y >= -256 && p.off_y <= 256;
}

// The constants of add_folded_512's input rescale; x is the raw int8 input (the offset folded in).
NPU_AVX512 static inline void add_folded_input_constants(int32_t off, int32_t mult, int32_t shift, __m512i& lo_add,
                                                         __m512i& hi_add, __m512i& neg_below) {
    const int32_t s = -shift;
    const int32_t half = s > 0 ? (int32_t)1 << (s - 1) : 0;
    lo_add = _mm512_set1_epi32(off * (mult & 2047) + (1 << 10));
    hi_add = _mm512_set1_epi32(off * (mult >> 11) + half);
    neg_below = _mm512_set1_epi32(s > 0 ? half : INT32_MIN);
}

// One input's MultiplyByQuantizedMultiplierSmallerThanOneExp((x + off) << 20, m, -s) in 9 instructions.
// With v = x + off and m = mh * 2^11 + ml, srdhm(v << 20, m) = H = v * mh + ((v * ml + 2^10) >> 11)
// (srdhm_shl20_512); the offset distributes over both products, so H = x * mh + off * mh +
// ((x * ml + off * ml + 2^10) >> 11). RoundingDivideByPOT(H, s) rounds half away from zero, which is
// floor((H + half - [H < 0]) / 2^s) with half = 2^(s-1) (s > 0; H itself when s = 0). With
// G = H + half, H < 0 is G < half; |H| < 2^29 and half <= 2^29, so nothing wraps.
NPU_AVX512 __attribute__((always_inline)) static inline __m512i add_folded_input_512(__m512i x, __m512i mh, __m512i ml,
                                                                                     __m512i lo_add, __m512i hi_add,
                                                                                     __m512i neg_below, __m512i one,
                                                                                     __m128i count) {
    const __m512i low = _mm512_srai_epi32(_mm512_add_epi32(_mm512_mullo_epi32(x, ml), lo_add), 11);
    __m512i g = _mm512_add_epi32(_mm512_add_epi32(_mm512_mullo_epi32(x, mh), hi_add), low);
    g = _mm512_mask_sub_epi32(g, _mm512_cmplt_epi32_mask(g, neg_below), g, one);
    return _mm512_sra_epi32(g, count);
}

// add_16_shl20_512 with the offsets folded into the input rescales and the output rescale as one
// rounding shift of the exact 64-bit product (Requant's identity, see requant_high_512): per 8 lanes
// (P + 2^30 + half * 2^31 - (e > 0 && P < -2^30 ? 2^31 : 0)) >> (31 + e), P = sum * mult_y, with the
// output offset added as off_y * 2^(31 + e) before the shift (exact: a multiple of the divisor).
// Without CLAMP (an activation range spanning int8) the saturating store is the only clamp. Same
// arithmetic as TFLite's per element, about a quarter fewer vector instructions.
template <bool CLAMP>
NPU_AVX512 __attribute__((always_inline)) static inline void add_16_folded_512(const AddVec512& k, __m512i a, __m512i b,
                                                                                int8_t* y, __mmask16 keep) {
    const __m512i sa = add_folded_input_512(a, k.mult_a_hi, k.mult_a_lo, k.lo_add_a, k.hi_add_a, k.neg_below_a, k.one,
                                            k.count_a);
    const __m512i sb = add_folded_input_512(b, k.mult_b_hi, k.mult_b_lo, k.lo_add_b, k.hi_add_b, k.neg_below_b, k.one,
                                            k.count_b);
    const __m512i sum = _mm512_add_epi32(sa, sb);
    const __m512i even_p = _mm512_mul_epi32(sum, k.mult_y);
    const __m512i odd_p = _mm512_mul_epi32(_mm512_srli_epi64(sum, 32), k.mult_y);
    __m512i even = _mm512_add_epi64(even_p, k.y_round);
    __m512i odd = _mm512_add_epi64(odd_p, k.y_round);
    even = _mm512_mask_sub_epi64(even, _mm512_cmplt_epi64_mask(even_p, k.y_neg_limit), even, k.y_neg_fix);
    odd = _mm512_mask_sub_epi64(odd, _mm512_cmplt_epi64_mask(odd_p, k.y_neg_limit), odd, k.y_neg_fix);
    even = _mm512_sra_epi64(even, k.count_y);
    odd = _mm512_sra_epi64(odd, k.count_y);
    __m512i v = _mm512_permutex2var_epi32(even, k.y_merge, odd);
    if (CLAMP) v = _mm512_min_epi32(_mm512_max_epi32(v, k.lo), k.hi);
    _mm512_mask_cvtsepi32_storeu_epi8(y, keep, v);
}

// The linear form over whole 64-element blocks of two inputs that both walk the run (the residual Add):
// four 16-lane sums, one test for a lane near a rounding boundary, and when there is none the four
// results packed with saturation into one 64-byte store (vpmovsdb to memory per 16 lanes took a
// third of the row's time). A quarter with a flagged lane runs the exact form. Returns the number of
// elements done, a multiple of 64.
template <bool CLAMP>
NPU_AVX512 static inline int add_linear_64_512(const AddVec512& k, const int8_t* a, const int8_t* b, int8_t* y, int n) {
    // packs_epi32 then packs_epi16 leave, in 128-bit lane L, the 4-lane groups v0[4L..], v1[4L..],
    // v2[4L..], v3[4L..]; this puts group g of lane L at dword 4g + L, the order of v0 .. v3
    const __m512i order = _mm512_setr_epi32(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
    const __m512i lo8 = _mm512_set1_epi8((char)std::max(-128, (int)_mm_cvtsi128_si32(_mm512_castsi512_si128(k.lo))));
    const __m512i hi8 = _mm512_set1_epi8((char)std::min(127, (int)_mm_cvtsi128_si32(_mm512_castsi512_si128(k.hi))));
    int i = 0;
    for (; i + 64 <= n; i += 64) {
        __m512i t[4];
        __mmask16 near[4];
#pragma GCC unroll 4
        for (int q = 0; q < 4; q++) {
            const __m512i av = _mm512_cvtepi8_epi32(_mm_loadu_si128((const __m128i*)(a + i + 16 * q)));
            const __m512i bv = _mm512_cvtepi8_epi32(_mm_loadu_si128((const __m128i*)(b + i + 16 * q)));
            t[q] = _mm512_add_epi32(_mm512_mullo_epi32(av, k.lin_a),
                                    _mm512_add_epi32(_mm512_mullo_epi32(bv, k.lin_b), k.lin_c));
            near[q] = _mm512_cmplt_epi32_mask(_mm512_and_si512(_mm512_add_epi32(t[q], k.lin_near), k.lin_mask),
                                              k.lin_width);
        }
        if ((near[0] | near[1] | near[2] | near[3]) == 0) {
            const __m512i v01 = _mm512_packs_epi32(_mm512_sra_epi32(t[0], k.lin_count), _mm512_sra_epi32(t[1], k.lin_count));
            const __m512i v23 = _mm512_packs_epi32(_mm512_sra_epi32(t[2], k.lin_count), _mm512_sra_epi32(t[3], k.lin_count));
            __m512i v = _mm512_permutexvar_epi32(order, _mm512_packs_epi16(v01, v23));
            if (CLAMP) v = _mm512_min_epi8(_mm512_max_epi8(v, lo8), hi8);
            _mm512_storeu_si512(y + i, v);
            continue;
        }
#pragma GCC unroll 4
        for (int q = 0; q < 4; q++) {
            if (near[q] == 0) {
                __m512i v = _mm512_sra_epi32(t[q], k.lin_count);
                if (CLAMP) v = _mm512_min_epi32(_mm512_max_epi32(v, k.lo), k.hi);
                _mm512_mask_cvtsepi32_storeu_epi8(y + i + 16 * q, (__mmask16)0xFFFF, v);
            } else {
                const __m512i av = _mm512_cvtepi8_epi32(_mm_loadu_si128((const __m128i*)(a + i + 16 * q)));
                const __m512i bv = _mm512_cvtepi8_epi32(_mm_loadu_si128((const __m128i*)(b + i + 16 * q)));
                add_16_folded_512<CLAMP>(k, av, bv, y + i + 16 * q, (__mmask16)0xFFFF);
            }
        }
    }
    return i;
}

// One innermost run; each input either walks it (stride 1) or repeats one value (stride 0). LINEAR:
// the plan's linear form first (add_linear_prepare); a vector with a lane near a rounding boundary of
// it runs the exact form below instead.
template <bool SHL20, bool FOLDED, bool CLAMP = true, bool LINEAR = false>
NPU_AVX512 static inline void add_row_512(const AddVec512& k, const int8_t* a, int sa, const int8_t* b, int sb,
                                          int8_t* y, int n) {
    const __m512i a_fixed = _mm512_set1_epi32(a[0]);
    const __m512i b_fixed = _mm512_set1_epi32(b[0]);
    int i = 0;
    if (LINEAR && FOLDED && sa == 1 && sb == 1) i = add_linear_64_512<CLAMP>(k, a, b, y, n);
    for (; i < n; i += 16) {
        const int left = n - i;
        const __mmask16 keep = left >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << left) - 1);
        const __m512i av = sa ? _mm512_cvtepi8_epi32(_mm_maskz_loadu_epi8(keep, a + i)) : a_fixed;
        const __m512i bv = sb ? _mm512_cvtepi8_epi32(_mm_maskz_loadu_epi8(keep, b + i)) : b_fixed;
        if (LINEAR) {
            const __m512i t = _mm512_add_epi32(_mm512_mullo_epi32(av, k.lin_a),
                                               _mm512_add_epi32(_mm512_mullo_epi32(bv, k.lin_b), k.lin_c));
            const __m512i frac = _mm512_and_si512(_mm512_add_epi32(t, k.lin_near), k.lin_mask);
            if (_mm512_mask_cmplt_epi32_mask(keep, frac, k.lin_width) == 0) {
                __m512i v = _mm512_sra_epi32(t, k.lin_count);
                if (CLAMP) v = _mm512_min_epi32(_mm512_max_epi32(v, k.lo), k.hi);
                _mm512_mask_cvtsepi32_storeu_epi8(y + i, keep, v);
                continue;
            }
        }
        if (FOLDED) {
            add_16_folded_512<CLAMP>(k, av, bv, y + i, keep);
        } else if (SHL20) {
            add_16_shl20_512(k, av, bv, y + i, keep);
        } else {
            add_16_512(k, av, bv, y + i, keep);
        }
    }
}

// int8 Add, 16 lanes; an innermost stride other than 0 or 1 (never after add_collapse, kept for
// safety) runs the portable row.
NPU_AVX512 static void add_run_avx512(const AddPlan& p, const int8_t* a, const int8_t* b, int8_t* y) {
    AddVec512 k;
    k.off_a = _mm512_set1_epi32(p.off_a);
    k.off_b = _mm512_set1_epi32(p.off_b);
    k.off_y = _mm512_set1_epi32(p.off_y);
    k.left_shift = _mm512_set1_epi32(p.left_shift);
    k.zero = _mm512_setzero_si512();
    k.mult_a = _mm512_set1_epi32(p.mult_a);
    k.rshift_a = _mm512_set1_epi32(-p.shift_a);
    k.mult_b = _mm512_set1_epi32(p.mult_b);
    k.rshift_b = _mm512_set1_epi32(-p.shift_b);
    k.mult_y = _mm512_set1_epi32(p.mult_y);
    k.rshift_y = _mm512_set1_epi32(-p.shift_y);
    k.lo = _mm512_set1_epi32(p.act_min);
    k.hi = _mm512_set1_epi32(p.act_max);
    k.mult_a_hi = _mm512_set1_epi32(p.mult_a >> 11);
    k.mult_a_lo = _mm512_set1_epi32(p.mult_a & 2047);
    k.mult_b_hi = _mm512_set1_epi32(p.mult_b >> 11);
    k.mult_b_lo = _mm512_set1_epi32(p.mult_b & 2047);
    const bool shl20 = add_shl20_applies(p);
    const bool folded = add_folded_applies(p);
    const bool clamps = p.act_min > -128 || p.act_max < 127;
    if (folded) {
        add_folded_input_constants(p.off_a, p.mult_a, p.shift_a, k.lo_add_a, k.hi_add_a, k.neg_below_a);
        add_folded_input_constants(p.off_b, p.mult_b, p.shift_b, k.lo_add_b, k.hi_add_b, k.neg_below_b);
        k.one = _mm512_set1_epi32(1);
        k.count_a = _mm_cvtsi32_si128(-p.shift_a);
        k.count_b = _mm_cvtsi32_si128(-p.shift_b);
        const int e = -p.shift_y;
        const long long half = e > 0 ? (long long)1 << (e - 1) : 0;
        k.y_round = _mm512_set1_epi64(((long long)1 << 30) + half * ((long long)1 << 31)
                                      + (long long)p.off_y * ((long long)1 << (31 + e)));
        k.y_neg_limit = _mm512_set1_epi64(e > 0 ? -((long long)1 << 30) : INT64_MIN);
        k.y_neg_fix = _mm512_set1_epi64((long long)1 << 31);
        k.count_y = _mm_cvtsi32_si128(31 + e);
        // even lanes' results are the low halves of even's 64-bit lanes, odd lanes' those of odd's
        k.y_merge = _mm512_setr_epi32(0, 16, 2, 18, 4, 20, 6, 22, 8, 24, 10, 26, 12, 28, 14, 30);
    }
    if (p.linear) {
        k.lin_a = _mm512_set1_epi32(p.lin_a);
        k.lin_b = _mm512_set1_epi32(p.lin_b);
        k.lin_c = _mm512_set1_epi32(p.lin_c);
        k.lin_near = _mm512_set1_epi32(p.lin_near);
        k.lin_width = _mm512_set1_epi32(2 * p.lin_near);
        k.lin_mask = _mm512_set1_epi32((int32_t)((1u << p.lin_shift) - 1));
        k.lin_count = _mm_cvtsi32_si128(p.lin_shift);
    }
    const int sa = p.stride_a[5], sb = p.stride_b[5], n = p.dims[5];
    const bool vector_row = (sa == 0 || sa == 1) && (sb == 0 || sb == 1);
    add_loops(p, a, b, y, [&](const int8_t* pa, const int8_t* pb, int8_t* py) {
        if (vector_row && folded && p.linear && clamps) {
            add_row_512<true, true, true, true>(k, pa, sa, pb, sb, py, n);
        } else if (vector_row && folded && p.linear) {
            add_row_512<true, true, false, true>(k, pa, sa, pb, sb, py, n);
        } else if (vector_row && folded && clamps) {
            add_row_512<true, true, true>(k, pa, sa, pb, sb, py, n);
        } else if (vector_row && folded) {
            add_row_512<true, true, false>(k, pa, sa, pb, sb, py, n);
        } else if (vector_row && shl20) {
            add_row_512<true, false>(k, pa, sa, pb, sb, py, n);
        } else if (vector_row) {
            add_row_512<false, false>(k, pa, sa, pb, sb, py, n);
        } else {
            add_row_portable(p, pa, sa, pb, sb, py, n);
        }
    });
}

// AveragePool (TFLite: padding not counted, the sum divided by the count rounding half away from zero),
// 16 channels per vector: per output pixel and block, the window's inputs widened and summed, then
// (sum +- count / 2) / count truncated. The division runs in double: the quotient of two integers below
// 2^53 is correctly rounded, and a non-integer quotient is at least 1 / count from the next integer,
// far more than the rounding error, so truncating it gives the integer division's result. ResNet-8's
// global 8x8x64 pool: 480 -> 200 ns by the kernel driver (the portable loop divided per channel).
NPU_AVX512 static void pool_average_avx512(const PoolPlan& p, const int8_t* x, int8_t* y) {
    const __m512i lo = _mm512_set1_epi32(p.act_min), hi = _mm512_set1_epi32(p.act_max);
    for (int b = 0; b < p.n; b++) {
        for (int oy = 0; oy < p.oh; oy++) {
            for (int ox = 0; ox < p.ow; ox++) {
                const PoolWindow win = pool_window(p, oy, ox);
                const int y0 = win.y0, x0 = win.x0, ky0 = win.ky0, ky1 = win.ky1, kx0 = win.kx0, kx1 = win.kx1;
                const int count = win.count();
                const __m512i half = _mm512_set1_epi32(count / 2);
                const __m512d divisor = _mm512_set1_pd((double)count);
                int8_t* out = y + (((size_t)b * p.oh + oy) * p.ow + ox) * p.c;
                for (int c0 = 0; c0 < p.c; c0 += 16) {
                    const int left = p.c - c0;
                    const __mmask16 keep = left >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << left) - 1);
                    __m512i acc = _mm512_setzero_si512();
                    for (int ky = ky0; ky < ky1; ky++) {
                        const int8_t* row = x + (((size_t)b * p.h + y0 + ky) * p.w + x0) * p.c + c0;
                        for (int kx = kx0; kx < kx1; kx++) {
                            acc = _mm512_add_epi32(acc, _mm512_cvtepi8_epi32(_mm_maskz_loadu_epi8(keep, row + (size_t)kx * p.c)));
                        }
                    }
                    const __mmask16 positive = _mm512_cmpgt_epi32_mask(acc, _mm512_setzero_si512());
                    const __m512i n = _mm512_mask_add_epi32(_mm512_sub_epi32(acc, half), positive, acc, half);
                    const __m256i q_lo = _mm512_cvttpd_epi32(
                        _mm512_div_pd(_mm512_cvtepi32_pd(_mm512_castsi512_si256(n)), divisor));
                    const __m256i q_hi = _mm512_cvttpd_epi32(
                        _mm512_div_pd(_mm512_cvtepi32_pd(_mm512_extracti64x4_epi64(n, 1)), divisor));
                    __m512i q = _mm512_inserti64x4(_mm512_castsi256_si512(q_lo), q_hi, 1);
                    q = _mm512_min_epi32(_mm512_max_epi32(q, lo), hi);
                    _mm512_mask_cvtsepi32_storeu_epi8(out + c0, keep, q);
                }
            }
        }
    }
}

// vpdpwssd: acc += lo16(a) * lo16(w) + hi16(a) * hi16(w) per 32-bit lane, no saturation. With the
// depthwise weights stored in the low 16 bits (high half zero), lane = acc + (int16)a * w: an exact
// multiply-add in one instruction for a in [-255, 255]. Inline asm for the reason given at dpbusd.
NPU_AVX512 static inline __m512i dpwssd(__m512i acc, __m512i a, __m512i w) {
    asm("vpdpwssd %2, %1, %0" : "+v"(acc) : "v"(a), "v"(w));
    return acc;
}

// The plan's depthwise fields in locals (the int8 stores may alias the plan as far as the compiler
// knows) and the constant vectors.
struct DepthwiseCall {
    const int32_t* wts;
    const int32_t* bias;
    const int32_t* bias_interior;
    const Requant* rq;
    int c, kw, m_pad;
    __m512i x_zero, y_zero, lo, hi;
};

// Requantizes 16 accumulators (bias included) of channels [ch, ch + 16), clamps and stores the lanes
// keep selects: requant_high_512, exact for the non-negative multipliers QuantizeMultiplier gives.
// Always inlined: as a call, every live accumulator of the tile (all zmm registers are
// caller-saved) was spilled around it.
NPU_AVX512 __attribute__((always_inline)) static inline void dw_requant_store_512(const DepthwiseCall& k, __m512i acc, int ch, __mmask16 keep,
                                                   int8_t* dst) {
    if (k.rq->any_lshift) acc = _mm512_sllv_epi32(acc, _mm512_loadu_si512(k.rq->lshift + ch));
    __m512i v = requant_high_512(*k.rq, acc, ch);
    v = _mm512_add_epi32(v, k.y_zero);
    if (k.rq->clamps) v = _mm512_min_epi32(_mm512_max_epi32(v, k.lo), k.hi);
    _mm512_mask_cvtsepi32_storeu_epi8(dst + ch, keep, v);
}

// Taps [k0, k1) of a kernel of k taps with dilation d whose first tap sits at base lie inside [0, size).
static inline void tap_range(int base, int k, int d, int size, int& k0, int& k1) {
    k0 = base < 0 ? (-base + d - 1) / d : 0;
    const int last = size - 1 - base;
    k1 = last < 0 ? 0 : std::min(k, last / d + 1);
    if (k0 > k1) k0 = k1;
}

// Where the taps of one or more neighbouring output pixels are: src points at tap (ky0, kx0) of the
// first pixel at channel 0; the next pixel's taps are step bytes on, the next kernel row row_step and
// the next kernel column dil_step.
struct DepthwiseTaps {
    const int8_t* src;
    size_t step, row_step, dil_step;
    int ky0, ky1, kx0, kx1;
};

// PX neighbouring output pixels times NB 16-channel blocks from channel c0: PX * NB independent
// vpdpwssd chains, one weight load per tap and block serving all PX pixels. INTERIOR: every tap of
// the kernel is inside the image, so the accumulator starts from bias_interior and x needs no
// zero-point subtraction; otherwise the taps outside are skipped and x - x_zero accumulates on top of
// the bias, as TFLite does. MASKED: the blocks are masked to the channels below c (the tail block);
// otherwise they are full and each input load folds into its sign extension.
template <int PX, int NB, bool INTERIOR, bool MASKED>
NPU_AVX512 static inline void dw_tile_512(const DepthwiseCall& k, const DepthwiseTaps& t, int c0, int8_t* dst) {
    __mmask16 keep[NB];
    __m512i acc[PX][NB];
#pragma GCC unroll 4
    for (int j = 0; j < NB; j++) {
        const int left = k.c - c0 - 16 * j;
        keep[j] = left >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << left) - 1);
        const __m512i b = _mm512_loadu_si512((INTERIOR ? k.bias_interior : k.bias) + c0 + 16 * j);
#pragma GCC unroll 4
        for (int q = 0; q < PX; q++) acc[q][j] = b;
    }
    const int8_t* first = t.src + c0;
    for (int ky = t.ky0; ky < t.ky1; ky++) {
        const int8_t* s = first + (size_t)(ky - t.ky0) * t.row_step;
        const int32_t* w_row = k.wts + (size_t)ky * k.kw * k.m_pad + c0;
        for (int kx = t.kx0; kx < t.kx1; kx++) {
            const int8_t* tap = s + (size_t)(kx - t.kx0) * t.dil_step;
            const int32_t* wt = w_row + (size_t)kx * k.m_pad;
#pragma GCC unroll 4
            for (int j = 0; j < NB; j++) {
                const __m512i wv = _mm512_loadu_si512(wt + 16 * j);
#pragma GCC unroll 4
                for (int q = 0; q < PX; q++) {
                    const int8_t* in = tap + q * t.step + 16 * j;
                    __m512i xv = _mm512_cvtepi8_epi32(MASKED ? _mm_maskz_loadu_epi8(keep[j], in)
                                                             : _mm_loadu_si128((const __m128i*)in));
                    if (!INTERIOR) xv = _mm512_sub_epi32(xv, k.x_zero);
                    acc[q][j] = dpwssd(acc[q][j], xv, wv);
                }
            }
        }
    }
#pragma GCC unroll 4
    for (int j = 0; j < NB; j++) {
#pragma GCC unroll 4
        for (int q = 0; q < PX; q++) dw_requant_store_512(k, acc[q][j], c0 + 16 * j, keep[j], dst + (size_t)q * k.c);
    }
}

// Interior pixels of a 3-wide, undilated kernel at stride S: PX neighbouring output pixels x NB full
// 16-channel blocks. Pixel q's tap kx reads input column q * S + kx, which pixel q + 1 reads as tap
// kx - S: each of the (PX - 1) * S + 3 columns of a kernel row is loaded and sign-extended once and
// feeds every pixel that reads it (8 loads for 6 pixels x 3 taps at stride 1, against 18 one per tap).
template <int PX, int NB, int S, bool MASKED>
NPU_AVX512 static inline void dw3_tile_512(const DepthwiseCall& k, const DepthwiseTaps& t, int kh, int c0,
                                           int8_t* dst) {
    constexpr int COLS = (PX - 1) * S + 3;
    // MASKED: one block of the last c - c0 < 16 channels (VWW's 8-channel layer is nothing else)
    const __mmask16 keep = MASKED ? (__mmask16)((1u << (k.c - c0)) - 1) : (__mmask16)0xFFFF;
    __m512i acc[PX][NB];
#pragma GCC unroll 4
    for (int j = 0; j < NB; j++) {
        const __m512i b = _mm512_loadu_si512(k.bias_interior + c0 + 16 * j);
#pragma GCC unroll 8
        for (int q = 0; q < PX; q++) acc[q][j] = b;
    }
    for (int ky = 0; ky < kh; ky++) {
        const int8_t* row = t.src + c0 + (size_t)ky * t.row_step;
        const int32_t* wt = k.wts + (size_t)ky * 3 * k.m_pad + c0;
#pragma GCC unroll 4
        for (int j = 0; j < NB; j++) {
            const __m512i w0 = _mm512_loadu_si512(wt + 16 * j);
            const __m512i w1 = _mm512_loadu_si512(wt + k.m_pad + 16 * j);
            const __m512i w2 = _mm512_loadu_si512(wt + 2 * k.m_pad + 16 * j);
#pragma GCC unroll 32
            for (int u = 0; u < COLS; u++) {
                const int8_t* in = row + (size_t)u * k.c + 16 * j;
                const __m512i xv = _mm512_cvtepi8_epi32(MASKED ? _mm_maskz_loadu_epi8(keep, in)
                                                               : _mm_loadu_si128((const __m128i*)in));
#pragma GCC unroll 8
                for (int q = 0; q < PX; q++) {
                    const int kx = u - q * S;
                    if (kx == 0) acc[q][j] = dpwssd(acc[q][j], xv, w0);
                    if (kx == 1) acc[q][j] = dpwssd(acc[q][j], xv, w1);
                    if (kx == 2) acc[q][j] = dpwssd(acc[q][j], xv, w2);
                }
            }
        }
    }
#pragma GCC unroll 4
    for (int j = 0; j < NB; j++) {
        // the block's constants once for its PX pixels (as the GEMM tiles do), not reloaded per pixel
        const RequantBlock512 rk = requant_block_512(*k.rq, c0 + 16 * j);
#pragma GCC unroll 8
        for (int q = 0; q < PX; q++) {
            _mm512_mask_cvtsepi32_storeu_epi8(dst + (size_t)q * k.c + c0 + 16 * j, keep, requant_512(rk, acc[q][j]));
        }
    }
}

// 8-channel layers at stride 1 (VWW's 48x48x8), interior pixels in pairs: two neighbouring output
// pixels per vector, lanes 0-7 the first's channels and 8-15 the second's. Both their outputs and the
// inputs one tap reads for both are 16 contiguous bytes in NHWC, so pair q's tap kx is one 16-byte
// load at column 2q + kx (the stride-2 sharing pattern over 8-byte columns) and the pair stores 16
// bytes. Lanes 8-15 compute channels 0-7 again: the plan mirrored channels 0-7's weights, biases and
// requantization constants into its padding channels 8-15 (ConvPlan::mirrored8). Before, each pixel
// ran on a masked half-empty vector.
template <int PAIRS>
NPU_AVX512 static inline void dw3_pairs8_512(const DepthwiseCall& k, const DepthwiseTaps& t, int kh, int8_t* dst) {
    constexpr int COLS = 2 * PAIRS + 1;
    __m512i acc[PAIRS];
    const __m512i b = _mm512_loadu_si512(k.bias_interior);
#pragma GCC unroll 8
    for (int q = 0; q < PAIRS; q++) acc[q] = b;
    for (int ky = 0; ky < kh; ky++) {
        const int8_t* row = t.src + (size_t)ky * t.row_step;
        const int32_t* wt = k.wts + (size_t)ky * 3 * k.m_pad;
        const __m512i w0 = _mm512_loadu_si512(wt);
        const __m512i w1 = _mm512_loadu_si512(wt + k.m_pad);
        const __m512i w2 = _mm512_loadu_si512(wt + 2 * k.m_pad);
#pragma GCC unroll 32
        for (int u = 0; u < COLS; u++) {
            const __m512i xv = _mm512_cvtepi8_epi32(_mm_loadu_si128((const __m128i*)(row + (size_t)u * 8)));
#pragma GCC unroll 8
            for (int q = 0; q < PAIRS; q++) {
                const int kx = u - 2 * q;
                if (kx == 0) acc[q] = dpwssd(acc[q], xv, w0);
                if (kx == 1) acc[q] = dpwssd(acc[q], xv, w1);
                if (kx == 2) acc[q] = dpwssd(acc[q], xv, w2);
            }
        }
    }
#pragma GCC unroll 8
    for (int q = 0; q < PAIRS; q++) dw_requant_store_512(k, acc[q], 0, (__mmask16)0xFFFF, dst + (size_t)q * 16);
}

// All channels of PX interior pixels of a 3-wide kernel: 32 channels (PX x 2 chains) at a time when
// NB is 2, then 16, then a masked block for the last c % 16. NB is the caller's: inlined into the
// in-place kernel, six pixels x 2 blocks ran 15 % slower than x 1 (MobileNetV2's 112x112x32 layer),
// while the padded kernel's rows ran faster with 2 (VWW's 24x24x32), by the kernel driver.
template <int PX, int S, int NB>
NPU_AVX512 static inline void dw3_pixels_512(const DepthwiseCall& k, const DepthwiseTaps& t, int kh, int8_t* dst) {
    int c0 = 0;
    if (NB == 2) {
        for (; c0 + 32 <= k.c; c0 += 32) dw3_tile_512<PX, 2, S, false>(k, t, kh, c0, dst);
    }
    for (; c0 + 16 <= k.c; c0 += 16) dw3_tile_512<PX, 1, S, false>(k, t, kh, c0, dst);
    if (c0 < k.c) dw3_tile_512<PX, 1, S, true>(k, t, kh, c0, dst);
}

// All channels of PX neighbouring pixels: 64 channels (four chains per pixel) at a time, then the
// remaining one to three full blocks, then a masked block for the last c % 16 channels.
// PX interior pixels of a 3-wide kernel at stride sw (1 or 2) sharing their input columns, NB 16-channel blocks per
// step: as channel pairs when the plan mirrored an 8-channel layer (stride 1), else one pixel per vector lane group
template <int PX, int NB>
NPU_AVX512 static inline void dw3_shared_512(const DepthwiseCall& k, const DepthwiseTaps& t, int kh, int sw,
                                             bool mirrored8, int8_t* dst) {
    if (sw == 1 && mirrored8) {
        dw3_pairs8_512<PX / 2>(k, t, kh, dst);
    } else if (sw == 1) {
        dw3_pixels_512<PX, 1, NB>(k, t, kh, dst);
    } else {
        dw3_pixels_512<PX, 2, NB>(k, t, kh, dst);
    }
}

template <int PX, bool INTERIOR>
NPU_AVX512 static inline void dw_pixels_512(const DepthwiseCall& k, const DepthwiseTaps& t, int8_t* dst) {
    int c0 = 0;
    for (; c0 + 64 <= k.c; c0 += 64) dw_tile_512<PX, 4, INTERIOR, false>(k, t, c0, dst);
    switch ((k.c - c0) / 16) {
        case 3: dw_tile_512<PX, 3, INTERIOR, false>(k, t, c0, dst); c0 += 48; break;
        case 2: dw_tile_512<PX, 2, INTERIOR, false>(k, t, c0, dst); c0 += 32; break;
        case 1: dw_tile_512<PX, 1, INTERIOR, false>(k, t, c0, dst); c0 += 16; break;
        default: break;
    }
    if (c0 < k.c) dw_tile_512<PX, 1, INTERIOR, true>(k, t, c0, dst);
}

// Depthwise convolution (multiplier 1), channel-vectorised: per output pixel every channel block
// (up to four independent chains), one vpdpwssd per tap and block. Tap ranges are clamped to the image
// once per row and pixel instead of bounds-checking each tap. Pixels whose kernel lies wholly inside
// the image run without the zero-point subtraction, up to four sharing each weight load; border pixels
// run one by one over their clamped taps.
// Output rows [r0, r1) of the n * oh (row b * oh + oy is image b's row oy); y is the whole output.
NPU_AVX512 static void conv_depthwise_avx512(const ConvPlan& p, const int8_t* x, int8_t* y, int r0, int r1) {
    DepthwiseCall k;
    k.wts = (const int32_t*)p.packed;
    k.bias = p.rq.bias;
    k.bias_interior = p.bias_interior;
    k.rq = &p.rq;
    k.c = p.c; k.kw = p.kw; k.m_pad = p.m_pad;
    k.x_zero = _mm512_set1_epi32(p.x_zero);
    k.y_zero = _mm512_set1_epi32(p.rq.y_zero);
    k.lo = _mm512_set1_epi32(p.rq.act_min);
    k.hi = _mm512_set1_epi32(p.rq.act_max);
    const int kh = p.kh, kw = p.kw, sh = p.stride_h, sw = p.stride_w, dh = p.dil_h, dw = p.dil_w;
    const int pt = p.pad_t, pl = p.pad_l, oh = p.oh, ow = p.ow, c = p.c, w = p.w, h = p.h;
    DepthwiseTaps t;
    t.step = (size_t)sw * c;
    t.row_step = (size_t)dh * w * c;
    t.dil_step = (size_t)dw * c;
    // a 3-wide undilated kernel at stride 1 or 2 shares input columns between neighbouring pixels
    const bool three_wide = kw == 3 && dw == 1 && (sw == 1 || sw == 2);
    // rows of at least 32 pixels start with eight-pixel steps (MobileNetV2's 112x112x32 142 -> 128 us, 56x56x144
    // 161 -> 146 us by the kernel driver); shorter rows and the mirrored 8-channel pairs (VWW's 48x48x8: 11.8 ->
    // 13.9 us with four pairs) keep six
    const bool wide_rows = three_wide && ow >= 32 && !p.mirrored8;
    for (int b = 0; b < p.n; b++) {
        const int8_t* image = x + (size_t)b * h * w * c;
        for (int oy = std::max(0, r0 - b * oh); oy < std::min(oh, r1 - b * oh); oy++) {
            tap_range(oy * sh - pt, kh, dh, h, t.ky0, t.ky1);
            const bool rows_inside = t.ky0 == 0 && t.ky1 == kh;
            const int iy = oy * sh - pt + t.ky0 * dh;
            int8_t* out_row = y + ((size_t)b * oh + oy) * ow * c;
            int ox = 0;
            while (ox < ow) {
                const int ix = ox * sw - pl;
                tap_range(ix, kw, dw, w, t.kx0, t.kx1);
                int8_t* dst = out_row + (size_t)ox * c;
                if (t.ky0 == t.ky1 || t.kx0 == t.kx1) {
                    // no tap inside the image: the output is the requantized bias
                    t.src = image;
                    dw_pixels_512<1, false>(k, t, dst);
                    ox += 1;
                    continue;
                }
                t.src = image + ((size_t)iy * w + (ix + t.kx0 * dw)) * c;
                if (wide_rows && rows_inside && t.kx0 == 0 && t.kx1 == kw && ox + 7 < ow && ix + 7 * sw + 2 < w) {
                    // eight interior pixels: 10 (stride 1) or 17 (stride 2) column loads per kernel row and
                    // one load of the requantization constants for eight pixels
                    dw3_shared_512<8, 1>(k, t, kh, sw, false, dst);
                    ox += 8;
                } else if (rows_inside && t.kx0 == 0 && t.kx1 == kw && three_wide && ox + 5 < ow
                    && ix + 5 * sw + 2 < w) {
                    // six interior pixels of a 3-wide kernel sharing their input columns
                    dw3_shared_512<6, 1>(k, t, kh, sw, p.mirrored8, dst);
                    ox += 6;
                } else if (rows_inside && t.kx0 == 0 && t.kx1 == kw && three_wide && ox + 3 < ow
                           && ix + 3 * sw + 2 < w) {
                    dw3_shared_512<4, 2>(k, t, kh, sw, p.mirrored8, dst);
                    ox += 4;
                } else if (rows_inside && t.kx0 == 0 && t.kx1 == kw) {
                    // interior: four, two or one pixels whose last taps are inside too
                    if (ox + 3 < ow && ix + 3 * sw + (kw - 1) * dw < w) {
                        dw_pixels_512<4, true>(k, t, dst);
                        ox += 4;
                    } else if (ox + 1 < ow && ix + sw + (kw - 1) * dw < w) {
                        dw_pixels_512<2, true>(k, t, dst);
                        ox += 2;
                    } else {
                        dw_pixels_512<1, true>(k, t, dst);
                        ox += 1;
                    }
                } else {
                    dw_pixels_512<1, false>(k, t, dst);
                    ox += 1;
                }
            }
        }
    }
}

// Copies image b's rows into scratch with every tap of every output pixel inside: pad_t rows and
// pad_l columns before, as many after as the last output pixel reads, all filled with the input zero
// point, so taps outside the image add x_zero * w, which bias_interior has already taken away.
// Only the padded rows [first, end) are built, dst holding row first.
NPU_AVX512 static void dw_pad_copy_512(const ConvPlan& p, const int8_t* image, int8_t* dst, int first, int end) {
    const int cols = p.direct_cols(), c = p.c;
    const int copied = std::max(0, std::min(p.w, cols - p.pad_l));
    const size_t row_bytes = (size_t)cols * c;
    for (int r = first; r < end; r++) {
        int8_t* d = dst + (size_t)(r - first) * row_bytes;
        const int iy = r - p.pad_t;
        if (iy < 0 || iy >= p.h) {
            std::memset(d, p.x_zero, row_bytes);
            continue;
        }
        std::memset(d, p.x_zero, (size_t)p.pad_l * c);
        std::memcpy(d + (size_t)p.pad_l * c, image + (size_t)iy * p.w * c, (size_t)copied * c);
        const size_t tail = row_bytes - (size_t)(p.pad_l + copied) * c;
        if (tail > 0) std::memset(d + row_bytes - tail, p.x_zero, tail);
    }
}

template <int S>
NPU_AVX512 static inline void dw3_row_512(const DepthwiseCall& k, const DepthwiseTaps& t, int kh, int ow, int8_t* out) {
    DepthwiseTaps at = t;
    int ox = 0;
    for (; ox + 6 <= ow; ox += 6) {
        at.src = t.src + (size_t)ox * t.step;
        dw3_pixels_512<6, S, 2>(k, at, kh, out + (size_t)ox * k.c);
    }
    at.src = t.src + (size_t)ox * t.step;
    int8_t* dst = out + (size_t)ox * k.c;
    switch (ow - ox) {
        case 5: dw3_pixels_512<5, S, 2>(k, at, kh, dst); break;
        case 4: dw3_pixels_512<4, S, 2>(k, at, kh, dst); break;
        case 3: dw3_pixels_512<3, S, 2>(k, at, kh, dst); break;
        case 2: dw3_pixels_512<2, S, 2>(k, at, kh, dst); break;
        case 1: dw3_pixels_512<1, S, 2>(k, at, kh, dst); break;
        default: break;
    }
}

// Depthwise convolution of a border-heavy output (ConvPlan::depthwise_padded): each image is copied
// padded into scratch, then every row runs six (then five to one) interior pixels at a time through
// dw3_pixels_512, sharing the input columns of neighbouring pixels. Same integer sums as
// conv_depthwise_avx512 and the same requantization: bit-exact with it and with the reference.
// Output rows [r0, r1) of the n * oh (row b * oh + oy is image b's row oy); y is the whole output; only
// the padded rows those read are copied.
NPU_AVX512 static void conv_depthwise_padded_avx512(const ConvPlan& p, const int8_t* x, int8_t* y, uint8_t* scratch,
                                                    int r0, int r1) {
    DepthwiseCall k;
    k.wts = (const int32_t*)p.packed;
    k.bias = p.rq.bias;
    k.bias_interior = p.bias_interior;
    k.rq = &p.rq;
    k.c = p.c; k.kw = p.kw; k.m_pad = p.m_pad;
    k.x_zero = _mm512_set1_epi32(p.x_zero);
    k.y_zero = _mm512_set1_epi32(p.rq.y_zero);
    k.lo = _mm512_set1_epi32(p.rq.act_min);
    k.hi = _mm512_set1_epi32(p.rq.act_max);
    int8_t* padded = (int8_t*)scratch;
    const size_t row_bytes = (size_t)p.direct_cols() * p.c;
    DepthwiseTaps t;
    t.step = (size_t)p.stride_w * p.c;
    t.row_step = row_bytes;
    t.dil_step = (size_t)p.c;
    t.ky0 = 0; t.ky1 = p.kh; t.kx0 = 0; t.kx1 = 3;
    for (int b = 0; b < p.n; b++) {
        const int oy0 = std::max(0, r0 - b * p.oh), oy1 = std::min(p.oh, r1 - b * p.oh);
        if (oy0 >= oy1) continue;
        const int first = oy0 * p.stride_h;
        dw_pad_copy_512(p, x + (size_t)b * p.h * p.w * p.c, padded, first, (oy1 - 1) * p.stride_h + p.kh);
        for (int oy = oy0; oy < oy1; oy++) {
            t.src = padded + (size_t)(oy * p.stride_h - first) * row_bytes;
            int8_t* out = y + ((size_t)b * p.oh + oy) * p.ow * p.c;
            if (p.stride_w == 1) {
                dw3_row_512<1>(k, t, p.kh, p.ow, out);
            } else {
                dw3_row_512<2>(k, t, p.kh, p.ow, out);
            }
        }
    }
}

}  // namespace npu
