// The int8 multiply-accumulate rate one core of this machine sustains: twelve independent vpdpbusd
// (512-bit) accumulator chains, no loads, timed in short bursts whose minimum is the figure (on a
// shared machine a long run mostly measures the other processes). On a CPU without AVX-512 VNNI the
// figure is AVX2's exact int8 route instead: vpmaddwd on int16-widened operands (16 multiply-adds)
// and a vpaddd into the accumulator, twelve chains (vpmaddubsw would be faster but saturates, so no
// exact kernel can use it). The benchmarks quote GOP/s against it as well as against the nominal
// per-core peak. Not part of the build:
//   g++ -O3 src/test/cpp/vnni_peak.cpp -o vnni_peak && ./vnni_peak
#include <immintrin.h>

#include <chrono>
#include <cstdio>

#define DPBUSD(acc) asm("vpdpbusd %2, %1, %0" : "+v"(acc) : "v"(a), "v"(w));

// iterations x 12 instructions x 64 multiply-accumulates; the sum keeps the chains alive
__attribute__((target("avx512f,avx512vnni"), noinline)) static long long burst(long iterations) {
    const __m512i a = _mm512_set1_epi32(0x01010101), w = _mm512_set1_epi32(0x02020202);
    __m512i c0 = a, c1 = a, c2 = a, c3 = a, c4 = a, c5 = a, c6 = a, c7 = a, c8 = a, c9 = a, c10 = a, c11 = a;
    for (long i = 0; i < iterations; i++) {
        DPBUSD(c0) DPBUSD(c1) DPBUSD(c2) DPBUSD(c3) DPBUSD(c4) DPBUSD(c5)
        DPBUSD(c6) DPBUSD(c7) DPBUSD(c8) DPBUSD(c9) DPBUSD(c10) DPBUSD(c11)
    }
    __m512i s = _mm512_add_epi32(_mm512_add_epi32(_mm512_add_epi32(c0, c1), _mm512_add_epi32(c2, c3)),
                                 _mm512_add_epi32(_mm512_add_epi32(c4, c5), _mm512_add_epi32(c6, c7)));
    s = _mm512_add_epi32(s, _mm512_add_epi32(_mm512_add_epi32(c8, c9), _mm512_add_epi32(c10, c11)));
    return _mm512_reduce_add_epi32(s);
}

#define MADD(acc) \
    asm("vpmaddwd %2, %1, %%ymm15\n\tvpaddd %%ymm15, %0, %0" : "+x"(acc) : "x"(a), "x"(w) : "xmm15");

// iterations x 12 (vpmaddwd + vpaddd) pairs x 16 multiply-accumulates
__attribute__((target("avx2"), noinline)) static long long burst_avx2(long iterations) {
    const __m256i a = _mm256_set1_epi32(0x00010001), w = _mm256_set1_epi32(0x00020002);
    __m256i c0 = a, c1 = a, c2 = a, c3 = a, c4 = a, c5 = a, c6 = a, c7 = a, c8 = a, c9 = a, c10 = a, c11 = a;
    for (long i = 0; i < iterations; i++) {
        MADD(c0) MADD(c1) MADD(c2) MADD(c3) MADD(c4) MADD(c5)
        MADD(c6) MADD(c7) MADD(c8) MADD(c9) MADD(c10) MADD(c11)
    }
    __m256i s = _mm256_add_epi32(_mm256_add_epi32(_mm256_add_epi32(c0, c1), _mm256_add_epi32(c2, c3)),
                                 _mm256_add_epi32(_mm256_add_epi32(c4, c5), _mm256_add_epi32(c6, c7)));
    s = _mm256_add_epi32(s, _mm256_add_epi32(_mm256_add_epi32(c8, c9), _mm256_add_epi32(c10, c11)));
    alignas(32) int lanes[8];
    _mm256_store_si256((__m256i*)lanes, s);
    long long total = 0;
    for (int lane : lanes) total += lane;
    return total;
}

template <typename F>
static double best_seconds(F burst, long iterations, long long* sum) {
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
    long long sum = 0;
    if (__builtin_cpu_supports("avx512vnni")) {
        const double best = best_seconds(burst, iterations, &sum);
        std::printf("%.1f GOP/s (2 per multiply-accumulate), %.2f vpdpbusd per ns (checksum %lld)\n",
                    iterations * 12.0 * 64 * 2 / best / 1e9, iterations * 12.0 / best / 1e9, sum);
    } else if (__builtin_cpu_supports("avx2")) {
        const double best = best_seconds(burst_avx2, iterations, &sum);
        std::printf("no AVX-512 VNNI; AVX2 vpmaddwd + vpaddd: %.1f GOP/s (2 per multiply-accumulate), "
                    "%.2f vpmaddwd per ns (checksum %lld)\n",
                    iterations * 12.0 * 16 * 2 / best / 1e9, iterations * 12.0 / best / 1e9, sum);
    } else {
        std::printf("neither AVX-512 VNNI nor AVX2 on this CPU\n");
        return 1;
    }
    return 0;
}
