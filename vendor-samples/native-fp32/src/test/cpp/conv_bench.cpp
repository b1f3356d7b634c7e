// Convolution kernels of the float models, timed in C++ without the JVM: best of 40 rounds of 20 calls per layer,
// single thread, AVX-512 path, random data; then KWS's hybrid (int8-weight) convolutions and mnist-8's NCHW pools.
// GFLOP/s are quoted against the nominal 249 and against the 118 that src/test/cpp/fma_peak.cpp measures
// on this core (512-bit FMAs issue at one per cycle on it). JMH on a machine shared with other builds counts descheduled time;
// the best round of short calls mostly does not. Build against any version of the headers to compare versions:
//   g++ -O3 -std=c++17 -ffp-contract=off -fno-strict-aliasing -I src/main/cpp src/test/cpp/conv_bench.cpp -o conv_bench
#include <chrono>
#include <cmath>
#include <cstdio>
#include <vector>
#include <functional>
#include <string>
#include "fp32_conv.h"
#include "fp32_pool.h"
using namespace f32;
static double best_us(const std::function<void()>& f, int reps) {
    double best = 1e9;
    for (int r = 0; r < 40; r++) {
        auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < reps; i++) f();
        auto t1 = std::chrono::steady_clock::now();
        double us = std::chrono::duration<double, std::micro>(t1 - t0).count() / reps;
        if (us < best) best = us;
    }
    return best;
}
// argv[1]: the code path, avx512 (default), avx2 or portable
int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : "avx512";
  const int isa = path == "avx2" ? ISA_AVX2 : path == "portable" ? ISA_PORTABLE : ISA_AVX512;
  printf("path %s\n", path.c_str());
  // nhwc h w c m k stride pad depthwise (pad -1: TFLite SAME at stride 2, 0 before and 1 after)
  int cfgs[][9] = {{1,96,96,3,8,3,2,-1,0},{1,48,48,8,8,3,1,1,1},{1,32,32,3,16,3,1,1,0},{1,32,32,16,16,3,1,1,0},{1,16,16,32,32,3,1,1,0},{1,8,8,64,64,3,1,1,0},{1,25,5,64,64,3,1,1,1},{0,28,28,1,8,5,1,2,0},{0,14,14,8,16,5,1,2,0},{1,24,24,32,32,1,1,0,0}};
  const char* names[] = {"vww-stem-3x3s2-96x96x3-8","vww-dw3x3-48x48x8","resnet-3x3-32x32x3-16","resnet-3x3-32x32x16-16","resnet-3x3-16x16x32-32","resnet-3x3-8x8x64-64","kws-dw3x3-25x5x64","mnist-5x5-28x28x1-8-nchw","mnist-5x5-14x14x8-16-nchw","vww-pw-24x24x32-32"};
  int i = 0;
  for (auto& c : cfgs) {
    ConvPlan q; q.isa = isa; q.n=1; q.nhwc=c[0]; q.h=c[1]; q.w=c[2]; q.c=c[3]; q.m=c[4]; q.kh=q.kw=c[5]; q.stride_h=q.stride_w=c[6]; q.depthwise=c[8];
    if (c[7] < 0) { q.pad_t=q.pad_l=0; q.oh=(q.h+1)/2; q.ow=(q.w+1)/2; } else { q.pad_t=q.pad_l=c[7]; q.oh=(q.h+2*c[7]-c[5])/c[6]+1; q.ow=(q.w+2*c[7]-c[5])/c[6]+1; }
    q.lo=0; q.hi=INFINITY; q.k=q.kh*q.kw*q.c;
    int cg = q.depthwise ? 1 : q.c;
    std::vector<float> w((size_t)q.m*q.kh*q.kw*cg), b(q.m), x((size_t)q.h*q.w*q.c+64), y((size_t)q.oh*q.ow*q.m), col(q.scratch_floats()+16);
    srand(1); for (auto& v : w) v = (rand()%100)/50.0f-1; for (auto& v : x) v = (rand()%100)/50.0f-1;
    conv_pack(q, w.data(), b.data());
    double us = best_us([&]{ if (q.depthwise) conv_depthwise_run(q, x.data(), y.data(), 0, q.oh); else conv_gemm_run(q, x.data(), y.data(), col.data(), 0, (long long)q.oh*q.ow); }, 20);
    double flop = 2.0*q.oh*q.ow*q.m*q.kh*q.kw*cg;
    // 249 GFLOP/s: the fp32 FMA peak per core the issue gives for this machine; 118: fma_peak's measurement
    printf("%-28s %8.2f us %7.1f GFLOP/s %5.0f %% of 249 %5.0f %% of 118\n", names[i++], us, flop / us / 1e3,
           flop / us / 1e3 / 249 * 100, flop / us / 1e3 / 118 * 100);
  }
  // KWS's hybrid convolutions (NHWC, per-channel int8 weights, the image quantized per call): h w c m kh kw stride
  // pad_t pad_l; GOP/s count a multiply-add as two operations whatever the arithmetic
  int hyb[][9] = {{49,10,1,64,10,4,2,4,1},{25,5,64,64,1,1,1,0,0}};
  const char* hnames[] = {"kws-hybrid-stem-10x4s2","kws-hybrid-pw-25x5x64-64"};
  for (int h = 0; h < 2; h++) {
    const int* c = hyb[h];
    ConvPlan q; q.isa = isa; q.n=1; q.nhwc=true; q.h=c[0]; q.w=c[1]; q.c=c[2]; q.m=c[3]; q.kh=c[4]; q.kw=c[5];
    q.stride_h=q.stride_w=c[6]; q.pad_t=c[7]; q.pad_l=c[8]; q.oh=(q.h+q.stride_h-1)/q.stride_h; q.ow=(q.w+q.stride_w-1)/q.stride_w;
    q.lo=0; q.hi=INFINITY; q.k=q.kh*q.kw*q.c; q.hybrid=2;
    std::vector<float> w((size_t)q.m*q.k), b(q.m), s(q.m), x((size_t)q.h*q.w*q.c+64), y((size_t)q.oh*q.ow*q.m);
    srand(2); for (auto& v : w) v = (float)(rand()%255-127); for (auto& v : s) v = (1+rand()%100)/1000.0f;
    for (auto& v : x) v = (rand()%100)/25.0f-1;
    conv_pack(q, w.data(), b.data(), s.data());
    std::vector<float> col(q.scratch_floats()+16);
    double us = best_us([&]{ conv_gemm_run(q, x.data(), y.data(), col.data(), 0, (long long)q.oh*q.ow); }, 20);
    double ops = 2.0*q.oh*q.ow*q.m*q.k;
    printf("%-28s %8.2f us %7.1f GOP/s\n", hnames[h], us, ops / us / 1e3);
  }
  // mnist-8's max pools (NCHW): c h w k stride
  int pools[][5] = {{8,28,28,2,2},{16,14,14,3,3}};
  const char* pnames[] = {"mnist-maxpool-2x2s2-8x28x28","mnist-maxpool-3x3s3-16x14x14"};
  for (int p = 0; p < 2; p++) {
    const int* c = pools[p];
    PoolPlan q; q.isa = isa; q.n=1; q.c=c[0]; q.h=c[1]; q.w=c[2]; q.kh=q.kw=c[3]; q.stride_h=q.stride_w=c[4];
    q.oh=(q.h-q.kh)/q.stride_h+1; q.ow=(q.w-q.kw)/q.stride_w+1; q.nhwc=false; q.max=true;
    std::vector<float> x((size_t)q.c*q.h*q.w), y((size_t)q.c*q.oh*q.ow);
    for (auto& v : x) v = (rand()%100)/50.0f-1;
    printf("%-28s %8.2f us\n", pnames[p], best_us([&]{ pool_run(q, x.data(), y.data()); }, 20));
  }
  // KWS's global average pool (NHWC, 25 x 5 window over 64 channels)
  {
    PoolPlan q; q.isa = isa; q.n=1; q.c=64; q.h=25; q.w=5; q.kh=25; q.kw=5; q.oh=q.ow=1; q.nhwc=true; q.max=false;
    std::vector<float> x((size_t)q.c*q.h*q.w), y(q.c);
    for (auto& v : x) v = (rand()%100)/50.0f-1;
    printf("%-28s %8.2f us\n", "kws-avgpool-25x5x64-nhwc", best_us([&]{ pool_run(q, x.data(), y.data()); }, 20));
  }
}
