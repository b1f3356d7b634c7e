// Split against whole calls of ResNet-8-like 3x3 convolutions (and one larger layer) through the pool of
// fp32_workers.h, without the JVM: p50 of 3000 calls each, every split call forced, and how many chunks and how
// much time per call the caller and the worker spent in chunks. When the two busy times add up to the split
// call's time, the two threads did not run side by side (the other core was taken), which is what a loaded
// machine shows (docs/benchmarks.md, "native-fp32 two threads").
//   g++ -O3 -std=c++17 -ffp-contract=off -fno-strict-aliasing -pthread -I src/main/cpp src/test/cpp/split_bench.cpp \
//       -o split_bench
//   ./split_bench
#include <chrono>
#include <cstdio>
#include <vector>
#include <algorithm>
#include <random>
#include "fp32_kernels.h"
using clk = std::chrono::steady_clock;
static std::atomic<long> taken[2];
static std::atomic<long> busy_ns[2];
// the job of fp32_conv_run_threads, its chunks counted and timed per thread
struct Wrap { const f32::ConvJob* j; };
static void wrapped(const void* ctx, int c, int slot) {
  auto t0 = clk::now();
  f32::conv_chunk(((const Wrap*)ctx)->j, c, slot);
  busy_ns[slot] += std::chrono::duration_cast<std::chrono::nanoseconds>(clk::now()-t0).count();
  taken[slot]++;
}
int main() {
  int shapes[][4] = {{64,64,32,32},{32,32,16,16},{16,16,32,32},{8,8,64,64}};
  auto* pool = new f32::WorkerPool(1);
  for (auto& s : shapes) {
    int h=s[0], w=s[1], c=s[2], m=s[3];
    int geom[17] = {1,h,w,c,m,3,3,1,1,1,1,1,1,h,w,1,0};
    std::vector<float> wt((size_t)m*9*c), b(m), x((size_t)h*w*c), y((size_t)h*w*m);
    std::mt19937 r(1); std::uniform_real_distribution<float> u(-1,1);
    for (auto& v: wt) v=u(r); for (auto& v: b) v=u(r); for (auto& v: x) v=u(r);
    long long plan = fp32_conv_create(2, geom, wt.data(), b.data(), -1e30f, 1e30f);
    std::vector<float> scratch(fp32_plan_scratch(plan)/4 + 64);
    f32::Split* sp = (f32::Split*)(intptr_t)fp32_split_create(plan, 1);
    const f32::ConvPlan& q = *(const f32::ConvPlan*)(intptr_t)plan;
    long long units = q.units();
    f32::ConvJob job{&q, x.data(), y.data(), scratch.data(), sp, units, f32::chunk_count(units, 2, 12, 4), 12};
    Wrap wr{&job};
    for (int mode=0; mode<2; mode++) {
      taken[0]=taken[1]=0; busy_ns[0]=busy_ns[1]=0;
      std::vector<double> t;
      for (int i=0;i<3000;i++) {
        auto t0=clk::now();
        if (mode==0) fp32_conv_run(plan, (long long)(intptr_t)x.data(), (long long)(intptr_t)y.data(), (long long)(intptr_t)scratch.data(), 0, units);
        else pool->run(f32::Job{wrapped, &wr, job.chunks});
        t.push_back(std::chrono::duration<double,std::micro>(clk::now()-t0).count());
      }
      std::sort(t.begin(), t.end());
      printf("%dx%dx%d->%d %s p50 %.2f us chunks caller %ld worker %ld busy/call caller %.1f worker %.1f us\n", h,w,c,m, mode?"split":"whole", t[t.size()/2], taken[0].load(), taken[1].load(), busy_ns[0]/3000e3, busy_ns[1]/3000e3);
    }
  }
  delete pool;
}
