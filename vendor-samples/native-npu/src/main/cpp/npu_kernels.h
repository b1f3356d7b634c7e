// The C API that NpuNative.java binds (JavaCPP generates the JNI glue and compiles it together with
// this header). Plans are returned as opaque 64-bit handles and freed with npu_plan_free.
//
// Dispatch: npu_best_isa() asks CPUID (via __builtin_cpu_supports, which also checks that the OS
// saves the wide registers) which SIMD path this CPU can run. Java picks the ISA for each plan
// (never above the best one), the plan stores it, and the run functions branch on it. Nothing
// outside functions marked NPU_AVX2 / NPU_AVX512 uses instructions beyond baseline x86-64.
#pragma once

#include <jni.h>

#include <atomic>

#include "npu_avx2.h"
#include "npu_avx2_gemm.h"
#include "npu_avx512.h"
#include "npu_portable.h"

inline int npu_best_isa() {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl")
        && __builtin_cpu_supports("avx512vnni")) {
        return npu::ISA_AVX512_VNNI;
    }
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return npu::ISA_AVX2;
    return npu::ISA_PORTABLE;
}

inline int npu_clamp_isa(int requested) {
    const int best = npu_best_isa();
    if (requested < npu::ISA_PORTABLE) return npu::ISA_PORTABLE;
    return requested > best ? best : requested;
}

