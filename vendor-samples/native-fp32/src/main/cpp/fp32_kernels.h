// The C API that Fp32Native.java binds (JavaCPP generates the JNI glue and compiles it with this header).
// Plans are opaque 64-bit handles, freed with fp32_plan_free; a plan is immutable after create, so one
// plan may run on several threads at once, each on its own range of work units and its own scratch.
//
// Dispatch: fp32_best_isa() asks CPUID (__builtin_cpu_supports also checks that the OS saves the wide
// registers) for AVX-512 (F, VL, DQ) > AVX2+FMA > portable. Java picks the path for each plan (never
// above the best), the plan packs its weights for it and the run functions branch on it.
#pragma once

#include <new>
#include <vector>

#include "fp32_binary.h"
#include "fp32_common.h"
#include "fp32_conv.h"
#include "fp32_gemm.h"
#include "fp32_pool.h"

inline int fp32_best_isa() {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq")) {
        return f32::ISA_AVX512;
    }
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return f32::ISA_AVX2;
    return f32::ISA_PORTABLE;
}

inline int fp32_clamp_isa(int requested) {
    const int best = fp32_best_isa();
    if (requested < f32::ISA_PORTABLE) return f32::ISA_PORTABLE;
    return requested > best ? best : requested;
}


// geom (17): n, h, w, c, m, kh, kw, stride_h, stride_w, dil_h, dil_w, pad_t, pad_l, oh, ow, nhwc, depthwise.
// weights OHWI [m][kh][kw][c] for NHWC, OIHW [m][c][kh][kw] for NCHW (depthwise [c][kh][kw][1]); bias [m] or
// null; lo/hi the fused clamp.
inline long long fp32_conv_create(int isa, const int* geom, const float* weights, const float* bias, float lo,
                                  float hi) {
    f32::ConvPlan* p = new (std::nothrow) f32::ConvPlan();
    if (!p) return 0;
    p->isa = fp32_clamp_isa(isa);
    p->n = geom[0]; p->h = geom[1]; p->w = geom[2]; p->c = geom[3]; p->m = geom[4];
    p->kh = geom[5]; p->kw = geom[6]; p->stride_h = geom[7]; p->stride_w = geom[8];
    p->dil_h = geom[9]; p->dil_w = geom[10]; p->pad_t = geom[11]; p->pad_l = geom[12];
    p->oh = geom[13]; p->ow = geom[14]; p->nhwc = geom[15] != 0; p->depthwise = geom[16] != 0;
    p->lo = lo; p->hi = hi;
    p->k = p->kh * p->kw * p->c;
    if (!f32::conv_pack(*p, weights, bias)) {
        delete p;
        return 0;
    }
    return (long long)(intptr_t)p;
}

// A hybrid convolution (group 1): geom as above (depthwise 0); weights the int8 values as floats, OHWI or OIHW
// as above; scales [m] the weight scales; per_channel 1 when they differ (TFLite's per-channel path), else one scale applies.
inline long long fp32_conv_hybrid_create(int isa, const int* geom, const float* weights, const float* bias,
                                         const float* scales, int per_channel, float lo, float hi) {
    f32::ConvPlan* p = new (std::nothrow) f32::ConvPlan();
    if (!p) return 0;
    p->isa = fp32_clamp_isa(isa);
    p->n = geom[0]; p->h = geom[1]; p->w = geom[2]; p->c = geom[3]; p->m = geom[4];
    p->kh = geom[5]; p->kw = geom[6]; p->stride_h = geom[7]; p->stride_w = geom[8];
    p->dil_h = geom[9]; p->dil_w = geom[10]; p->pad_t = geom[11]; p->pad_l = geom[12];
    p->oh = geom[13]; p->ow = geom[14]; p->nhwc = geom[15] != 0; p->depthwise = false;
    p->lo = lo; p->hi = hi;
    p->k = p->kh * p->kw * p->c;
    p->hybrid = per_channel != 0 ? 2 : 1;
    if (!f32::conv_pack(*p, weights, bias, scales)) {
        delete p;
        return 0;
    }
    return (long long)(intptr_t)p;
}

