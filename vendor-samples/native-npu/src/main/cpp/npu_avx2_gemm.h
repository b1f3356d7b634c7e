// AVX2 GEMM convolution and fully connected (Zen 3 round, 2026-12-08). AVX2 has no exact u8 x s8
// dot product (vpmaddubsw saturates), so the products stay vpmaddwd of int16 pairs (exact, pairs
// summed into int32); what changed against the first AVX2 GEMM:
// - the weights stay int8 in memory and are widened in the kernel (vpmovsxbw from memory): half
//   the bytes, so ad01's 264 KB of weights fit this core's 512 KB L2 instead of streaming 528 KB from L3;
// - the int16 im2col copies whole kernel rows with vector widening and walks pixels without a
//   division (it was 40-50 % of the time of ResNet-8's 3x3 layers and VWW's pointwise ones);
// - 1x1 stride-1 layers widen a whole panel of input pixels as one run (no im2col walk);
// - blocks of at most 8 real channels (m = 8 layers) skip the other 8 lanes' products;
// - one-pixel layers (fully connected) run up to four 16-channel blocks per pass over the input, one
//   broadcast serving 8 vpmaddwd;
// - the requantization constants are loaded once per tile, not once per row.
// Every sum is the same wrap-around int32 sum as the portable path's in another order: bit-exact.
#pragma once

#include "npu_avx2.h"