namespace npu {

// Packs GEMM weights ([m][k] int8, rows of one output channel) for the plan's ISA and folds the
// input zero-point correction into the bias.
inline bool pack_gemm(ConvPlan& p, const int8_t* w) {
    int32_t* bias = p.rq.bias;
    for (int ch = 0; ch < p.m; ch++) {
        int32_t sum = 0;
        for (int k = 0; k < p.k; k++) sum = wrap_add(sum, w[(size_t)ch * p.k + k]);
        const int32_t input_shift = p.isa == ISA_AVX512_VNNI ? 128 + p.x_zero : p.x_zero;
        bias[ch] = wrap_sub(bias[ch], wrap_mul(input_shift, sum));
    }
    if (p.isa == ISA_AVX512_VNNI) {
        // [m_pad / 16][k_pad / 4][16 channels][4 bytes]: one 64-byte vector per block and step, so a
        // tile can combine any number of 16-channel blocks (one for 16-channel layers, many for GEMV)
        int8_t* dst = (int8_t*)alloc_zeroed((size_t)p.m_pad * p.k_pad);
        if (!dst) return false;
        const int steps = p.k_pad / 4;
        for (int ch = 0; ch < p.m; ch++) {
            for (int k = 0; k < p.k; k++) {
                // a direct conv pads each tap's channels to direct_c (zero weights in the gap)
                const int kk = p.direct() ? (k / p.c) * p.direct_c() + k % p.c : k;
                const size_t at = ((size_t)(ch / 16) * steps + kk / 4) * 64 + (ch % 16) * 4 + kk % 4;
                dst[at] = w[(size_t)ch * p.k + k];
            }
        }
        p.packed = dst;
    } else if (p.isa == ISA_AVX2) {
        if (!pack_gemm_avx2(p, w)) return false;  // int8, widened in the kernel (npu_avx2_gemm.h)
    } else {
        int8_t* dst = (int8_t*)alloc_zeroed((size_t)p.m * p.k_pad);
        if (!dst) return false;
        for (int ch = 0; ch < p.m; ch++) std::memcpy(dst + (size_t)ch * p.k_pad, w + (size_t)ch * p.k, p.k);
        p.rows = dst;
    }
    return true;
}

// Depthwise weights [m][kh][kw][1] -> [kh*kw][m_pad]: plain int32 and the vpmaddwd form.
inline bool pack_depthwise(ConvPlan& p, const int8_t* w) {
    const int taps = p.kh * p.kw;
    p.plain = (int32_t*)alloc_zeroed(sizeof(int32_t) * (size_t)taps * p.m_pad);
    int32_t* madd = (int32_t*)alloc_zeroed(sizeof(int32_t) * (size_t)taps * p.m_pad);
    if (!p.plain || !madd) {
        std::free(madd);
        return false;
    }
    for (int ch = 0; ch < p.m; ch++) {
        for (int t = 0; t < taps; t++) {
            const int8_t v = w[(size_t)ch * taps + t];
            p.plain[(size_t)t * p.m_pad + ch] = v;
            madd[(size_t)t * p.m_pad + ch] = (int32_t)(uint16_t)(int16_t)v;
        }
    }
    p.packed = madd;
    p.bias_interior = (int32_t*)alloc_zeroed(sizeof(int32_t) * (size_t)p.m_pad);
    if (!p.bias_interior) return false;
    for (int ch = 0; ch < p.m; ch++) {
        int32_t sum = 0;
        for (int t = 0; t < taps; t++) sum = wrap_add(sum, p.plain[(size_t)t * p.m_pad + ch]);
        p.bias_interior[ch] = wrap_sub(p.rq.bias[ch], wrap_mul(p.x_zero, sum));
    }
    return true;
}

// An 8-channel depthwise plan (multiplier 1) or an 8-output-channel GEMM conv on the VNNI path:
// copies channels 0-7's per-channel data (and, for the GEMM, block 0's weights) into channels 8-15,
// which are padding (m_pad is 32) that no store ever writes, so one 16-lane vector can hold two
// pixels (dw3_pairs8_512, vnni_pairs8). Every other path keeps masking lanes 8-15 off.
inline void mirror_eight_channels(ConvPlan& p) {
    const bool dw8 = p.isa == ISA_AVX512_VNNI && p.depthwise && p.depth_multiplier == 1 && p.c == 8;
    const bool gemm8 = p.isa == ISA_AVX512_VNNI && !p.depthwise && !p.direct() && p.m == 8;
    if (!(dw8 || gemm8) || p.m_pad < 16) return;
    Requant& rq = p.rq;
    const int taps = p.kh * p.kw;
    for (int ch = 8; ch < 16; ch++) {
        const int from = ch - 8;
        rq.bias[ch] = rq.bias[from];
        rq.mult[ch] = rq.mult[from];
        rq.lshift[ch] = rq.lshift[from];
        rq.rshift[ch] = rq.rshift[from];
        rq.round_mask[ch] = rq.round_mask[from];
        rq.round_half[ch] = rq.round_half[from];
        rq.round_add[Requant::block_order(ch)] = rq.round_add[Requant::block_order(from)];
        rq.round_neg[Requant::block_order(ch)] = rq.round_neg[Requant::block_order(from)];
        rq.round_shift[Requant::block_order(ch)] = rq.round_shift[Requant::block_order(from)];
        if (!dw8) continue;
        p.bias_interior[ch] = p.bias_interior[from];
        for (int t = 0; t < taps; t++) {
            p.plain[(size_t)t * p.m_pad + ch] = p.plain[(size_t)t * p.m_pad + from];
            ((int32_t*)p.packed)[(size_t)t * p.m_pad + ch] = ((int32_t*)p.packed)[(size_t)t * p.m_pad + from];
        }
    }
    for (int ch = 0; ch < 16; ch++) rq.mult_swapped[ch] = rq.mult[ch ^ 1];
    if (gemm8) {
        // block 0 of [m_pad / 16][k_pad / 4][16 channels][4 bytes]: lanes 8-15 of every step repeat lanes 0-7
        int8_t* w = (int8_t*)p.packed;
        for (int s = 0; s < p.k_pad / 4; s++) std::memcpy(w + (size_t)s * 64 + 32, w + (size_t)s * 64, 32);
        p.paired8 = true;
    } else {
        p.mirrored8 = true;
    }
}

// The first remaining byte of a direct buffer the Java side passed as a raw reference. Reads
// java.nio.Buffer's address and position fields (fast JNI field accessors, no VM transition)
// instead of GetDirectBufferAddress, whose instanceof check against the DirectBuffer interface was
// a fifth of a small fully connected call; falls back to the JNI functions if a JVM lacks the fields.
struct BufferFields {
    jfieldID address = nullptr;
    jfieldID position = nullptr;
    jmethodID position_method = nullptr;
};

inline BufferFields buffer_fields_of(JNIEnv* env) {
    BufferFields f;
    jclass buffer = env->FindClass("java/nio/Buffer");
    if (buffer == nullptr) {
        env->ExceptionClear();
        return f;
    }
    f.address = env->GetFieldID(buffer, "address", "J");
    if (f.address == nullptr) env->ExceptionClear();
    f.position = env->GetFieldID(buffer, "position", "I");
    if (f.position == nullptr) env->ExceptionClear();
    f.position_method = env->GetMethodID(buffer, "position", "()I");
    if (f.position_method == nullptr) env->ExceptionClear();
    env->DeleteLocalRef(buffer);
    return f;
}

inline int8_t* buffer_bytes(JNIEnv* env, jobject buffer) {
    if (buffer == nullptr) return nullptr;
    static const BufferFields fields = buffer_fields_of(env);  // thread-safe one-time initialisation
    char* base = fields.address != nullptr ? (char*)(intptr_t)env->GetLongField(buffer, fields.address)
                                           : (char*)env->GetDirectBufferAddress(buffer);
    const jint position = fields.position != nullptr ? env->GetIntField(buffer, fields.position)
                          : fields.position_method != nullptr ? env->CallIntMethod(buffer, fields.position_method)
                                                              : 0;
    return (int8_t*)(base + position);
}

}  // namespace npu

