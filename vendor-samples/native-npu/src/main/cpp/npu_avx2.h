// AVX2 kernels, for x86-64 CPUs without AVX-512 VNNI. AVX2 has no u8 x s8 dot product that is
// exact (vpmaddubsw saturates to int16), so inputs and weights are widened to int16 and multiplied
// with vpmaddwd, which sums pairs into int32 exactly.
#pragma once

#include <immintrin.h>

#include "npu_portable.h"

#define NPU_AVX2 __attribute__((target("avx2,fma")))

namespace npu {

// Vector MultiplyByQuantizedMultiplier; see mbqm_512 for why (x * m + 2^30) >> 31 is exact.
NPU_AVX2 static inline __m256i mbqm_256(__m256i x, __m256i mult, __m256i lshift, __m256i rshift) {
    x = _mm256_sllv_epi32(x, lshift);
    const __m256i nudge = _mm256_set1_epi64x((long long)1 << 30);
    const __m256i even = _mm256_srli_epi64(_mm256_add_epi64(_mm256_mul_epi32(x, mult), nudge), 31);
    const __m256i odd_products = _mm256_mul_epi32(_mm256_srli_epi64(x, 32), _mm256_srli_epi64(mult, 32));
    const __m256i odd = _mm256_slli_epi64(_mm256_add_epi64(odd_products, nudge), 1);
    const __m256i high = _mm256_blend_epi32(even, odd, 0xAA);
    const __m256i one = _mm256_set1_epi32(1);
    const __m256i mask = _mm256_sub_epi32(_mm256_sllv_epi32(one, rshift), one);
    const __m256i remainder = _mm256_and_si256(high, mask);
    const __m256i threshold = _mm256_add_epi32(_mm256_srli_epi32(mask, 1), _mm256_srli_epi32(high, 31));
    const __m256i round_up = _mm256_and_si256(_mm256_cmpgt_epi32(remainder, threshold), one);
    return _mm256_add_epi32(_mm256_srav_epi32(high, rshift), round_up);
}

// Adds bias, requantizes and stores output channels [ch0, ch0 + 8) that are below p.m.
NPU_AVX2 static inline void requant_store_256(const ConvPlan& p, __m256i acc, int ch0, int8_t* out_row) {
    const int left = p.m - ch0;
    if (left <= 0) return;
    const Requant& rq = p.rq;
    acc = _mm256_add_epi32(acc, _mm256_loadu_si256((const __m256i*)(rq.bias + ch0)));
    __m256i v = mbqm_256(acc, _mm256_loadu_si256((const __m256i*)(rq.mult + ch0)),
                         _mm256_loadu_si256((const __m256i*)(rq.lshift + ch0)),
                         _mm256_loadu_si256((const __m256i*)(rq.rshift + ch0)));
    v = _mm256_add_epi32(v, _mm256_set1_epi32(rq.y_zero));
    v = _mm256_max_epi32(v, _mm256_set1_epi32(rq.act_min));
    v = _mm256_min_epi32(v, _mm256_set1_epi32(rq.act_max));
    // values are in [-128, 127] now: pack 32 -> 16 -> 8 bits and fix the lane order
    const __m256i words = _mm256_packs_epi32(v, v);
    const __m256i bytes = _mm256_packs_epi16(words, words);
    const __m256i ordered = _mm256_permutevar8x32_epi32(bytes, _mm256_setr_epi32(0, 4, 0, 4, 0, 4, 0, 4));
    const long long eight = _mm_cvtsi128_si64(_mm256_castsi256_si128(ordered));
    if (left >= 8) {
        std::memcpy(out_row + ch0, &eight, 8);
    } else {
        std::memcpy(out_row + ch0, &eight, (size_t)left);
    }
}

// acc += vpmaddwd(a, w). The add is inline asm so the accumulator stays in its register (GCC 12
// otherwise copies every accumulator each step).
NPU_AVX2 static inline __m256i madd_acc(__m256i acc, __m256i a, __m256i w) {
    const __m256i products = _mm256_madd_epi16(a, w);
    asm("vpaddd %1, %0, %0" : "+x"(acc) : "x"(products));
    return acc;
}

// Add parameters as vectors, in a local the int8 stores cannot alias.
struct AddVec256 {
    __m256i off_a, off_b, off_y, left_shift, zero, mult_a, rshift_a, mult_b, rshift_b, mult_y, rshift_y, lo, hi;
};

// 8 outputs of TFLite's int8 Add (see add_16_512); the first n of them are stored.
NPU_AVX2 static inline void add_8_256(const AddVec256& k, __m256i a, __m256i b, int8_t* y, int n) {
    const __m256i sa = mbqm_256(_mm256_add_epi32(a, k.off_a), k.mult_a, k.left_shift, k.rshift_a);
    const __m256i sb = mbqm_256(_mm256_add_epi32(b, k.off_b), k.mult_b, k.left_shift, k.rshift_b);
    __m256i v = _mm256_add_epi32(mbqm_256(_mm256_add_epi32(sa, sb), k.mult_y, k.zero, k.rshift_y), k.off_y);
    v = _mm256_min_epi32(_mm256_max_epi32(v, k.lo), k.hi);
    const __m256i words = _mm256_packs_epi32(v, v);
    const __m256i bytes = _mm256_packs_epi16(words, words);
    const __m256i ordered = _mm256_permutevar8x32_epi32(bytes, _mm256_setr_epi32(0, 4, 0, 4, 0, 4, 0, 4));
    const long long eight = _mm_cvtsi128_si64(_mm256_castsi256_si128(ordered));
    std::memcpy(y, &eight, (size_t)n);
}

NPU_AVX2 static inline __m256i add_load_256(const int8_t* src, int stride, int n) {
    if (stride == 0) return _mm256_set1_epi32(src[0]);
    long long eight = 0;
    std::memcpy(&eight, src, (size_t)n);
    return _mm256_cvtepi8_epi32(_mm_cvtsi64_si128(eight));
}

// Stores the first n of 8 int32 lanes (within int8 after the clamp) as bytes.
NPU_AVX2 static inline void store_bytes_256(__m256i v, int8_t* dst, int n) {
    const __m256i words = _mm256_packs_epi32(v, v);
    const __m256i bytes = _mm256_packs_epi16(words, words);
    const __m256i ordered = _mm256_permutevar8x32_epi32(bytes, _mm256_setr_epi32(0, 4, 0, 4, 0, 4, 0, 4));
    const long long eight = _mm_cvtsi128_si64(_mm256_castsi256_si128(ordered));
    std::memcpy(dst, &eight, (size_t)(n < 8 ? n : 8));
}

// The linear form's constants (AddPlan::linear, add_linear_prepare) as vectors.
struct AddLinear256 {
    __m256i lin_a, lin_b, lin_c, lin_near, lin_width, lin_mask, lo8, hi8;
    __m128i count;
};

NPU_AVX2 static inline AddLinear256 add_linear_constants_256(const AddPlan& p) {
    AddLinear256 l;
    l.lin_a = _mm256_set1_epi32(p.lin_a);
    l.lin_b = _mm256_set1_epi32(p.lin_b);
    l.lin_c = _mm256_set1_epi32(p.lin_c);
    l.lin_near = _mm256_set1_epi32(p.lin_near);
    l.lin_width = _mm256_set1_epi32(2 * p.lin_near);
    l.lin_mask = _mm256_set1_epi32((int32_t)((1u << p.lin_shift) - 1));
    // both bounds inside int8 (they are whenever act_min <= act_max; add_run_avx2 fills an empty range)
    l.lo8 = _mm256_set1_epi8((char)std::min(127, std::max(-128, (int)p.act_min)));
    l.hi8 = _mm256_set1_epi8((char)std::max(-128, std::min(127, (int)p.act_max)));
    l.count = _mm_cvtsi32_si128(p.lin_shift);
    return l;
}

// T = a * lin_a + b * lin_b + lin_c for 8 lanes of widened inputs.
NPU_AVX2 static inline __m256i add_linear_sum_256(const AddLinear256& l, __m256i a, __m256i b) {
    return _mm256_add_epi32(_mm256_mullo_epi32(a, l.lin_a), _mm256_add_epi32(_mm256_mullo_epi32(b, l.lin_b), l.lin_c));
}

// All ones in the lanes whose T lies within lin_near of a multiple of 2^lin_shift, where the linear
// form's floor may differ from TFLite's and the exact form must run. (T + near) & mask is non-negative,
// so the signed compare is the unsigned one of the AVX-512 path.
NPU_AVX2 static inline __m256i add_linear_near_256(const AddLinear256& l, __m256i t) {
    return _mm256_cmpgt_epi32(l.lin_width, _mm256_and_si256(_mm256_add_epi32(t, l.lin_near), l.lin_mask));
}

// The linear form over whole 32-element blocks of two inputs that both walk the run (the residual Add):
// four 8-lane sums, one test for a lane near a rounding boundary, and when there is none the four
// results shifted and packed with saturation into one 32-byte store (clamped on bytes: the saturation
// to int8 and the activation range commute). A block with a flagged lane runs the exact form
// (add_8_256) on all its 32 elements: a few in a thousand blocks for ResNet-8's Adds. Returns the
// number of elements done, a multiple of 32.
template <bool CLAMP>
NPU_AVX2 static inline int add_linear_32_256(const AddVec256& k, const AddLinear256& l, const int8_t* a,
                                             const int8_t* b, int8_t* y, int n) {
    // packs_epi32 then packs_epi16 leave, in 128-bit lane L, the 4-lane groups t0[4L..], t1[4L..],
    // t2[4L..], t3[4L..] as dwords 4L .. 4L + 3; this puts them back in the order t0, t1, t2, t3
    const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
    int i = 0;
    for (; i + 32 <= n; i += 32) {
        __m256i t[4];
        __m256i near = _mm256_setzero_si256();
#pragma GCC unroll 4
        for (int q = 0; q < 4; q++) {
            const __m256i av = _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i*)(a + i + 8 * q)));
            const __m256i bv = _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i*)(b + i + 8 * q)));
            t[q] = add_linear_sum_256(l, av, bv);
            near = _mm256_or_si256(near, add_linear_near_256(l, t[q]));
        }
        if (_mm256_testz_si256(near, near)) {
            const __m256i v01 = _mm256_packs_epi32(_mm256_sra_epi32(t[0], l.count), _mm256_sra_epi32(t[1], l.count));
            const __m256i v23 = _mm256_packs_epi32(_mm256_sra_epi32(t[2], l.count), _mm256_sra_epi32(t[3], l.count));
            __m256i v = _mm256_permutevar8x32_epi32(_mm256_packs_epi16(v01, v23), order);
            if (CLAMP) v = _mm256_min_epi8(_mm256_max_epi8(v, l.lo8), l.hi8);
            _mm256_storeu_si256((__m256i*)(y + i), v);
            continue;
        }