namespace npu {

// Rows per GEMM tile on AVX2: 4 rows x 16 channels (8 accumulators). 6 rows (12 accumulators, 15 of the
// 16 ymm registers) measured 2-10 % slower by the kernel driver on ResNet-8's and VWW's layers.
constexpr int kAvx2TileRows = 4;  // conv_direct_avx2 dispatches tiles of 1-4 pixels

// The k length of the AVX2 weights: k_pad, or for a direct conv (ConvPlan::avx2_direct) every tap's
// channels padded to an even count, so no channel pair straddles two taps.
inline int avx2_k(const ConvPlan& p) { return p.avx2_direct() ? p.kh * p.kw * p.avx2_c() : p.k_pad; }

// Weights as packed for AVX2 by pack_gemm_avx2: [m_pad / 16][avx2_k / 2][16 channels][2 int8]. One
// step (two k values of 16 channels) is 32 bytes; widening 16 of them gives channels 0-7 (or 8-15)
// as the int16 pairs vpmaddwd multiplies with a broadcast pair of inputs.
inline bool pack_gemm_avx2(ConvPlan& p, const int8_t* w) {
    const int kk_len = avx2_k(p);
    int8_t* dst = (int8_t*)alloc_zeroed((size_t)p.m_pad * kk_len);
    if (!dst) return false;
    const int steps = kk_len / 2;
    const int c2 = p.avx2_direct() ? p.avx2_c() : p.c;
    for (int ch = 0; ch < p.m; ch++) {
        for (int k = 0; k < p.k; k++) {
            const int kk = (k / p.c) * c2 + k % p.c;
            dst[((size_t)(ch / 16) * steps + kk / 2) * 32 + (ch % 16) * 2 + kk % 2] = w[(size_t)ch * p.k + k];
        }
    }
    p.packed = dst;
    return true;
}

// Widens 16 int8 weights (8 channels x 2 k values) to the int16 pairs of one vpmaddwd.
NPU_AVX2 static inline __m256i widen16(const int8_t* w) {
    return _mm256_cvtepi8_epi16(_mm_load_si128((const __m128i*)w));
}

// The per-channel requantization constants of 8 channels, loaded once per tile.
struct Requant8 {
    __m256i bias, mult, lshift, rshift;
};

NPU_AVX2 static inline Requant8 requant8_load(const Requant& rq, int ch0) {
    Requant8 r;
    r.bias = _mm256_loadu_si256((const __m256i*)(rq.bias + ch0));
    r.mult = _mm256_loadu_si256((const __m256i*)(rq.mult + ch0));
    r.lshift = _mm256_loadu_si256((const __m256i*)(rq.lshift + ch0));
    r.rshift = _mm256_loadu_si256((const __m256i*)(rq.rshift + ch0));
    return r;
}

// acc + bias requantized (mbqm_256, as requant_store_256), plus the zero point, clamped: int32 in [-128, 127].
NPU_AVX2 static inline __m256i requant8(const Requant& rq, const Requant8& c, __m256i acc) {
    __m256i v = mbqm_256(_mm256_add_epi32(acc, c.bias), c.mult, c.lshift, c.rshift);
    v = _mm256_add_epi32(v, _mm256_set1_epi32(rq.y_zero));
    v = _mm256_max_epi32(v, _mm256_set1_epi32(rq.act_min));
    return _mm256_min_epi32(v, _mm256_set1_epi32(rq.act_max));
}

// Stores the first n (up to 16) of channels lo (0-7) and hi (8-15), both already in int8 range.
NPU_AVX2 static inline void store16(__m256i lo, __m256i hi, int8_t* dst, int n) {
    // packs interleave the 128-bit lanes: dwords 0, 4, 1, 5 hold lo 0-3, lo 4-7, hi 0-3, hi 4-7
    const __m256i words = _mm256_packs_epi32(lo, hi);
    const __m256i bytes = _mm256_packs_epi16(words, words);
    const __m256i ordered = _mm256_permutevar8x32_epi32(bytes, _mm256_setr_epi32(0, 4, 1, 5, 0, 4, 1, 5));
    const __m128i sixteen = _mm256_castsi256_si128(ordered);
    if (n >= 16) {
        _mm_storeu_si128((__m128i*)dst, sixteen);
    } else {
        alignas(16) int8_t tmp[16];
        _mm_store_si128((__m128i*)tmp, sixteen);
        std::memcpy(dst, tmp, (size_t)n);
    }
}

// Requantizes and stores R rows' accumulators of 16-channel block `block` (channels past p.m are dropped).
// HALF: at most 8 real channels, c1 is not requantized (the low half is stored twice, then cut to n).
template <int R, bool HALF = false>
NPU_AVX2 static inline void requant_rows(const ConvPlan& p, const __m256i* c0, const __m256i* c1, int block,
                                         int8_t* out) {
    const int ch0 = block * 16;
    const int n = std::min(16, p.m - ch0);
    const Requant8 q0 = requant8_load(p.rq, ch0), q1 = requant8_load(p.rq, ch0 + 8);
    for (int r = 0; r < R; r++) {
        const __m256i lo = requant8(p.rq, q0, c0[r]);
        store16(lo, HALF ? lo : requant8(p.rq, q1, c1[r]), out + (size_t)r * p.m + ch0, n);
    }
}

// R im2col rows (int16, k_pad each, from a) times one 16-channel block of the int8 weights. HALF: the
// block holds at most 8 real channels (m = 8 layers, a last block of 1-8), so channels 8-15 are skipped.
template <int R, bool HALF>
NPU_AVX2 static inline void gemm_tile_avx2(const ConvPlan& p, const int16_t* a, int block, int8_t* out) {
    __m256i c0[R], c1[R];
    for (int r = 0; r < R; r++) {
        c0[r] = _mm256_setzero_si256();
        c1[r] = _mm256_setzero_si256();
    }
    const int steps = p.k_pad / 2;
    const size_t k_pad = (size_t)p.k_pad;
    const int8_t* w = (const int8_t*)p.packed + (size_t)block * steps * 32;
    for (int s = 0; s < steps; s++) {
        const __m256i w0 = widen16(w + (size_t)s * 32);
        const __m256i w1 = HALF ? w0 : widen16(w + (size_t)s * 32 + 16);
        for (int r = 0; r < R; r++) {
            int32_t pair;
            std::memcpy(&pair, a + r * k_pad + (size_t)s * 2, 4);
            const __m256i av = _mm256_set1_epi32(pair);
            c0[r] = madd_acc(c0[r], av, w0);
            if (!HALF) c1[r] = madd_acc(c1[r], av, w1);
        }
    }
    requant_rows<R, HALF>(p, c0, c1, block, out);
}

// One row (a fully connected layer's input or a last pixel) times NB consecutive 16-channel blocks
// from block0: one broadcast per step serves 2 * NB vpmaddwd, and the input is read once per NB blocks.
template <int NB>
NPU_AVX2 static inline void gemv_tile_avx2(const ConvPlan& p, const int16_t* a, int block0, int8_t* out) {
    __m256i acc[2 * NB];
    for (int j = 0; j < 2 * NB; j++) acc[j] = _mm256_setzero_si256();
    const int steps = p.k_pad / 2;
    const size_t block_bytes = (size_t)steps * 32;
    const int8_t* w = (const int8_t*)p.packed + (size_t)block0 * block_bytes;
    for (int s = 0; s < steps; s++) {
        int32_t pair;
        std::memcpy(&pair, a + (size_t)s * 2, 4);
        const __m256i av = _mm256_set1_epi32(pair);
        for (int j = 0; j < NB; j++) {
            const int8_t* ws = w + j * block_bytes + (size_t)s * 32;
            acc[2 * j] = madd_acc(acc[2 * j], av, widen16(ws));
            acc[2 * j + 1] = madd_acc(acc[2 * j + 1], av, widen16(ws + 16));
        }
    }
    for (int j = 0; j < NB; j++) requant_rows<1>(p, &acc[2 * j], &acc[2 * j + 1], block0 + j, out);
}

// The 16-channel blocks holding real channels (m_pad rounds m up to 32: a last block may be all padding).
static inline int gemm_blocks(const ConvPlan& p) { return (p.m + 15) / 16; }

// One row times every block, four at a time.
NPU_AVX2 static inline void gemv_row_avx2(const ConvPlan& p, const int16_t* a, int8_t* out) {
    const int blocks = gemm_blocks(p);
    int b = 0;
    for (; b + 4 <= blocks; b += 4) gemv_tile_avx2<4>(p, a, b, out);
    switch (blocks - b) {
        case 3: gemv_tile_avx2<3>(p, a, b, out); break;
        case 2: gemv_tile_avx2<2>(p, a, b, out); break;
        case 1: gemv_tile_avx2<1>(p, a, b, out); break;
        default: break;
    }
}

// n int8 values widened to int16. The 16-byte loads stay inside [src, end) (the input's end): a run
// whose last piece would read past it is finished one value at a time. May write up to 15 int16
// past dst + n (the panel's next entries, written again later, or its 128 spare bytes).
NPU_AVX2 static inline void widen_run(const int8_t* src, int n, const int8_t* end, int16_t* dst) {
    int i = 0;
    for (; i < n && src + i + 16 <= end; i += 16) {
        _mm256_storeu_si256((__m256i*)(dst + i), _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i*)(src + i))));
    }
    for (; i < n; i++) dst[i] = src[i];
}