// geom: n, h, w, c, m, kh, kw, stride_h, stride_w, dil_h, dil_w, pad_t, pad_l, oh, ow, depthwise,
//       x_zero, y_zero, act_min, act_max. Weights: OHWI int8, [m][kh][kw][c] (depthwise: [m][kh][kw][1]).
// bias: int32 [m] or null; mult/shift: TFLite QuantizeMultiplier per output channel.
inline long long npu_conv_create(int isa, const int* geom, const signed char* weights, const int* bias,
                                 const int* mult, const int* shift) {
    npu::ConvPlan* p = new (std::nothrow) npu::ConvPlan();
    if (!p) return 0;
    p->isa = npu_clamp_isa(isa);
    p->n = geom[0]; p->h = geom[1]; p->w = geom[2]; p->c = geom[3]; p->m = geom[4];
    p->kh = geom[5]; p->kw = geom[6]; p->stride_h = geom[7]; p->stride_w = geom[8];
    p->dil_h = geom[9]; p->dil_w = geom[10]; p->pad_t = geom[11]; p->pad_l = geom[12];
    p->oh = geom[13]; p->ow = geom[14]; p->depthwise = geom[15] != 0; p->x_zero = geom[16];
    p->depth_multiplier = p->depthwise ? p->m / p->c : 1;
    p->k = p->depthwise ? p->kh * p->kw : p->kh * p->kw * p->c;
    p->k_pad = p->direct() ? p->kh * p->kw * p->direct_c() : (int)npu::round_up((size_t)p->k, 4);
    p->m_pad = (int)npu::round_up((size_t)p->m, 32);
    bool ok = p->rq.init(p->m, p->m_pad, (const int32_t*)bias, (const int32_t*)mult, (const int32_t*)shift);
    p->rq.set_activation(geom[17], geom[18], geom[19]);
    if (ok) ok = p->depthwise ? npu::pack_depthwise(*p, (const int8_t*)weights) : npu::pack_gemm(*p, (const int8_t*)weights);
    if (ok) npu::mirror_eight_channels(*p);
    // every plan's VNNI tiles that requantize through RequantBlock512 (GEMM tiles of three rows or more, the
    // direct conv, the 3-wide depthwise) add the zero point inside the rounding shift where it fits
    if (ok) ok = p->rq.fold_zero(p->m_pad);
    if (!ok) {
        delete p;
        return 0;
    }
    return (long long)(intptr_t)p;
}