#pragma GCC unroll 4
        for (int q = 0; q < 4; q++) {
            const __m256i av = _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i*)(a + i + 8 * q)));
            const __m256i bv = _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i*)(b + i + 8 * q)));
            add_8_256(k, av, bv, y + i + 8 * q, 8);
        }
    }
    return i;
}

// 8 outputs (the first n stored) by the linear form, or by the exact form when a lane is near a
// rounding boundary. Lanes past n hold zeros (add_load_256): they may only send the vector to the
// exact form, which is correct for every lane.
NPU_AVX2 static inline void add_8_linear_256(const AddVec256& k, const AddLinear256& l, __m256i a, __m256i b,
                                             int8_t* y, int n) {
    const __m256i t = add_linear_sum_256(l, a, b);
    const __m256i near = add_linear_near_256(l, t);
    if (!_mm256_testz_si256(near, near)) {
        add_8_256(k, a, b, y, n);
        return;
    }
    store_bytes_256(_mm256_min_epi32(_mm256_max_epi32(_mm256_sra_epi32(t, l.count), k.lo), k.hi), y, n);
}

// One innermost run, 8 lanes at a time; see add_row_512. LINEAR: the plan's linear form, 32-element
// blocks while both inputs walk the run, then 8 lanes at a time (also for a broadcast input).
template <bool LINEAR, bool CLAMP>
NPU_AVX2 static inline void add_row_256(const AddVec256& k, const AddLinear256& l, const int8_t* a, int sa,
                                        const int8_t* b, int sb, int8_t* y, int n) {
    int i = 0;
    if (LINEAR && sa == 1 && sb == 1) i = add_linear_32_256<CLAMP>(k, l, a, b, y, n);
    for (; i < n; i += 8) {
        const int m = std::min(8, n - i);
        const __m256i av = add_load_256(a + i * sa, sa, m), bv = add_load_256(b + i * sb, sb, m);
        if (LINEAR) {
            add_8_linear_256(k, l, av, bv, y + i, m);
        } else {
            add_8_256(k, av, bv, y + i, m);
        }
    }
}