// n copies of v (the input zero point: padding taps), rounded up to whole 16-value stores like widen_run.
NPU_AVX2 static inline void fill_run(int16_t v, int n, int16_t* dst) {
    const __m256i f = _mm256_set1_epi16(v);
    for (int i = 0; i < n; i += 16) _mm256_storeu_si256((__m256i*)(dst + i), f);
}

// int16 im2col rows of output pixels [p0, p0 + count): per kernel row, the taps inside the image are one
// contiguous run when the kernel is undilated, widened in one go; taps outside hold x_zero (the bias
// carries -x_zero * sum(w), so they add nothing). The k_pad tail is zeroed (its weights are zero too).
NPU_AVX2 static void im2col_avx2(const ConvPlan& p, const int8_t* x, int p0, int count, int16_t* dst) {
    const int c = p.c, kw = p.kw, dw = p.dil_w;
    const int8_t* end = x + (size_t)p.n * p.h * p.w * c;
    const int16_t zero = (int16_t)p.x_zero;
    int ox = p0 % p.ow, oy = (p0 / p.ow) % p.oh, b = p0 / (p.ow * p.oh);
    for (int r = 0; r < count; r++) {
        int16_t* row = dst + (size_t)r * p.k_pad;
        int pos = 0;
        const int ix0 = ox * p.stride_w - p.pad_l;
        // kernel columns [kx0, kx1) lie inside the image (as in dw_tap_range)
        const int kx0 = ix0 < 0 ? std::min(kw, (-ix0 + dw - 1) / dw) : 0;
        const int last = p.w - 1 - ix0;
        const int kx1 = std::max(kx0, last < 0 ? 0 : std::min(kw, last / dw + 1));
        for (int ky = 0; ky < p.kh; ky++) {
            const int iy = oy * p.stride_h - p.pad_t + ky * p.dil_h;
            if (iy < 0 || iy >= p.h || kx0 == kx1) {
                fill_run(zero, kw * c, row + pos);
                pos += kw * c;
                continue;
            }
            if (kx0 > 0) fill_run(zero, kx0 * c, row + pos);
            pos += kx0 * c;
            const int8_t* src = x + (((size_t)b * p.h + iy) * p.w + ix0 + kx0 * dw) * c;
            if (dw == 1) {
                widen_run(src, (kx1 - kx0) * c, end, row + pos);
                pos += (kx1 - kx0) * c;
            } else {
                for (int kx = kx0; kx < kx1; kx++, pos += c) widen_run(src + (size_t)(kx - kx0) * dw * c, c, end, row + pos);
            }
            if (kx1 < kw) fill_run(zero, (kw - kx1) * c, row + pos);
            pos += (kw - kx1) * c;
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

// R-row tiles over one block's rows, then the rows left (fewer than R) as one smaller tile.
template <bool HALF>
NPU_AVX2 static inline void gemm_block_avx2(const ConvPlan& p, const int16_t* panel, int count, int blk, int8_t* y) {
    constexpr int R = kAvx2TileRows;
    const size_t k_pad = (size_t)p.k_pad;
    int r = 0;
    for (; r + R <= count; r += R) gemm_tile_avx2<R, HALF>(p, panel + r * k_pad, blk, y + (size_t)r * p.m);
    const int16_t* a = panel + r * k_pad;
    int8_t* out = y + (size_t)r * p.m;
    switch (count - r) {
        case 3: gemm_tile_avx2<3, HALF>(p, a, blk, out); break;
        case 2: gemm_tile_avx2<2, HALF>(p, a, blk, out); break;
        case 1: gemm_tile_avx2<1, HALF>(p, a, blk, out); break;
        default: break;
    }
}

// A panel of count rows times every block; a single row runs as a GEMV.
NPU_AVX2 static inline void gemm_panel_avx2(const ConvPlan& p, const int16_t* panel, int count, int8_t* y) {
    if (count == 1) {
        gemv_row_avx2(p, panel, y);
        return;
    }
    const int blocks = gemm_blocks(p);
    for (int blk = 0; blk < blocks; blk++) {
        if (p.m - blk * 16 <= 8) {
            gemm_block_avx2<true>(p, panel, count, blk, y);
        } else {
            gemm_block_avx2<false>(p, panel, count, blk, y);
        }
    }
}

// n RGB pixels widened to 4 int16 each (the fourth 0): 4 pixels per 16-byte load, a shuffle that
// spreads 12 bytes into 16 with a zero byte after each pixel, and one widening store. Loads stay inside
// [src, end); the pixels left run one at a time. May write up to 12 int16 past dst + 4 * n.
NPU_AVX2 static inline void widen_rgb(const int8_t* src, int n, const int8_t* end, int16_t* dst) {
    const __m128i spread = _mm_setr_epi8(0, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8, -1, 9, 10, 11, -1);
    int i = 0;
    for (; i + 4 <= n && src + 3 * i + 16 <= end; i += 4) {
        const __m128i px = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i*)(src + 3 * i)), spread);
        _mm256_storeu_si256((__m256i*)(dst + 4 * i), _mm256_cvtepi8_epi16(px));
    }
    for (; i < n; i++) {
        for (int ci = 0; ci < 3; ci++) dst[4 * i + ci] = src[3 * i + ci];
        dst[4 * i + 3] = 0;
    }
}

