// Shared pieces of the fp32 kernels: code paths, aligned native memory, the fused clamp.
// Nothing here uses instructions beyond baseline x86-64; only functions marked F32_AVX2 / F32_AVX512
// do, and they are called only on a CPU that runs them (fp32_best_isa in fp32_kernels.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#define F32_AVX2 __attribute__((target("avx2,fma")))
#define F32_AVX512 __attribute__((target("avx512f,avx512vl,avx512dq,avx2,fma")))

namespace f32 {

enum Isa { ISA_PORTABLE = 0, ISA_AVX2 = 1, ISA_AVX512 = 2 };

inline size_t round_up(size_t v, size_t m) { return (v + m - 1) / m * m; }

// 64-byte aligned, zero-filled native memory (zeros matter: packed panels are padded with them).
inline float* alloc_floats(size_t count) {
    const size_t size = round_up(count == 0 ? 16 : count * sizeof(float), 64);
    void* p = std::aligned_alloc(64, size);
    if (p != nullptr) std::memset(p, 0, size);
    return (float*)p;
}

// The fused activation's clamp. NaN passes through, as through ONNX Relu / Clip: the comparisons are
// false for NaN, so it is returned unchanged.
inline float clamp(float v, float lo, float hi) {
    v = v < lo ? lo : v;
    return v > hi ? hi : v;
}

struct Plan {
    virtual ~Plan() {}
    virtual size_t scratch_floats() const { return 0; }
    int isa = ISA_PORTABLE;
};

}  // namespace f32