// int8 Add, 8 lanes; see add_run_avx512. With the plan's linear form (prepared for AVX2 plans too)
// about 3.5 vector instructions per output instead of 11.
NPU_AVX2 static void add_run_avx2(const AddPlan& p, const int8_t* a, const int8_t* b, int8_t* y) {
    AddVec256 k;
    k.off_a = _mm256_set1_epi32(p.off_a);
    k.off_b = _mm256_set1_epi32(p.off_b);
    k.off_y = _mm256_set1_epi32(p.off_y);
    k.left_shift = _mm256_set1_epi32(p.left_shift);
    k.zero = _mm256_setzero_si256();
    k.mult_a = _mm256_set1_epi32(p.mult_a);
    k.rshift_a = _mm256_set1_epi32(-p.shift_a);
    k.mult_b = _mm256_set1_epi32(p.mult_b);
    k.rshift_b = _mm256_set1_epi32(-p.shift_b);
    k.mult_y = _mm256_set1_epi32(p.mult_y);
    k.rshift_y = _mm256_set1_epi32(-p.shift_y);
    k.lo = _mm256_set1_epi32(p.act_min);
    k.hi = _mm256_set1_epi32(p.act_max);
    const AddLinear256 l = p.linear ? add_linear_constants_256(p) : AddLinear256{};
    const bool clamps = p.act_min > -128 || p.act_max < 127;
    const int sa = p.stride_a[5], sb = p.stride_b[5], n = p.dims[5];
    const bool vector_row = (sa == 0 || sa == 1) && (sb == 0 || sb == 1);
    add_loops(p, a, b, y, [&](const int8_t* pa, const int8_t* pb, int8_t* py) {
        if (vector_row && p.linear && clamps) {
            add_row_256<true, true>(k, l, pa, sa, pb, sb, py, n);
        } else if (vector_row && p.linear) {
            add_row_256<true, false>(k, l, pa, sa, pb, sb, py, n);
        } else if (vector_row) {
            add_row_256<false, true>(k, l, pa, sa, pb, sb, py, n);
        } else {
            add_row_portable(p, pa, sa, pb, sb, py, n);
        }
    });
}