// Work units [u0, u1) of plan (see ConvPlan::units); scratch holds fp32_plan_scratch bytes.
// The run functions take addresses the caller resolved once per buffer (fp32_buffer_address): a call
// with primitive arguments only reads no Java object, which on layers of a few hundred nanoseconds
// is a visible share of the call.
namespace f32 {
inline float* floats_at(long long address) { return (float*)(intptr_t)address; }
}  // namespace f32

inline void fp32_conv_run(long long plan, long long x, long long y, long long scratch, long long u0, long long u1) {
    const f32::ConvPlan& q = *(const f32::ConvPlan*)(intptr_t)plan;
    if (q.depthwise) {
        f32::conv_depthwise_run(q, f32::floats_at(x), f32::floats_at(y), u0, u1);
    } else {
        f32::conv_gemm_run(q, f32::floats_at(x), f32::floats_at(y), f32::floats_at(scratch), u0, u1);
    }
}

// Y[rows][n] = clamp(alpha * A[rows][k] x B + beta * bias, lo, hi); B [k][n], or [n][k] when trans_b;
// bias [n] or null.
struct FcPlan : f32::Plan {
    int k = 0, n = 0;
    float lo = 0, hi = 0;
    f32::PackedB b;
};

inline long long fp32_fc_create(int isa, int k, int n, const float* b, int trans_b, const float* bias, float alpha,
                                float beta, float lo, float hi) {
    FcPlan* p = new (std::nothrow) FcPlan();
    if (!p) return 0;
    p->isa = fp32_clamp_isa(isa);
    p->k = k; p->n = n; p->lo = lo; p->hi = hi;
    if (!p->b.pack(p->isa, b, trans_b != 0, k, n, bias, alpha, beta)) {
        delete p;
        return 0;
    }
    return (long long)(intptr_t)p;
}

inline void fp32_fc_run(long long plan, long long a, long long y, long long r0, long long r1) {
    const FcPlan& q = *(const FcPlan*)(intptr_t)plan;
    const float* in = f32::floats_at(a);
    float* out = f32::floats_at(y);
    const f32::Out o{out, q.n, 1, q.lo, q.hi};
    f32::gemm(q.isa, in + (size_t)r0 * q.k, q.k, (int)(r1 - r0), q.b, o, (int)r0);
}

// A chain of fully connected layers, each reading the one before (the delegate's partition: AD's ten
// layers), run in one call: the intermediates ping-pong between two halves of the scratch, one
// JNI crossing and one Java invocation instead of one per layer. The layer plans are borrowed: the
// Java kernels that made them free them after the chain.
struct ChainPlan : f32::Plan {
    std::vector<const FcPlan*> layers;
    int rows = 0;
    size_t half = 0;  // floats in each half: rows x the widest intermediate, rounded to 16 (64 bytes)
    size_t scratch_floats() const override { return 2 * half + 16; }
};

// plans: count fully connected plans, layer i's k equal to layer i-1's n; rows of every layer. Returns
// the chain, or 0 if the layers do not chain or memory ran out.
inline long long fp32_chain_create(const long long* plans, int count, int rows) {
    if (count < 1 || rows < 1) return 0;
    ChainPlan* c = new (std::nothrow) ChainPlan();
    if (!c) return 0;
    size_t widest = 0;
    for (int i = 0; i < count; i++) {
        const FcPlan* l = dynamic_cast<const FcPlan*>((const f32::Plan*)(intptr_t)plans[i]);
        if (l == nullptr || (i > 0 && l->k != c->layers.back()->n)) {
            delete c;
            return 0;
        }
        c->layers.push_back(l);
        if (i + 1 < count && (size_t)l->n > widest) widest = (size_t)l->n;
    }
    c->isa = c->layers[0]->isa;
    c->rows = rows;
    c->half = ((size_t)rows * widest + 15) / 16 * 16;
    return (long long)(intptr_t)c;
}