// Input rows [r0, r1) of the padded image (row R is input row R - pad_t) widened to int16 into buf:
// direct_cols() pixels of avx2_c() channels per row, x_zero outside the image (the bias carries
// -x_zero * sum(w), so those taps add nothing), 0 in a padding channel (its weights are zero).
NPU_AVX2 static void direct_pad_avx2(const ConvPlan& p, const int8_t* x, int r0, int r1, int16_t* buf) {
    const int c = p.c, c2 = p.avx2_c(), cols = p.direct_cols();
    const int8_t* end = x + (size_t)p.h * p.w * c;
    const int16_t zero = (int16_t)p.x_zero;
    const int left = std::min(p.pad_l, cols);                  // padded columns before the image
    const int inside = std::max(0, std::min(p.w, cols - left));  // image columns the outputs read
    for (int r = r0; r < r1; r++) {
        int16_t* row = buf + (size_t)(r - r0) * cols * c2;
        const int iy = r - p.pad_t;
        if (iy < 0 || iy >= p.h) {
            fill_run(zero, cols * c2, row);
            continue;
        }
        fill_run(zero, left * c2, row);
        const int8_t* src = x + (size_t)iy * p.w * c;
        int16_t* dst = row + (size_t)left * c2;
        if (c2 == c) {
            widen_run(src, inside * c, end, dst);
        } else if (c == 3) {
            widen_rgb(src, inside, end, dst);
        } else {
            for (int i = 0; i < inside; i++) {
                for (int ci = 0; ci < c; ci++) dst[(size_t)i * c2 + ci] = src[(size_t)i * c + ci];
                dst[(size_t)i * c2 + c] = 0;
            }
        }
        fill_run(zero, (cols - left - inside) * c2, row + (size_t)(left + inside) * c2);
    }
}