// Up to 8 int8 values from src widened to int32 (lanes past n zero).
NPU_AVX2 static inline __m256i load_widen_256(const int8_t* src, int n) {
    if (n >= 8) return _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i*)src));
    long long eight = 0;
    std::memcpy(&eight, src, (size_t)n);
    return _mm256_cvtepi8_epi32(_mm_cvtsi64_si128(eight));
}

// (sum +- count / 2) / count truncated, the rounding of TFLite's AveragePool, in double as
// pool_average_avx512 does (exact: see there), 4 lanes per division.
NPU_AVX2 static inline __m256i pool_divide_256(__m256i acc, __m256i half, __m256d divisor) {
    const __m256i positive = _mm256_cmpgt_epi32(acc, _mm256_setzero_si256());
    const __m256i n = _mm256_blendv_epi8(_mm256_sub_epi32(acc, half), _mm256_add_epi32(acc, half), positive);
    const __m128i q_lo = _mm256_cvttpd_epi32(_mm256_div_pd(_mm256_cvtepi32_pd(_mm256_castsi256_si128(n)), divisor));
    const __m128i q_hi = _mm256_cvttpd_epi32(_mm256_div_pd(_mm256_cvtepi32_pd(_mm256_extracti128_si256(n, 1)), divisor));
    return _mm256_inserti128_si256(_mm256_castsi128_si256(q_lo), q_hi, 1);
}

