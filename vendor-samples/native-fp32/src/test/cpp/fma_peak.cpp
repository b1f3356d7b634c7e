// The fp32 FMA rate one core of this machine sustains: twelve independent vfmadd231ps accumulator chains,
// no loads, at 256 and at 512 bits, timed in short bursts whose minimum is the figure (on a shared machine a
// long run mostly measures the other processes). The benchmarks quote kernel GFLOP/s against it as well as
// against the nominal per-core peak. Not part of the build:
//   g++ -O3 src/test/cpp/fma_peak.cpp -o fma_peak && ./fma_peak
#include <immintrin.h>

#include <chrono>
#include <cstdio>

#define FMA(acc) asm("vfmadd231ps %2, %1, %0" : "+v"(acc) : "v"(a), "v"(w));

// iterations x 12 instructions x lanes multiply-adds; the sum keeps the chains alive
template <typename V>
__attribute__((always_inline)) inline float chains(long iterations, V a, V w, V init) {
    V c0 = init, c1 = init, c2 = init, c3 = init, c4 = init, c5 = init;
    V c6 = init, c7 = init, c8 = init, c9 = init, c10 = init, c11 = init;
    for (long i = 0; i < iterations; i++) {
        FMA(c0) FMA(c1) FMA(c2) FMA(c3) FMA(c4) FMA(c5)
        FMA(c6) FMA(c7) FMA(c8) FMA(c9) FMA(c10) FMA(c11)
    }
    V s = ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11));
    return s[0];
}

__attribute__((target("avx2,fma"), noinline)) static float burst256(long iterations) {
    return chains<__m256>(iterations, _mm256_set1_ps(1.0f), _mm256_set1_ps(0.0f), _mm256_set1_ps(1.0f));
}

__attribute__((target("avx512f"), noinline)) static float burst512(long iterations) {
    return chains<__m512>(iterations, _mm512_set1_ps(1.0f), _mm512_set1_ps(0.0f), _mm512_set1_ps(1.0f));
}

template <typename F>
static double best_seconds(F burst, long iterations, float* sum) {
    double best = 1e9;
    for (int rep = 0; rep < 20000; rep++) {
        const auto t0 = std::chrono::steady_clock::now();
        *sum += burst(iterations);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (s < best) best = s;
    }
    return best;
}

int main() {
    const long iterations = 1000;
    float sum = 0;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        const double s = best_seconds(burst256, iterations, &sum);
        std::printf("256-bit: %.1f GFLOP/s (2 per multiply-add), %.2f vfmadd231ps per ns\n",
                    iterations * 12.0 * 8 * 2 / s / 1e9, iterations * 12.0 / s / 1e9);
    }
    if (__builtin_cpu_supports("avx512f")) {
        const double s = best_seconds(burst512, iterations, &sum);
        std::printf("512-bit: %.1f GFLOP/s (2 per multiply-add), %.2f vfmadd231ps per ns\n",
                    iterations * 12.0 * 16 * 2 / s / 1e9, iterations * 12.0 / s / 1e9);
    }
    std::printf("(checksum %g)\n", sum);
    return 0;
}