inline void fp32_chain_run(long long plan, long long x, long long y, long long scratch) {
    const ChainPlan& c = *(const ChainPlan*)(intptr_t)plan;
    float* s = (float*)(((size_t)(intptr_t)scratch + 63) & ~(size_t)63);  // scratch_floats() has 16 spare
    const float* in = f32::floats_at(x);
    const int last = (int)c.layers.size() - 1;
    for (int i = 0; i <= last; i++) {
        const FcPlan& q = *c.layers[i];
        float* out = i == last ? f32::floats_at(y) : s + (i % 2) * c.half;
        const f32::Out o{out, q.n, 1, q.lo, q.hi};
        f32::gemm(q.isa, in, q.k, c.rows, q.b, o, 0);
        in = out;
    }
}

// geom (19): n, c, h, w, kh, kw, stride_h, stride_w, dil_h, dil_w, pad_t, pad_l, pad_b, pad_r, oh, ow, nhwc,
// max, count_include_pad
inline long long fp32_pool_create(int isa, const int* geom) {
    f32::PoolPlan* p = new (std::nothrow) f32::PoolPlan();
    if (!p) return 0;
    p->isa = fp32_clamp_isa(isa);
    p->n = geom[0]; p->c = geom[1]; p->h = geom[2]; p->w = geom[3]; p->kh = geom[4]; p->kw = geom[5];
    p->stride_h = geom[6]; p->stride_w = geom[7]; p->dil_h = geom[8]; p->dil_w = geom[9];
    p->pad_t = geom[10]; p->pad_l = geom[11]; p->pad_b = geom[12]; p->pad_r = geom[13];
    p->oh = geom[14]; p->ow = geom[15]; p->nhwc = geom[16] != 0; p->max = geom[17] != 0; p->include_pad = geom[18] != 0;
    return (long long)(intptr_t)p;
}

inline void fp32_pool_run(long long plan, long long x, long long y) {
    f32::pool_run(*(const f32::PoolPlan*)(intptr_t)plan, f32::floats_at(x), f32::floats_at(y));
}

// dims: six output dimensions; sa / sb: six element strides of A and B (0 where they broadcast)
inline long long fp32_binary_create(int isa, const int* dims, const int* sa, const int* sb, int mul, float lo,
                                    float hi) {
    f32::BinaryPlan* p = new (std::nothrow) f32::BinaryPlan();
    if (!p) return 0;
    p->isa = fp32_clamp_isa(isa);
    for (int i = 0; i < 6; i++) {
        p->dims[i] = dims[i];
        p->sa[i] = sa[i];
        p->sb[i] = sb[i];
    }
    p->mul = mul != 0; p->lo = lo; p->hi = hi;
    return (long long)(intptr_t)p;
}

inline void fp32_binary_run(long long plan, long long a, long long b, long long y) {
    f32::binary_run(
        *(const f32::BinaryPlan*)(intptr_t)plan, f32::floats_at(a), f32::floats_at(b), f32::floats_at(y));
}

inline long long fp32_clamp_create(int isa, long long count, float lo, float hi) {
    f32::ClampPlan* p = new (std::nothrow) f32::ClampPlan();
    if (!p) return 0;
    p->isa = fp32_clamp_isa(isa);
    p->count = count; p->lo = lo; p->hi = hi;
    return (long long)(intptr_t)p;
}

inline void fp32_clamp_run(long long plan, long long x, long long y) {
    f32::clamp_run(*(const f32::ClampPlan*)(intptr_t)plan, f32::floats_at(x), f32::floats_at(y));
}

// The address of a direct buffer's byte at its position (JavaCPP's glue adds the position; 0 for
// null), valid while the buffer is reachable: what the run functions take.
inline long long fp32_buffer_address(signed char* bytes) { return (long long)(intptr_t)bytes; }

inline long long fp32_plan_scratch(long long plan) {
    return (long long)(((const f32::Plan*)(intptr_t)plan)->scratch_floats() * sizeof(float));
}

inline int fp32_plan_isa(long long plan) { return ((const f32::Plan*)(intptr_t)plan)->isa; }

inline void fp32_plan_free(long long plan) { delete (f32::Plan*)(intptr_t)plan; }