// AveragePool, 8 channels per vector; the arithmetic of pool_average_avx512 (padding not counted, the
// window's sum divided by its count rounding half away from zero). ResNet-8's global 8x8x64 pool ran the
// portable loop on AVX2 (a division per channel).
NPU_AVX2 static void pool_average_avx2(const PoolPlan& p, const int8_t* x, int8_t* y) {
    const __m256i lo = _mm256_set1_epi32(p.act_min), hi = _mm256_set1_epi32(p.act_max);
    for (int b = 0; b < p.n; b++) {
        for (int oy = 0; oy < p.oh; oy++) {
            for (int ox = 0; ox < p.ow; ox++) {
                const PoolWindow win = pool_window(p, oy, ox);
                const int y0 = win.y0, x0 = win.x0, ky0 = win.ky0, ky1 = win.ky1, kx0 = win.kx0, kx1 = win.kx1;
                const int count = win.count();
                const __m256i half = _mm256_set1_epi32(count / 2);
                const __m256d divisor = _mm256_set1_pd((double)count);
                int8_t* out = y + (((size_t)b * p.oh + oy) * p.ow + ox) * p.c;
                for (int c0 = 0; c0 < p.c; c0 += 8) {
                    const int left = p.c - c0;
                    __m256i acc = _mm256_setzero_si256();
                    for (int ky = ky0; ky < ky1; ky++) {
                        const int8_t* row = x + (((size_t)b * p.h + y0 + ky) * p.w + x0) * p.c + c0;
                        for (int kx = kx0; kx < kx1; kx++) {
                            acc = _mm256_add_epi32(acc, load_widen_256(row + (size_t)kx * p.c, left));
                        }
                    }
                    const __m256i q = _mm256_min_epi32(_mm256_max_epi32(pool_divide_256(acc, half, divisor), lo), hi);
                    store_bytes_256(q, out + c0, left);
                }
            }
        }
    }
}

// Where the taps of one or two neighbouring output pixels are (see DepthwiseTaps in npu_avx512.h,
// which the AVX2 header cannot see): src at tap (ky0, kx0) of the first pixel, channel 0.
struct DepthwiseTaps256 {
    const int8_t* src;
    size_t step, row_step, dil_step;
    int ky0, ky1, kx0, kx1;
};

// Taps [k0, k1) of a kernel of k taps with dilation d whose first tap sits at base lie inside [0, size).
static inline void dw_tap_range(int base, int k, int d, int size, int& k0, int& k1) {
    k0 = base < 0 ? (-base + d - 1) / d : 0;
    const int last = size - 1 - base;
    k1 = last < 0 ? 0 : std::min(k, last / d + 1);
    if (k0 > k1) k0 = k1;
}

// Requantizes 8 accumulators (bias included) of channels [ch, ch + 8) and stores them: mbqm_256's
// arithmetic with the plan's per-channel rounding constants (round_mask, round_half) and the odd
// channels' multipliers (mult_swapped) loaded instead of derived, the rounding's +1 as the subtraction
// of the compare's -1, and no left shift unless a channel has one. 15 vector instructions where
// requant_store_256 takes 23; with 9 taps the requantization was about half of a depthwise output's work.
NPU_AVX2 __attribute__((always_inline)) static inline void dw_requant_store_256(const ConvPlan& p, __m256i acc,
                                                                               int ch, int8_t* out_row) {
    const Requant& rq = p.rq;
    if (rq.any_lshift) acc = _mm256_sllv_epi32(acc, _mm256_loadu_si256((const __m256i*)(rq.lshift + ch)));
    const __m256i nudge = _mm256_set1_epi64x((long long)1 << 30);
    const __m256i even_p = _mm256_mul_epi32(acc, _mm256_loadu_si256((const __m256i*)(rq.mult + ch)));
    const __m256i odd_p = _mm256_mul_epi32(_mm256_srli_epi64(acc, 32),
                                           _mm256_loadu_si256((const __m256i*)(rq.mult_swapped + ch)));
    const __m256i even = _mm256_srli_epi64(_mm256_add_epi64(even_p, nudge), 31);
    const __m256i odd = _mm256_slli_epi64(_mm256_add_epi64(odd_p, nudge), 1);
    const __m256i high = _mm256_blend_epi32(even, odd, 0xAA);
    const __m256i remainder = _mm256_and_si256(high, _mm256_loadu_si256((const __m256i*)(rq.round_mask + ch)));
    const __m256i threshold = _mm256_add_epi32(_mm256_loadu_si256((const __m256i*)(rq.round_half + ch)),
                                               _mm256_srli_epi32(high, 31));
    const __m256i shifted = _mm256_srav_epi32(high, _mm256_loadu_si256((const __m256i*)(rq.rshift + ch)));
    __m256i v = _mm256_sub_epi32(shifted, _mm256_cmpgt_epi32(remainder, threshold));
    v = _mm256_add_epi32(v, _mm256_set1_epi32(rq.y_zero));
    if (rq.clamps) v = _mm256_min_epi32(_mm256_max_epi32(v, _mm256_set1_epi32(rq.act_min)), _mm256_set1_epi32(rq.act_max));
    store_bytes_256(v, out_row + ch, 8);
}

