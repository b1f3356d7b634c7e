// The int8 VNNI rate one core of this machine sustains: twelve independent vpdpbusd (512-bit)
// accumulator chains, no loads, timed in short bursts whose minimum is the figure (on a shared
// machine a long run mostly measures the other processes). The benchmarks quote GOP/s against it
// as well as against the nominal per-core peak. Not part of the build:
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

int main() {
    if (!__builtin_cpu_supports("avx512vnni")) {
        std::printf("no AVX-512 VNNI on this CPU\n");
        return 1;
    }
    const long iterations = 1000;
    double best = 1e9;
    long long sum = 0;
    for (int rep = 0; rep < 20000; rep++) {
        const auto t0 = std::chrono::steady_clock::now();
        sum += burst(iterations);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (s < best) best = s;
    }
    std::printf("%.1f GOP/s (2 per multiply-accumulate), %.2f vpdpbusd per ns (checksum %lld)\n",
                iterations * 12.0 * 64 * 2 / best / 1e9, iterations * 12.0 / best / 1e9, sum);
    return 0;
}