namespace npu {

// Native entries into the run functions (the per-node ones and npu_graph_run) since the library
// loaded: the test proving one JNI crossing per partition invocation reads it. A relaxed atomic
// increment, a few nanoseconds per call.
inline std::atomic<long long>& jni_run_calls() {
    static std::atomic<long long> calls{0};
    return calls;
}

inline void count_jni_run() { jni_run_calls().fetch_add(1, std::memory_order_relaxed); }

// A GEMM conv's output pixels [first, end) on the code path its ISA selects, out pointing at pixel
// first's output; scratch is 64-byte aligned.
inline void conv_gemm_range(const ConvPlan& p, const int8_t* in, int8_t* out, uint8_t* s, int first, int end) {
    if (p.direct()) {
        conv_direct_avx512(p, in, out, s, first, end);
    } else if (p.isa == ISA_AVX512_VNNI) {
        conv_gemm_avx512(p, in, out, s, first, end);
    } else if (p.isa == ISA_AVX2) {
        conv_gemm_avx2(p, in, out, s, first, end);
    } else {
        conv_gemm_portable(p, in, out, s, first, end);
    }
}

// A depthwise conv's output rows [r0, r1) of the n * oh (row b * oh + oy is image b's row oy) on the
// code path its ISA selects; out is the whole output, scratch 64-byte aligned.
inline void conv_depthwise_rows(const ConvPlan& p, const int8_t* in, int8_t* out, uint8_t* s, int r0, int r1) {
    if (p.depthwise_padded()) {
        conv_depthwise_padded_avx512(p, in, out, s, r0, r1);
    } else if (p.depth_multiplier == 1 && p.isa == ISA_AVX512_VNNI) {
        conv_depthwise_avx512(p, in, out, r0, r1);
    } else if (p.depth_multiplier == 1 && p.isa == ISA_AVX2) {
        conv_depthwise_avx2(p, in, out, r0, r1);
    } else {
        conv_depthwise_portable(p, in, out, r0, r1);
    }
}

// Runs a conv plan on the code path its ISA selects; scratch is 64-byte aligned.
inline void conv_run(const ConvPlan& p, const int8_t* in, int8_t* out, uint8_t* s) {
    if (p.depthwise) {
        conv_depthwise_rows(p, in, out, s, 0, p.n * p.oh);
    } else {
        conv_gemm_range(p, in, out, s, 0, p.n * p.oh * p.ow);
    }
}

// Pooling: AveragePool vectorised on AVX-512 and AVX2, MaxPool and the portable path portable.
inline void pool_run(const PoolPlan& p, const int8_t* x, int8_t* y) {
    if (p.isa == ISA_AVX512_VNNI && p.average) {
        pool_average_avx512(p, x, y);
    } else if (p.isa == ISA_AVX2 && p.average) {
        pool_average_avx2(p, x, y);
    } else {
        pool_run_portable(p, x, y);
    }
}

inline void add_run(const AddPlan& p, const int8_t* a, const int8_t* b, int8_t* y) {
    if (p.isa == ISA_AVX512_VNNI) {
        add_run_avx512(p, a, b, y);
    } else if (p.isa == ISA_AVX2) {
        add_run_avx2(p, a, b, y);
    } else {
        add_run_portable(p, a, b, y);
    }
}

}  // namespace npu

// The run functions take the JNI environment and class first (@Raw(withEnv = true) in NpuNative).
inline void npu_conv_run(JNIEnv* env, jclass, long long plan, jobject x, jobject y, jobject scratch) {
    npu::count_jni_run();
    const npu::ConvPlan& p = *(const npu::ConvPlan*)(intptr_t)plan;
    const int8_t* in = npu::buffer_bytes(env, x);
    int8_t* out = npu::buffer_bytes(env, y);
    uint8_t* s = (uint8_t*)npu::round_up((size_t)(intptr_t)npu::buffer_bytes(env, scratch), 64);  // scratch_bytes() has 64 spare bytes
    npu::conv_run(p, in, out, s);
}

// dims/stride_a/stride_b: six entries each (element strides, 0 where an input broadcasts).
// params: off_a, off_b, off_y, left_shift, mult_a, shift_a, mult_b, shift_b, mult_y, shift_y, act_min, act_max.
inline long long npu_add_create(int isa, const int* dims, const int* stride_a, const int* stride_b, const int* params) {
    npu::AddPlan* p = new (std::nothrow) npu::AddPlan();
    if (!p) return 0;
    p->isa = npu_clamp_isa(isa);
    for (int i = 0; i < 6; i++) {
        p->dims[i] = dims[i];
        p->stride_a[i] = stride_a[i];
        p->stride_b[i] = stride_b[i];
    }
    p->off_a = params[0]; p->off_b = params[1]; p->off_y = params[2]; p->left_shift = params[3];
    p->mult_a = params[4]; p->shift_a = params[5]; p->mult_b = params[6]; p->shift_b = params[7];
    p->mult_y = params[8]; p->shift_y = params[9]; p->act_min = params[10]; p->act_max = params[11];
    npu::add_collapse(*p);
    // the vector paths' linear form (AVX-512: add_row_512, AVX2: add_row_256), checked on every input pair
    if (p->isa == npu::ISA_AVX512_VNNI || p->isa == npu::ISA_AVX2) npu::add_linear_prepare(*p);
    return (long long)(intptr_t)p;
}