// PX neighbouring pixels times NB full 8-channel blocks from channel c0: PX * NB independent chains,
// one weight load per tap and block serving all PX pixels. INTERIOR (every tap inside the image): the
// accumulator starts from bias_interior and x needs no zero-point subtraction; otherwise it starts from
// the bias, the taps outside are skipped and x - x_zero accumulates.
template <int PX, int NB, bool INTERIOR>
NPU_AVX2 static inline void dw_tile_256(const ConvPlan& p, const DepthwiseTaps256& t, int c0, int8_t* dst) {
    __m256i acc[PX][NB];
    const __m256i x_zero = _mm256_set1_epi32(p.x_zero);
#pragma GCC unroll 4
    for (int j = 0; j < NB; j++) {
        const int32_t* bias = INTERIOR ? p.bias_interior : p.rq.bias;
        const __m256i start = _mm256_loadu_si256((const __m256i*)(bias + c0 + 8 * j));
#pragma GCC unroll 4
        for (int q = 0; q < PX; q++) acc[q][j] = start;
    }
    const int32_t* wts = (const int32_t*)p.packed;
    const int kw = p.kw, m_pad = p.m_pad;
    const int8_t* first = t.src + c0;
    for (int ky = t.ky0; ky < t.ky1; ky++) {
        const int8_t* s = first + (size_t)(ky - t.ky0) * t.row_step;
        const int32_t* w_row = wts + (size_t)ky * kw * m_pad + c0;
        for (int kx = t.kx0; kx < t.kx1; kx++) {
            const int8_t* tap = s + (size_t)(kx - t.kx0) * t.dil_step;
            const int32_t* wt = w_row + (size_t)kx * m_pad;
#pragma GCC unroll 4
            for (int j = 0; j < NB; j++) {
                const __m256i wv = _mm256_loadu_si256((const __m256i*)(wt + 8 * j));
#pragma GCC unroll 4
                for (int q = 0; q < PX; q++) {
                    __m256i xv = _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i*)(tap + q * t.step + 8 * j)));
                    if (!INTERIOR) xv = _mm256_sub_epi32(xv, x_zero);
                    acc[q][j] = madd_acc(acc[q][j], xv, wv);
                }
            }
        }
    }
#pragma GCC unroll 4
    for (int j = 0; j < NB; j++) {
#pragma GCC unroll 4
        for (int q = 0; q < PX; q++) dw_requant_store_256(p, acc[q][j], c0 + 8 * j, dst + (size_t)q * p.c);
    }
}

// The full 8-channel blocks of PX neighbouring pixels, 32 channels (four chains per pixel) at a time.
template <int PX, bool INTERIOR>
NPU_AVX2 static inline void dw_pixels_256(const ConvPlan& p, const DepthwiseTaps256& t, int vec_end, int8_t* dst) {
    int c0 = 0;
    for (; c0 + 32 <= vec_end; c0 += 32) dw_tile_256<PX, 4, INTERIOR>(p, t, c0, dst);
    switch ((vec_end - c0) / 8) {
        case 3: dw_tile_256<PX, 3, INTERIOR>(p, t, c0, dst); break;
        case 2: dw_tile_256<PX, 2, INTERIOR>(p, t, c0, dst); break;
        case 1: dw_tile_256<PX, 1, INTERIOR>(p, t, c0, dst); break;
        default: break;
    }
}

