// Portable kernels: plain C++ compiled for baseline x86-64 (the compiler may auto-vectorise with
// SSE2). Every operator has one; the SIMD paths in npu_avx2.h / npu_avx512.h replace only the hot
// convolution loops and must produce identical bytes.
#pragma once

#include <algorithm>
#include <cmath>

#include "npu_fixedpoint.h"
#include "npu_plans.h"

namespace npu {

// Requantizes one accumulator of output channel ch (bias not yet added) to an int8 value.
inline int8_t requant_one(const Requant& rq, int ch, int32_t acc) {
    const int32_t v = mbqm(wrap_add(acc, rq.bias[ch]), rq.mult[ch], rq.lshift[ch], rq.rshift[ch]);
    return (int8_t)clamp_i32(wrap_add(v, rq.y_zero), rq.act_min, rq.act_max);
}

// im2col of `count` output pixels starting at pixel p0 into dst ([count][k_pad] of T). Taps outside
// the image read as the input zero point (pad_value after transform), so they contribute nothing once
// the zero-point correction folded into the bias is applied. Elements k..k_pad are zero.
template <typename T, typename Transform>
inline void pack_im2col(const ConvPlan& p, const int8_t* x, int p0, int count, T* dst, T pad_value,
                        Transform transform) {
    const int c = p.c;
    for (int r = 0; r < count; r++) {
        const int pix = p0 + r;
        const int ox = pix % p.ow;
        const int oy = (pix / p.ow) % p.oh;
        const int b = pix / (p.ow * p.oh);
        T* row = dst + (size_t)r * p.k_pad;
        int pos = 0;
        for (int ky = 0; ky < p.kh; ky++) {
            const int iy = oy * p.stride_h - p.pad_t + ky * p.dil_h;
            for (int kx = 0; kx < p.kw; kx++) {
                const int ix = ox * p.stride_w - p.pad_l + kx * p.dil_w;
                if (iy < 0 || iy >= p.h || ix < 0 || ix >= p.w) {
                    for (int ci = 0; ci < c; ci++) row[pos + ci] = pad_value;
                } else {
                    const int8_t* src = x + (((size_t)b * p.h + iy) * p.w + ix) * c;
                    for (int ci = 0; ci < c; ci++) row[pos + ci] = transform(src[ci]);
                }
                pos += c;
            }
        }
        for (; pos < p.k_pad; pos++) row[pos] = 0;
    }
}

// GEMM convolution, portable: int8 im2col rows times int8 weight rows, int32 accumulation.
// Output pixels [first, end) only, y pointing at pixel first's output (a fused step runs a conv in chunks).
inline void conv_gemm_portable(const ConvPlan& p, const int8_t* x, int8_t* y, uint8_t* scratch, int first, int end) {
    int8_t* panel = (int8_t*)scratch;
    const int pixels = end;
    for (int p0 = first; p0 < pixels; p0 += kPanelRows) {
        const int count = std::min(kPanelRows, pixels - p0);
        pack_im2col<int8_t>(p, x, p0, count, panel, (int8_t)p.x_zero, [](int8_t v) { return v; });
        for (int r = 0; r < count; r++) {
            const int8_t* a = panel + (size_t)r * p.k_pad;
            int8_t* out = y + (size_t)(p0 - first + r) * p.m;
            for (int ch = 0; ch < p.m; ch++) {
                const int8_t* wr = p.rows + (size_t)ch * p.k_pad;
                uint32_t acc = 0;
                for (int k = 0; k < p.k_pad; k++) acc += (uint32_t)((int32_t)a[k] * (int32_t)wr[k]);
                out[ch] = requant_one(p.rq, ch, (int32_t)acc);
            }
        }
    }
}

// Depthwise convolution, any depth multiplier: output channel ch reads input channel ch / multiplier.
// Channels innermost with a stack accumulator per chunk, so the compiler can vectorise the tap loop.
// Output rows [r0, r1) of the n * oh (row b * oh + oy is image b's row oy); y is the whole output.
inline void conv_depthwise_portable(const ConvPlan& p, const int8_t* x, int8_t* y, int r0, int r1) {
    constexpr int kChunk = 256;
    uint32_t acc[kChunk];
    const int h = p.h, w = p.w, c = p.c, m = p.m, kh = p.kh, kw = p.kw, m_pad = p.m_pad, mult = p.depth_multiplier;
    const int sh = p.stride_h, sw = p.stride_w, dh = p.dil_h, dw = p.dil_w, pt = p.pad_t, pl = p.pad_l;
    const int oh = p.oh, ow = p.ow, x_zero = p.x_zero;
    for (int b = 0; b < p.n; b++) {
        for (int oy = std::max(0, r0 - b * oh); oy < std::min(oh, r1 - b * oh); oy++) {
            for (int ox = 0; ox < ow; ox++) {
                int8_t* out = y + (((size_t)b * oh + oy) * ow + ox) * m;
                for (int m0 = 0; m0 < m; m0 += kChunk) {
                    const int mn = std::min(kChunk, m - m0);
                    for (int j = 0; j < mn; j++) acc[j] = 0;
                    for (int ky = 0; ky < kh; ky++) {
                        const int iy = oy * sh - pt + ky * dh;
                        if (iy < 0 || iy >= h) continue;
                        for (int kx = 0; kx < kw; kx++) {
                            const int ix = ox * sw - pl + kx * dw;
                            if (ix < 0 || ix >= w) continue;
                            const int8_t* src = x + (((size_t)b * h + iy) * w + ix) * c;
                            const int32_t* wt = p.plain + (size_t)(ky * kw + kx) * m_pad + m0;
                            if (mult == 1) {
                                const int8_t* s0 = src + m0;
                                for (int j = 0; j < mn; j++) acc[j] += (uint32_t)((s0[j] - x_zero) * wt[j]);
                            } else {
                                for (int j = 0; j < mn; j++) {
                                    acc[j] += (uint32_t)((src[(m0 + j) / mult] - x_zero) * wt[j]);
                                }
                            }
                        }
                    }
                    for (int j = 0; j < mn; j++) out[m0 + j] = requant_one(p.rq, m0 + j, (int32_t)acc[j]);
                }
            }
        }
    }
}

// TFLite int8 Add of one pair of raw values, before the activation clamp.
inline int32_t add_one(const AddPlan& p, int32_t a, int32_t b) {
    const int32_t sa = mbqm(wrap_shl(a + p.off_a, p.left_shift), p.mult_a, 0, -p.shift_a);
    const int32_t sb = mbqm(wrap_shl(b + p.off_b, p.left_shift), p.mult_b, 0, -p.shift_b);
    const int32_t raw = wrap_add(sa, sb);
    return wrap_add(mbqm(raw, p.mult_y, 0, -p.shift_y), p.off_y);
}

// The linear form of an int8 Add (AddPlan::linear). TFLite rescales each input exactly
// (sa = RoundingDivideByPOT(SaturatingRoundingDoublingHighMul((a + off_a) << 20, mult_a), s_a)), adds
// and rescales the sum; the output is floor((P + K) / 2^(31 + e)) with P = (sa + sb) * mult_y (the
// identity of Requant in npu_plans.h), i.e. the floor of
//   R = (a + off_a) * Ka + (b + off_b) * Kb + off_y + 1/2 + 2^(-1-e),  Ka = mult_a * mult_y / 2^(42 + s_a + e)
// up to |sa - exact| + |sb - exact| <= 2 input units (2 * 2^-e of an output step) and the negative
// rounding's 2^-e. T = a * lin_a + b * lin_b + lin_c is R * 2^lin_shift rounded per term (128.5 units at
// most), so wherever T is farther than lin_near from a multiple of 2^lin_shift both floors agree. The
// vector kernel tests that per lane and sends a vector with a lane that is not to the exact path
// (a few in ten thousand for ResNet-8's Adds). The bound is not trusted: the form is used only if on
// every one of the 65,536 input pairs it either flags the pair or gives add_one's clamped result, and
// T + lin_near stays inside int32. About 12 vector instructions per 16 outputs where the exact form
// takes 33 (XNNPACK's Add is a single rounding of this kind, which is why it differs from TFLite).
inline void add_linear_prepare(AddPlan& p) {
    p.linear = false;
    if (p.left_shift != 20 || p.mult_a < 0 || p.mult_b < 0 || p.mult_y < 0 || p.shift_a > 0 || p.shift_b > 0
        || p.shift_y > 0 || p.shift_a < -31 || p.shift_b < -31 || p.shift_y < -31) {
        return;
    }
    const int e = -p.shift_y;
    const long double ka = std::ldexp((long double)p.mult_a * p.mult_y, -(42 - p.shift_a + e));
    const long double kb = std::ldexp((long double)p.mult_b * p.mult_y, -(42 - p.shift_b + e));
    const long double c = (long double)p.off_a * ka + (long double)p.off_b * kb + p.off_y + 0.5L
                          + std::ldexp(1.0L, -1 - e);
    const long double bound = 128 * (std::fabs(ka) + std::fabs(kb)) + std::fabs(c) + 2;
    int f = 0;
    while (f < 30 && std::ldexp(bound, f + 1) < std::ldexp(1.0L, 30)) f++;
    if (f < 8) return;
    const long long near = 130 + 3 * (f > e ? (1LL << (f - e)) : 1);
    if (near * 64 > (1LL << f)) return;  // most vectors would take the exact path
    const long long la = std::llroundl(std::ldexp(ka, f)), lb = std::llroundl(std::ldexp(kb, f));
    const long long lc = std::llroundl(std::ldexp(c, f));
    const long long mask = (1LL << f) - 1;
    int flagged = 0;
    for (int a = -128; a < 128; a++) {
        for (int b = -128; b < 128; b++) {
            const long long t = a * la + b * lb + lc;
            if (t - near < INT32_MIN || t + near > INT32_MAX) return;
            if (((t + near) & mask) < 2 * near) {
                flagged++;
                continue;
            }
            long long v = t >> f;
            v = std::min<long long>(std::max<long long>(v, p.act_min), p.act_max);
            v = std::min<long long>(std::max<long long>(v, -128), 127);
            if ((int8_t)v != (int8_t)clamp_i32(add_one(p, a, b), p.act_min, p.act_max)) return;
        }
    }
    if (flagged > 65536 / 64) return;
    p.lin_a = (int32_t)la;
    p.lin_b = (int32_t)lb;
    p.lin_c = (int32_t)lc;
    p.lin_shift = f;
    p.lin_near = (int32_t)near;
    p.linear = true;
}

// Merges neighbouring dimensions both inputs walk linearly (and drops size-1 ones) so the innermost
// loop is as long as possible: two same-shape tensors become one run of all their elements.
inline void add_collapse(AddPlan& p) {
    int d[6], sa[6], sb[6];
    int n = 0;
    for (int i = 0; i < 6; i++) {
        if (p.dims[i] == 1) continue;
        if (n > 0 && sa[n - 1] == p.stride_a[i] * p.dims[i] && sb[n - 1] == p.stride_b[i] * p.dims[i]) {
            d[n - 1] *= p.dims[i];
            sa[n - 1] = p.stride_a[i];
            sb[n - 1] = p.stride_b[i];
            continue;
        }
        d[n] = p.dims[i];
        sa[n] = p.stride_a[i];
        sb[n] = p.stride_b[i];
        n++;
    }
    for (int i = 0; i < 6; i++) {
        const int j = i - (6 - n);
        p.dims[i] = j < 0 ? 1 : d[j];
        p.stride_a[i] = j < 0 ? 0 : sa[j];
        p.stride_b[i] = j < 0 ? 0 : sb[j];
    }
}

// One innermost run of n outputs; strides of the inputs along it.
inline void add_row_portable(const AddPlan& p, const int8_t* a, int sa, const int8_t* b, int sb, int8_t* y, int n) {
    for (int i = 0; i < n; i++) {
        const int32_t v = add_one(p, a[(size_t)i * sa], b[(size_t)i * sb]);
        y[i] = (int8_t)clamp_i32(v, p.act_min, p.act_max);
    }
}

// Walks the five outer dimensions and hands each innermost run to row(a, b, y); every ISA's Add
// uses it. Geometry in locals: the int8 stores may alias the plan as far as the compiler knows.
template <typename Row>
inline void add_loops(const AddPlan& p, const int8_t* a, const int8_t* b, int8_t* y, Row row) {
    int d[6], sa[6], sb[6];
    for (int i = 0; i < 6; i++) {
        d[i] = p.dims[i];
        sa[i] = p.stride_a[i];
        sb[i] = p.stride_b[i];
    }
    size_t out = 0;
    for (int i0 = 0; i0 < d[0]; i0++)
    for (int i1 = 0; i1 < d[1]; i1++)
    for (int i2 = 0; i2 < d[2]; i2++)
    for (int i3 = 0; i3 < d[3]; i3++)
    for (int i4 = 0; i4 < d[4]; i4++) {
        const int8_t* pa = a + (size_t)i0 * sa[0] + (size_t)i1 * sa[1] + (size_t)i2 * sa[2] + (size_t)i3 * sa[3]
                           + (size_t)i4 * sa[4];
        const int8_t* pb = b + (size_t)i0 * sb[0] + (size_t)i1 * sb[1] + (size_t)i2 * sb[2] + (size_t)i3 * sb[3]
                           + (size_t)i4 * sb[4];
        row(pa, pb, y + out);
        out += (size_t)d[5];
    }
}

inline void add_run_portable(const AddPlan& p, const int8_t* a, const int8_t* b, int8_t* y) {
    add_loops(p, a, b, y, [&p](const int8_t* pa, const int8_t* pb, int8_t* py) {
        add_row_portable(p, pa, p.stride_a[5], pb, p.stride_b[5], py, p.dims[5]);
    });
}

// Merges every dimension without padding (same size in and out) into its outer neighbour:
// output index o*n + i of the merged dimension reads input index (o - begin)*n + i.
inline void pad_collapse(PadPlan& p) {
    int in[6], out[6], begin[6];
    int n = 0;
    for (int d = 0; d < 6; d++) {
        const bool unpadded = p.begin[d] == 0 && p.in[d] == p.out[d];
        if (n > 0 && unpadded) {
            in[n - 1] *= p.in[d];
            out[n - 1] *= p.in[d];
            begin[n - 1] *= p.in[d];
            continue;
        }
        in[n] = p.in[d];
        out[n] = p.out[d];
        begin[n] = p.begin[d];
        n++;
    }
    for (int d = 0; d < 6; d++) {
        const int j = d - (6 - n);
        p.in[d] = j < 0 ? 1 : in[j];
        p.out[d] = j < 0 ? 1 : out[j];
        p.begin[d] = j < 0 ? 0 : begin[j];
    }
}

// Constant Pad: per output row, the fill before, the input bytes it covers, the fill after; rows whose
// outer coordinates fall outside the input are fill only.
inline void pad_run(const PadPlan& p, const int8_t* x, int8_t* y) {
    size_t in_stride[6];
    in_stride[5] = 1;
    for (int d = 4; d >= 0; d--) in_stride[d] = in_stride[d + 1] * (size_t)p.in[d + 1];
    const int width = p.out[5];
    const int lo = std::min(std::max(p.begin[5], 0), width);
    const int hi = std::min(std::max(p.begin[5] + p.in[5], 0), width);
    int8_t* row = y;
    for (int i0 = 0; i0 < p.out[0]; i0++)
    for (int i1 = 0; i1 < p.out[1]; i1++)
    for (int i2 = 0; i2 < p.out[2]; i2++)
    for (int i3 = 0; i3 < p.out[3]; i3++)
    for (int i4 = 0; i4 < p.out[4]; i4++) {
        const int coord[5] = {i0, i1, i2, i3, i4};
        bool inside = hi > lo;
        size_t src = 0;
        for (int d = 0; d < 5 && inside; d++) {
            const int c = coord[d] - p.begin[d];
            inside = c >= 0 && c < p.in[d];
            src += (size_t)c * in_stride[d];
        }
        if (!inside) {
            std::memset(row, p.value, (size_t)width);
        } else {
            std::memset(row, p.value, (size_t)lo);
            std::memcpy(row + lo, x + src + (lo - p.begin[5]), (size_t)(hi - lo));
            std::memset(row + hi, p.value, (size_t)(width - hi));
        }
        row += width;
    }
}

// Pooling over in-bounds inputs only; channels innermost, a stack accumulator per chunk of channels.
inline void pool_run_portable(const PoolPlan& p, const int8_t* x, int8_t* y) {
    constexpr int kChunk = 256;
    int32_t acc[kChunk];
    for (int b = 0; b < p.n; b++) {
        for (int oy = 0; oy < p.oh; oy++) {
            for (int ox = 0; ox < p.ow; ox++) {
                const PoolWindow win = pool_window(p, oy, ox);
                const int y0 = win.y0, x0 = win.x0, ky0 = win.ky0, ky1 = win.ky1, kx0 = win.kx0, kx1 = win.kx1;
                const int count = win.count();
                int8_t* out = y + (((size_t)b * p.oh + oy) * p.ow + ox) * p.c;
                for (int c0 = 0; c0 < p.c; c0 += kChunk) {
                    const int cn = std::min(kChunk, p.c - c0);
                    for (int ci = 0; ci < cn; ci++) acc[ci] = p.average ? 0 : -128;
                    for (int ky = ky0; ky < ky1; ky++) {
                        for (int kx = kx0; kx < kx1; kx++) {
                            const int8_t* src = x + (((size_t)b * p.h + y0 + ky) * p.w + x0 + kx) * p.c + c0;
                            if (p.average) {
                                for (int ci = 0; ci < cn; ci++) acc[ci] += src[ci];
                            } else {
                                for (int ci = 0; ci < cn; ci++) acc[ci] = std::max(acc[ci], (int32_t)src[ci]);
                            }
                        }
                    }
                    for (int ci = 0; ci < cn; ci++) {
                        int32_t v = acc[ci];
                        if (p.average) v = v > 0 ? (v + count / 2) / count : (v - count / 2) / count;
                        out[c0 + ci] = (int8_t)clamp_i32(v, p.act_min, p.act_max);
                    }
                }
            }
        }
    }
}

// TFLite's int8 softmax (reference_ops::Softmax on quantized data), int8 output with zero point -128.
inline void softmax_run(const SoftmaxPlan& p, const int8_t* x, int8_t* y) {
    constexpr int kScaledDiffIntegerBits = 5;
    constexpr int kAccumulationIntegerBits = 12;
    for (int r = 0; r < p.rows; r++) {
        const int8_t* in = x + (size_t)r * p.depth;
        int8_t* out = y + (size_t)r * p.depth;
        int32_t max_in_row = -128;
        for (int c = 0; c < p.depth; c++) max_in_row = std::max(max_in_row, (int32_t)in[c]);
        int32_t sum_of_exps = 0;
        for (int c = 0; c < p.depth; c++) {
            const int32_t diff = in[c] - max_in_row;
            if (diff >= p.diff_min) {
                const int32_t scaled = srdhm(wrap_shl(diff, p.beta_lshift), p.beta_mult);
                sum_of_exps = wrap_add(sum_of_exps, rescale(exp_on_negative_values(scaled, kScaledDiffIntegerBits), 0,
                                                            kAccumulationIntegerBits));
            }
        }
        int num_bits_over_unit = 0;
        const int32_t shifted_scale = reciprocal(sum_of_exps, kAccumulationIntegerBits, &num_bits_over_unit);
        for (int c = 0; c < p.depth; c++) {
            const int32_t diff = in[c] - max_in_row;
            if (diff >= p.diff_min) {
                const int32_t scaled = srdhm(wrap_shl(diff, p.beta_lshift), p.beta_mult);
                const int32_t e = exp_on_negative_values(scaled, kScaledDiffIntegerBits);
                const int32_t unsat = rdbpot(srdhm(shifted_scale, e), num_bits_over_unit + 31 - 8);
                out[c] = (int8_t)clamp_i32(unsat - 128, -128, 127);
            } else {
                out[c] = -128;
            }
        }
    }
}

// TFLite's int8 MEAN (reference_integer_ops::Mean / QuantizedMeanOrSum): the int32 sum of each
// output's inputs (wrapping as int32 does), minus zero point x count, through one
// MultiplyByQuantizedMultiplier, plus the output zero point, clamped to int8. The input is read once
// in order; a kept innermost dimension adds a whole row into the sums (vectorised by the compiler),
// a reduced one sums the row first. acc: scratch of out_count int32.
inline void mean_run(const MeanPlan& p, const int8_t* x, int8_t* y, int32_t* acc) {
    if (p.out_count == 0) return;
    if (p.empty_reduction) {
        std::memset(y, 0, (size_t)p.out_count);
        return;
    }
    std::memset(acc, 0, sizeof(int32_t) * (size_t)p.out_count);
    const int last = p.rank - 1;
    const int n = p.dims[last];
    const bool keep_inner = p.out_stride[last] != 0;
    const long long outer = p.in_count / n;
    int idx[6] = {0, 0, 0, 0, 0, 0};
    long long o = 0;
    for (long long it = 0; it < outer; it++) {
        const int8_t* row = x + it * n;
        if (keep_inner) {
            uint32_t* a = (uint32_t*)(acc + o);
            for (int i = 0; i < n; i++) a[i] += (uint32_t)(int32_t)row[i];
        } else {
            uint32_t s = 0;
            for (int i = 0; i < n; i++) s += (uint32_t)(int32_t)row[i];
            acc[o] = wrap_add(acc[o], (int32_t)s);
        }
        for (int d = last - 1; d >= 0; d--) {
            if (++idx[d] < p.dims[d]) {
                o += p.out_stride[d];
                break;
            }
            o -= (long long)(p.dims[d] - 1) * p.out_stride[d];
            idx[d] = 0;
        }
    }
    for (long long i = 0; i < p.out_count; i++) {
        const int32_t shifted = wrap_sub(acc[i], p.zp_in_times_count);
        const int32_t r = wrap_add(mbqm(shifted, p.mult, p.lshift, p.rshift), p.zp_out);
        y[i] = (int8_t)clamp_i32(r, -128, 127);
    }
}

// Int8 Transpose: a strided copy, the innermost loop over one dimension, the outer ones by odometer.
inline void transpose_run(const TransposePlan& p, const int8_t* x, int8_t* y) {
    if (p.count == 0) return;
    const int last = p.rank - 1;
    const int n = p.dims[last];
    const long long si = p.in_stride[last], so = p.out_stride[last];
    const long long outer = p.count / n;
    int idx[6] = {0, 0, 0, 0, 0, 0};
    long long xi = 0, yo = 0;
    for (long long it = 0; it < outer; it++) {
        const int8_t* src = x + xi;
        int8_t* dst = y + yo;
        if (si == 1 && so == 1) {
            std::memcpy(dst, src, (size_t)n);
        } else if (si == 1) {
            for (int i = 0; i < n; i++) dst[i * so] = src[i];
        } else if (so == 1) {
            for (int i = 0; i < n; i++) dst[i] = src[i * si];
        } else {
            for (int i = 0; i < n; i++) dst[i * so] = src[i * si];
        }
        for (int d = last - 1; d >= 0; d--) {
            if (++idx[d] < p.dims[d]) {
                xi += p.in_stride[d];
                yo += p.out_stride[d];
                break;
            }
            xi -= (long long)(p.dims[d] - 1) * p.in_stride[d];
            yo -= (long long)(p.dims[d] - 1) * p.out_stride[d];
            idx[d] = 0;
        }
    }
}

}  // namespace npu
