// AD float's ten fully connected layers (640-128-128-128-128-8-128-128-128-128-640, batch 1) as the delegate's
// chain runs them (fp32_chain_run), timed in C++ without the JVM: minimum ns per run over many runs, single
// thread, random weights; each run streams the chain's 1 MB of packed weights (more than this core's 512 KB L2).
// Also prints a checksum of the output bits, so two versions of the headers can be compared for identical results.
//   g++ -O3 -std=c++17 -ffp-contract=off -fno-strict-aliasing -I src/main/cpp src/test/cpp/fc_chain_bench.cpp -o fc_chain_bench
//   ./fc_chain_bench avx2        # or portable, avx512 (capped at what the CPU runs); optional second argument: runs (default 20000)
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>
#include "fp32_kernels.h"

int main(int argc, char** argv) {
    const std::string path = argc > 1 ? argv[1] : "avx2";
    const int runs = argc > 2 ? atoi(argv[2]) : 20000;
    const int isa = path == "avx512" ? f32::ISA_AVX512 : path == "portable" ? f32::ISA_PORTABLE : f32::ISA_AVX2;
    const int dims[] = {640, 128, 128, 128, 128, 8, 128, 128, 128, 128, 640};
    srand(1);
    std::vector<long long> plans;
    for (int i = 0; i < 10; i++) {
        const int k = dims[i], n = dims[i + 1];
        std::vector<float> w((size_t)k * n), b(n);
        for (auto& v : w) v = (rand() % 2001 - 1000) / 8000.0f;
        for (auto& v : b) v = (rand() % 2001 - 1000) / 1000.0f;
        // AD's layers: Relu on all but the last (lo 0), TFLite [n][k] weights
        plans.push_back(fp32_fc_create(isa, k, n, w.data(), 1, b.data(), 1.0f, 1.0f, i == 9 ? -INFINITY : 0.0f,
                                       INFINITY));
    }
    const long long chain = fp32_chain_create(plans.data(), 10, 1);
    std::vector<float> x(640), y(640);
    std::vector<char> scratch(fp32_plan_scratch(chain) + 64);
    for (auto& v : x) v = (rand() % 2001 - 1000) / 1000.0f;
    auto addr = [](void* p) { return (long long)(intptr_t)p; };
    long long best = 1LL << 62;
    for (int r = 0; r < runs; r++) {
        const auto t0 = std::chrono::steady_clock::now();
        fp32_chain_run(chain, addr(x.data()), addr(y.data()), addr(scratch.data()));
        const auto t1 = std::chrono::steady_clock::now();
        const long long ns = std::chrono::duration_cast<std::chrono::nanoseconds>(t1 - t0).count();
        if (ns < best) best = ns;
    }
    uint64_t sum = 0;
    for (float v : y) {
        uint32_t u;
        std::memcpy(&u, &v, 4);
        sum = sum * 1000003u + u;
    }
    printf("path %s: chain min %lld ns over %d runs, output bits checksum %016llx\n", path.c_str(), best, runs,
           (unsigned long long)sum);
    fp32_plan_free(chain);
    for (long long p : plans) fp32_plan_free(p);
    return 0;
}