inline void npu_add_run(JNIEnv* env, jclass, long long plan, jobject a_buffer, jobject b_buffer, jobject y_buffer) {
    npu::count_jni_run();
    const npu::AddPlan& p = *(const npu::AddPlan*)(intptr_t)plan;
    npu::add_run(p, npu::buffer_bytes(env, a_buffer), npu::buffer_bytes(env, b_buffer), npu::buffer_bytes(env, y_buffer));
}

// geom: average, n, h, w, c, kh, kw, stride_h, stride_w, pad_t, pad_l, oh, ow, act_min, act_max, isa.
inline long long npu_pool_create(const int* g) {
    npu::PoolPlan* p = new (std::nothrow) npu::PoolPlan();
    if (!p) return 0;
    p->isa = npu_clamp_isa(g[15]);
    p->average = g[0] != 0; p->n = g[1]; p->h = g[2]; p->w = g[3]; p->c = g[4]; p->kh = g[5]; p->kw = g[6];
    p->stride_h = g[7]; p->stride_w = g[8]; p->pad_t = g[9]; p->pad_l = g[10]; p->oh = g[11]; p->ow = g[12];
    p->act_min = g[13]; p->act_max = g[14];
    return (long long)(intptr_t)p;
}

inline void npu_pool_run(JNIEnv* env, jclass, long long plan, jobject x, jobject y) {
    npu::count_jni_run();
    npu::pool_run(*(const npu::PoolPlan*)(intptr_t)plan, npu::buffer_bytes(env, x), npu::buffer_bytes(env, y));
}

// in/out/begin: six entries each (right-aligned dimensions); value: the fill byte.
inline long long npu_pad_create(const int* in, const int* out, const int* begin, int value) {
    npu::PadPlan* p = new (std::nothrow) npu::PadPlan();
    if (!p) return 0;
    for (int d = 0; d < 6; d++) {
        p->in[d] = in[d];
        p->out[d] = out[d];
        p->begin[d] = begin[d];
    }
    p->value = (int8_t)value;
    npu::pad_collapse(*p);
    return (long long)(intptr_t)p;
}

inline void npu_pad_run(JNIEnv* env, jclass, long long plan, jobject x, jobject y) {
    npu::count_jni_run();
    npu::pad_run(*(const npu::PadPlan*)(intptr_t)plan, npu::buffer_bytes(env, x), npu::buffer_bytes(env, y));
}

inline long long npu_softmax_create(int rows, int depth, int beta_mult, int beta_lshift, int diff_min) {
    npu::SoftmaxPlan* p = new (std::nothrow) npu::SoftmaxPlan();
    if (!p) return 0;
    p->rows = rows; p->depth = depth; p->beta_mult = beta_mult; p->beta_lshift = beta_lshift; p->diff_min = diff_min;
    return (long long)(intptr_t)p;
}

inline void npu_softmax_run(JNIEnv* env, jclass, long long plan, jobject x, jobject y) {
    npu::count_jni_run();
    npu::softmax_run(*(const npu::SoftmaxPlan*)(intptr_t)plan, npu::buffer_bytes(env, x), npu::buffer_bytes(env, y));
}