// R output pixels (window origins a[r] in the padded copy, outputs at out + r * m) times one 16-channel
// block: per tap, avx2_c / 2 steps of channel pairs read in place; the weights run on continuously.
template <int R, bool HALF>
NPU_AVX2 static inline void direct_tile_avx2(const ConvPlan& p, const int16_t* const* a, int block, int8_t* out) {
    __m256i c0[R], c1[R];
    for (int r = 0; r < R; r++) {
        c0[r] = _mm256_setzero_si256();
        c1[r] = _mm256_setzero_si256();
    }
    const int c2 = p.avx2_c(), pairs = c2 / 2, cols = p.direct_cols();
    const int8_t* w = (const int8_t*)p.packed + (size_t)block * (avx2_k(p) / 2) * 32;
    for (int ky = 0; ky < p.kh; ky++) {
        for (int kx = 0; kx < p.kw; kx++) {
            const size_t off = ((size_t)ky * cols + kx) * c2;
            for (int s = 0; s < pairs; s++, w += 32) {
                const __m256i w0 = widen16(w);
                const __m256i w1 = HALF ? w0 : widen16(w + 16);
                for (int r = 0; r < R; r++) {
                    int32_t pair;
                    std::memcpy(&pair, a[r] + off + (size_t)s * 2, 4);
                    const __m256i av = _mm256_set1_epi32(pair);
                    c0[r] = madd_acc(c0[r], av, w0);
                    if (!HALF) c1[r] = madd_acc(c1[r], av, w1);
                }
            }
        }
    }
    requant_rows<R, HALF>(p, c0, c1, block, out);
}

// n (1-4) pixels' tiles over every block.
template <int R>
NPU_AVX2 static inline void direct_pixels_avx2(const ConvPlan& p, const int16_t* const* a, int8_t* out) {
    const int blocks = gemm_blocks(p);
    for (int blk = 0; blk < blocks; blk++) {
        if (p.m - blk * 16 <= 8) {
            direct_tile_avx2<R, true>(p, a, blk, out);
        } else {
            direct_tile_avx2<R, false>(p, a, blk, out);
        }
    }
}

// Pixels per direct tile: 4 (x 16 channels, 8 accumulators), or 8 when the conv has at most 8 output
// channels (one half block: 8 accumulators again, each widened weight vector serving 8 pixels; VWW's stem).
static inline int direct_group(const ConvPlan& p) { return p.m <= 8 ? 8 : kAvx2TileRows; }