// Interior pixels from dst on: four when four fit and there are two blocks (16 channels: two pixels gave
// four accumulator chains, too few to hide vpmaddwd's latency; with one block four were slower, and 3-wide
// kernels with the kx loop unrolled were slower too), else two when two fit, else one. Returns the
// pixels done.
NPU_AVX2 static inline int dw_interior_256(const ConvPlan& p, const DepthwiseTaps256& t, int vec_end, int8_t* dst,
                                           bool four_fit, bool two_fit) {
    if (vec_end == 16 && four_fit) {
        dw_pixels_256<4, true>(p, t, vec_end, dst);
        return 4;
    }
    if (two_fit) {
        dw_pixels_256<2, true>(p, t, vec_end, dst);
        return 2;
    }
    dw_pixels_256<1, true>(p, t, vec_end, dst);
    return 1;
}

// Depthwise convolution (multiplier 1), 8 channels per vector with the exact vpmaddwd trick of
// conv_depthwise_avx512: per output pixel every full channel block (up to four chains), tap ranges
// clamped to the image once per row and pixel, interior pixels in pairs without the zero-point
// subtraction (dw_interior_256). Channels past the last full vector run scalar.
// Output rows [r0, r1) of the n * oh (row b * oh + oy is image b's row oy); y is the whole output.
NPU_AVX2 static void conv_depthwise_avx2(const ConvPlan& p, const int8_t* x, int8_t* y, int r0, int r1) {
    const int h = p.h, w = p.w, c = p.c, kh = p.kh, kw = p.kw, m_pad = p.m_pad;
    const int sh = p.stride_h, sw = p.stride_w, dh = p.dil_h, dw = p.dil_w, pt = p.pad_t, pl = p.pad_l;
    const int oh = p.oh, ow = p.ow, x_zero_s = p.x_zero;
    const int vec_end = c / 8 * 8;
    DepthwiseTaps256 t;
    t.step = (size_t)sw * c;
    t.row_step = (size_t)dh * w * c;
    t.dil_step = (size_t)dw * c;
    for (int b = 0; b < p.n; b++) {
        const int8_t* image = x + (size_t)b * h * w * c;
        for (int oy = std::max(0, r0 - b * oh); oy < std::min(oh, r1 - b * oh); oy++) {
            int8_t* out_row = y + ((size_t)b * oh + oy) * ow * c;
            dw_tap_range(oy * sh - pt, kh, dh, h, t.ky0, t.ky1);
            const bool rows_inside = t.ky0 == 0 && t.ky1 == kh;
            const int iy = oy * sh - pt + t.ky0 * dh;
            int ox = 0;
            while (vec_end > 0 && ox < ow) {
                const int ix = ox * sw - pl;
                dw_tap_range(ix, kw, dw, w, t.kx0, t.kx1);
                int8_t* dst = out_row + (size_t)ox * c;
                if (t.ky0 == t.ky1 || t.kx0 == t.kx1) {
                    t.src = image;  // no tap inside the image: the requantized bias
                    dw_pixels_256<1, false>(p, t, vec_end, dst);
                    ox += 1;
                    continue;
                }
                t.src = image + ((size_t)iy * w + (ix + t.kx0 * dw)) * c;
                if (rows_inside && t.kx0 == 0 && t.kx1 == kw) {
                    ox += dw_interior_256(p, t, vec_end, dst, ox + 3 < ow && ix + 3 * sw + (kw - 1) * dw < w,
                                          ox + 1 < ow && ix + sw + (kw - 1) * dw < w);
                } else {
                    dw_pixels_256<1, false>(p, t, vec_end, dst);
                    ox += 1;
                }
            }
            for (int ci = vec_end; ci < c; ci++) {
                for (int ox = 0; ox < ow; ox++) {
                    uint32_t acc = 0;
                    for (int ky = 0; ky < kh; ky++) {
                        const int iy = oy * sh - pt + ky * dh;
                        if (iy < 0 || iy >= h) continue;
                        for (int kx = 0; kx < kw; kx++) {
                            const int ix = ox * sw - pl + kx * dw;
                            if (ix < 0 || ix >= w) continue;
                            const int32_t xv = x[(((size_t)b * h + iy) * w + ix) * c + ci] - x_zero_s;
                            acc += (uint32_t)(xv * p.plain[(size_t)(ky * kw + kx) * m_pad + ci]);
                        }
                    }
                    out_row[(size_t)ox * c + ci] = requant_one(p.rq, ci, (int32_t)acc);
                }
            }
        }
    }
}

}  // namespace npu