// dims: the input's rank dimensions; reduced: 1 where the dimension is averaged. shift: the total
// shift of the multiplier folded with 1/count (|shift| <= 31, checked in Java). Returns 0 on bad arguments.
inline long long npu_mean_create(int rank, const int* dims, const int* reduced, int zp_in_times_count, int mult,
                                 int shift, int zp_out) {
    if (rank < 0 || rank > 6 || shift > 31 || shift < -31) return 0;
    npu::MeanPlan* p = new (std::nothrow) npu::MeanPlan();
    if (!p) return 0;
    long long in_count = 1, out_count = 1;
    bool empty_reduction = false;
    int kind[6];
    for (int d = 0; d < rank; d++) {
        in_count *= dims[d];
        if (reduced[d]) empty_reduction |= dims[d] == 0;
        else out_count *= dims[d];
        if (dims[d] == 1) continue;  // size 1: no loop, reduced or kept
        const int k = reduced[d] ? 1 : 0;
        if (p->rank > 0 && kind[p->rank - 1] == k) {
            p->dims[p->rank - 1] *= dims[d];
        } else {
            kind[p->rank] = k;
            p->dims[p->rank++] = dims[d];
        }
    }
    if (p->rank == 0) {
        kind[0] = 0;
        p->dims[0] = 1;
        p->rank = 1;
    }
    long long stride = 1;
    for (int d = p->rank - 1; d >= 0; d--) {
        p->out_stride[d] = kind[d] ? 0 : stride;
        if (!kind[d]) stride *= p->dims[d];
    }
    p->in_count = in_count;
    p->out_count = out_count;
    p->empty_reduction = empty_reduction;
    p->zp_in_times_count = zp_in_times_count;
    p->mult = mult;
    p->lshift = shift > 0 ? shift : 0;
    p->rshift = shift > 0 ? 0 : -shift;
    p->zp_out = zp_out;
    return (long long)(intptr_t)p;
}

inline void npu_mean_run(JNIEnv* env, jclass, long long plan, jobject x, jobject y, jobject scratch) {
    npu::count_jni_run();
    int32_t* acc = (int32_t*)npu::round_up((size_t)(intptr_t)npu::buffer_bytes(env, scratch), 64);
    npu::mean_run(*(const npu::MeanPlan*)(intptr_t)plan, npu::buffer_bytes(env, x), npu::buffer_bytes(env, y), acc);
}

// out_dims: the output's rank dimensions; in_stride: per output dimension the input stride (elements)
// of the input dimension it comes from. Returns 0 on bad arguments.
inline long long npu_transpose_create(int rank, const int* out_dims, const long long* in_stride) {
    if (rank < 0 || rank > 6) return 0;
    npu::TransposePlan* p = new (std::nothrow) npu::TransposePlan();
    if (!p) return 0;
    long long out_stride[6];
    long long count = 1;
    for (int d = rank - 1; d >= 0; d--) {
        out_stride[d] = count;
        count *= out_dims[d];
    }
    p->count = count;
    for (int d = 0; d < rank; d++) {
        if (out_dims[d] == 1) continue;
        const int r = p->rank;
        if (r > 0 && p->in_stride[r - 1] == in_stride[d] * out_dims[d]) {  // consecutive in both: merge
            p->dims[r - 1] *= out_dims[d];
            p->in_stride[r - 1] = in_stride[d];
            p->out_stride[r - 1] = out_stride[d];
        } else {
            p->dims[r] = out_dims[d];
            p->in_stride[r] = in_stride[d];
            p->out_stride[r] = out_stride[d];
            p->rank++;
        }
    }
    if (p->rank == 0) {
        p->rank = 1;
        p->dims[0] = 1;
        p->in_stride[0] = 1;
        p->out_stride[0] = 1;
    }
    const int last = p->rank - 1;
    if (p->dims[last] < 16) {  // a short output row: loop innermost over the dimension the input has contiguous
        for (int d = 0; d < last; d++) {
            if (p->in_stride[d] == 1) {
                std::swap(p->dims[d], p->dims[last]);
                std::swap(p->in_stride[d], p->in_stride[last]);
                std::swap(p->out_stride[d], p->out_stride[last]);
                break;
            }
        }
    }
    return (long long)(intptr_t)p;
}

inline void npu_transpose_run(JNIEnv* env, jclass, long long plan, jobject x, jobject y) {
    npu::count_jni_run();
    npu::transpose_run(*(const npu::TransposePlan*)(intptr_t)plan, npu::buffer_bytes(env, x), npu::buffer_bytes(env, y));
}

inline int npu_plan_isa(long long plan) {
    const npu::Plan* base = (const npu::Plan*)(intptr_t)plan;
    if (const npu::ConvPlan* c = dynamic_cast<const npu::ConvPlan*>(base)) return c->isa;
    if (const npu::AddPlan* a = dynamic_cast<const npu::AddPlan*>(base)) return a->isa;
    return npu::ISA_PORTABLE;
}

inline long long npu_plan_scratch(long long plan) {
    return (long long)((const npu::Plan*)(intptr_t)plan)->scratch_bytes();
}

inline void npu_plan_free(long long plan) {
    delete (npu::Plan*)(intptr_t)plan;
}