// The tiles of n (1-8) pixels with window origins a.
NPU_AVX2 static inline void direct_group_avx2(const ConvPlan& p, const int16_t* const* a, int n, int8_t* out) {
    if (p.m <= 8) {
        switch (n) {
            case 8: direct_tile_avx2<8, true>(p, a, 0, out); break;
            case 7: direct_tile_avx2<7, true>(p, a, 0, out); break;
            case 6: direct_tile_avx2<6, true>(p, a, 0, out); break;
            case 5: direct_tile_avx2<5, true>(p, a, 0, out); break;
            case 4: direct_tile_avx2<4, true>(p, a, 0, out); break;
            case 3: direct_tile_avx2<3, true>(p, a, 0, out); break;
            case 2: direct_tile_avx2<2, true>(p, a, 0, out); break;
            default: direct_tile_avx2<1, true>(p, a, 0, out); break;
        }
        return;
    }
    switch (n) {
        case 4: direct_pixels_avx2<4>(p, a, out); break;
        case 3: direct_pixels_avx2<3>(p, a, out); break;
        case 2: direct_pixels_avx2<2>(p, a, out); break;
        default: direct_pixels_avx2<1>(p, a, out); break;
    }
}

// Direct convolution with AVX2 (ConvPlan::avx2_direct): output pixels [first, end), y pointing at pixel
// first's output. Only the input rows those pixels read are widened; tiles of direct_group pixels in
// output order (they may span two output rows: each has its own window origin).
NPU_AVX2 static void conv_direct_avx2(const ConvPlan& p, const int8_t* x, int8_t* y, uint8_t* scratch, int first, int end) {
    if (first >= end) return;
    const int ow = p.ow, c2 = p.avx2_c(), cols = p.direct_cols();
    const int r0 = first / ow * p.stride_h, r1 = (end - 1) / ow * p.stride_h + p.kh;
    int16_t* buf = (int16_t*)scratch;
    direct_pad_avx2(p, x, r0, r1, buf);
    int ox = first % ow, oy = first / ow;
    const int group = direct_group(p);
    for (int pix = first; pix < end; pix += group) {
        const int n = std::min(group, end - pix);
        const int16_t* a[8];
        for (int r = 0; r < n; r++) {
            a[r] = buf + ((size_t)(oy * p.stride_h - r0) * cols + (size_t)ox * p.stride_w) * c2;
            if (++ox == ow) {
                ox = 0;
                oy++;
            }
        }
        direct_group_avx2(p, a, n, y + (size_t)(pix - first) * p.m);
    }
}

// Whether the im2col rows are the input's pixels as they are: a 1x1 window at stride 1 without pads over
// a channel count that needs no k padding (k_pad = c), so a panel is one contiguous run widened at once.
static inline bool pointwise_rows(const ConvPlan& p) {
    return p.kh == 1 && p.kw == 1 && p.stride_h == 1 && p.stride_w == 1 && p.pad_t == 0 && p.pad_l == 0
           && p.k_pad == p.c && p.h == p.oh && p.w == p.ow;
}

// GEMM convolution with AVX2: int16 im2col panels of kPanelRows pixels times the int8 weights, the bias
// holding -x_zero * sum(w) per channel. Output pixels [first, end) only, y pointing at pixel first's output.
NPU_AVX2 static void conv_gemm_avx2(const ConvPlan& p, const int8_t* x, int8_t* y, uint8_t* scratch, int first, int end) {
    if (p.avx2_direct()) {
        conv_direct_avx2(p, x, y, scratch, first, end);
        return;
    }
    int16_t* panel = (int16_t*)scratch;
    const int8_t* x_end = x + (size_t)p.n * p.h * p.w * p.c;
    for (int p0 = first; p0 < end; p0 += kPanelRows) {
        const int count = std::min(kPanelRows, end - p0);
        if (pointwise_rows(p)) {
            widen_run(x + (size_t)p0 * p.c, count * p.c, x_end, panel);
        } else {
            im2col_avx2(p, x, p0, count, panel);
        }
        gemm_panel_avx2(p, panel, count, y + (size_t)(p0 - first) * p.m);
    }
}

}  // namespace npu
