// A small driver for counting instructions and timing one int8 kernel outside the JVM, where
// callgrind (AVX2 and portable paths only: valgrind has no AVX-512) and a steady clock see just the
// kernel. Not part of the build; compile it against the plugin's headers:
//   g++ -O3 -std=c++17 -I src/main/cpp -I $JAVA_HOME/include -I $JAVA_HOME/include/linux
//       src/test/cpp/kernel_driver.cpp -o kernel_driver
//   ./kernel_driver <layer> <isa 0|1|2> <runs>      (prints the minimum ns per run and a checksum)
//   valgrind --tool=callgrind ./kernel_driver <layer> 1 100
// Layers: mnv2-blocks (MobileNetV2's 16 inverted-residual blocks with an expansion, each run layer by layer and band
// by band (npu_block.h) for band budgets of 16-512 KiB, timed one by one; BUDGETS=<KiB,...> picks others),
// mnv2-layers (every conv of MobileNetV2 int8, timed one by one and summed by kind), pw-mnv2-HxC-M (MobileNetV2's pointwise layers, HxH input, C -> M channels), dw-kws (KWS's 3x3 depthwise, 25x5x64), dw-mnv2 (MobileNetV2's first depthwise 112x112x32),
// dw-mnv2-s2 (112x112x96, stride 2), dw-mnv2-576 (14x14x576), dw-vww (24x24x32), dw-vww-8 (48x48x8), dw-vww-s2 (48x48x16,
// stride 2), pw-vww (VWW's pointwise 48x48x8 -> 16), dw-odd / dw-odd-s2 (13x11x40: a masked tail block, partial pixel groups),
// conv-resnet (ResNet-8's 3x3 32x32x16 -> 16), conv-resnet-s2 (32x32x16 -> 32, stride 2), conv-resnet-32
// (16x16x32 -> 32), conv-resnet-s2b (16x16x32 -> 64, stride 2), conv-resnet-64 (8x8x64 -> 64),
// conv-3x3-28x28x128 (128 -> 128), conv-3x3-odd (13x11x20 -> 40: partial tiles, an odd block),
// conv-resnet-stem (32x32x3 -> 16), conv-mnv2-stem (224x224x3 -> 32, stride 2), conv-vww-stem (96x96x3 -> 8, stride 2),
// pw-resnet-s2 / pw-resnet-s2b (ResNet-8's 1x1 stride-2 shortcuts 32x32x16 -> 32, 16x16x32 -> 64),
// add-resnet (ResNet-8's residual Add, 16384 elements, N=<elements> for others), add-resnet-model (the same with
// ADD_3's constants; the AVX-512 and AVX2 paths prepare the linear form unless NO_LINEAR is set), pool-resnet (the global
// AveragePool 8x8x64),
// fc-640-128, fc-128-128, fc-128-8, fc-8-128, fc-128-640
// (ad01's batch-1 fully connected layers, as 1x1 convolutions of one pixel), fc-192-128 and fc-2048-128
// (24 KB of weights that stay in L1 and 256 KB that stream from L2: the two bandwidths), ad-stack (all ten of
// them back to back, 264 KB of weights: the whole of ad01 int8's work).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "npu_block.h"
#include "npu_kernels.h"

namespace {

struct Layer {
    int h, w, c, m, k, stride;
    bool depthwise;
};

bool layer_of(const std::string& name, Layer& l) {
    if (name == "dw-kws") l = {25, 5, 64, 64, 3, 1, true};
    else if (name == "dw-mnv2") l = {112, 112, 32, 32, 3, 1, true};
    else if (name == "dw-mnv2-s2") l = {112, 112, 96, 96, 3, 2, true};
    else if (name == "dw-mnv2-576") l = {14, 14, 576, 576, 3, 1, true};
    else if (name == "dw-vww") l = {24, 24, 32, 32, 3, 1, true};
    else if (name == "dw-vww-8") l = {48, 48, 8, 8, 3, 1, true};
    else if (name == "dw-vww-s2") l = {48, 48, 16, 16, 3, 2, true};
    else if (name == "dw-odd") l = {13, 11, 40, 40, 3, 1, true};
    else if (name == "dw-odd-s2") l = {13, 11, 40, 40, 3, 2, true};
    else if (name == "pw-kws") l = {25, 5, 64, 64, 1, 1, false};
    else if (name == "pw-mnv2-112x16-96") l = {112, 112, 16, 96, 1, 1, false};
    else if (name == "pw-mnv2-112x32-16") l = {112, 112, 32, 16, 1, 1, false};
    else if (name == "pw-mnv2-56x24-144") l = {56, 56, 24, 144, 1, 1, false};
    else if (name == "pw-mnv2-56x144-24") l = {56, 56, 144, 24, 1, 1, false};
    else if (name == "pw-mnv2-14x64-384") l = {14, 14, 64, 384, 1, 1, false};
    else if (name == "pw-mnv2-14x384-64") l = {14, 14, 384, 64, 1, 1, false};
    else if (name == "pw-mnv2-7x320-1280") l = {7, 7, 320, 1280, 1, 1, false};
    else if (name == "pw-vww") l = {48, 48, 8, 16, 1, 1, false};
    else if (name == "conv-resnet") l = {32, 32, 16, 16, 3, 1, false};
    else if (name == "conv-resnet-s2") l = {32, 32, 16, 32, 3, 2, false};
    else if (name == "conv-resnet-32") l = {16, 16, 32, 32, 3, 1, false};
    else if (name == "conv-resnet-s2b") l = {16, 16, 32, 64, 3, 2, false};
    else if (name == "conv-resnet-64") l = {8, 8, 64, 64, 3, 1, false};
    else if (name == "pw-resnet-s2") l = {32, 32, 16, 32, 1, 2, false};
    else if (name == "pw-resnet-s2b") l = {16, 16, 32, 64, 1, 2, false};
    else if (name == "conv-3x3-28x28x128") l = {28, 28, 128, 128, 3, 1, false};
    else if (name == "conv-3x3-odd") l = {13, 11, 20, 40, 3, 1, false};
    else if (name == "conv-resnet-stem") l = {32, 32, 3, 16, 3, 1, false};
    else if (name == "conv-mnv2-stem") l = {224, 224, 3, 32, 3, 2, false};
    else if (name == "conv-vww-stem") l = {96, 96, 3, 8, 3, 2, false};
    else if (name == "fc-640-128") l = {1, 1, 640, 128, 1, 1, false};
    else if (name == "fc-192-128") l = {1, 1, 192, 128, 1, 1, false};
    else if (name == "fc-2048-128") l = {1, 1, 2048, 128, 1, 1, false};
    else if (name == "fc-128-128") l = {1, 1, 128, 128, 1, 1, false};
    else if (name == "fc-128-8") l = {1, 1, 128, 8, 1, 1, false};
    else if (name == "fc-8-128") l = {1, 1, 8, 128, 1, 1, false};
    else if (name == "fc-128-640") l = {1, 1, 128, 640, 1, 1, false};
    else return false;
    return true;
}

// One conv layer with the driver's random data: a plan, its scratch, input and output.
struct TimedLayer {
    npu::ConvPlan* plan = nullptr;
    void* scratch = nullptr;
    std::vector<int8_t> x, y;
};

bool make_layer(const Layer& l, int isa, std::mt19937& rng, TimedLayer& t) {
    std::uniform_int_distribution<int> byte(-128, 127);
    const int pad = l.k / 2;
    const int oh = (l.h + 2 * pad - l.k) / l.stride + 1, ow = (l.w + 2 * pad - l.k) / l.stride + 1;
    const int cg = l.depthwise ? 1 : l.c;
    t.x.resize((size_t)l.h * l.w * l.c);
    t.y.resize((size_t)oh * ow * l.m);
    std::vector<int8_t> w((size_t)l.m * l.k * l.k * cg);
    for (auto& v : t.x) v = (int8_t)byte(rng);
    for (auto& v : w) v = (int8_t)byte(rng);
    std::vector<int> bias(l.m), mult(l.m), shift(l.m);
    for (int i = 0; i < l.m; i++) {
        bias[i] = (int)(rng() % 20000) - 10000;
        mult[i] = 1073741824 + (int)(rng() % 1000000000);
        shift[i] = -9 - (int)(rng() % 3);
    }
    const int geom[20] = {1, l.h, l.w, l.c, l.m, l.k, l.k, l.stride, l.stride, 1, 1, pad, pad, oh, ow,
                          l.depthwise ? 1 : 0, -3, 5, -128, 127};
    const long long handle = npu_conv_create(isa, geom, (const signed char*)w.data(), bias.data(), mult.data(),
                                             shift.data());
    if (handle == 0) return false;
    t.plan = (npu::ConvPlan*)(intptr_t)handle;
    t.scratch = npu::alloc_zeroed(t.plan->scratch_bytes() + 64);
    return true;
}

// Every convolution of MobileNetV2 int8 (224x224, width 1.0) in execution order, each timed alone (minimum
// of `runs` calls), printed per layer and summed by kind: the stem, the 1x1 expansions (and the 320 -> 1280
// head), the depthwise layers, the 1x1 projections. Pads are the driver's symmetric ones.
int mnv2_layers(int isa, int runs) {
    struct Block { int h, c, t, cout, stride; };
    // input size, input channels, expansion, output channels, depthwise stride (MobileNetV2's 17 blocks)
    const Block blocks[] = {{112, 32, 1, 16, 1}, {112, 16, 6, 24, 2}, {56, 24, 6, 24, 1}, {56, 24, 6, 32, 2},
                            {28, 32, 6, 32, 1}, {28, 32, 6, 32, 1}, {28, 32, 6, 64, 2}, {14, 64, 6, 64, 1},
                            {14, 64, 6, 64, 1}, {14, 64, 6, 64, 1}, {14, 64, 6, 96, 1}, {14, 96, 6, 96, 1},
                            {14, 96, 6, 96, 1}, {14, 96, 6, 160, 2}, {7, 160, 6, 160, 1}, {7, 160, 6, 160, 1},
                            {7, 160, 6, 320, 1}};
    struct Entry { const char* kind; Layer l; };
    std::vector<Entry> layers;
    layers.push_back({"stem", {224, 224, 3, 32, 3, 2, false}});
    for (const Block& b : blocks) {
        const int e = b.c * b.t;
        if (b.t != 1) layers.push_back({"expand", {b.h, b.h, b.c, e, 1, 1, false}});
        layers.push_back({"depthwise", {b.h, b.h, e, e, 3, b.stride, true}});
        const int o = b.h / b.stride;
        layers.push_back({"project", {o, o, e, b.cout, 1, 1, false}});
    }
    layers.push_back({"expand", {7, 7, 320, 1280, 1, 1, false}});
    std::mt19937 rng(20261207);
    const char* kinds[] = {"stem", "expand", "depthwise", "project"};
    long long kind_ns[4] = {0, 0, 0, 0};
    double kind_mop[4] = {0, 0, 0, 0};
    long long total = 0, sum = 0;
    for (const Entry& e : layers) {
        TimedLayer t;
        if (!make_layer(e.l, isa, rng, t)) return 1;
        long long best = -1;
        for (int r = 0; r < runs; r++) {
            const auto t0 = std::chrono::steady_clock::now();
            npu::conv_run(*t.plan, t.x.data(), t.y.data(), (uint8_t*)t.scratch);
            const long long ns =
                std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count();
            if (best < 0 || ns < best) best = ns;
        }
        for (int8_t v : t.y) sum = sum * 31 + v;
        const Layer& l = e.l;
        const int o = l.h / l.stride;
        const double mop = 2.0 * o * o * l.m * l.k * l.k * (l.depthwise ? 1 : l.c) / 1e6;
        std::printf("%-9s %3dx%-3d x%-4d -> %-4d k%d s%d  %9lld ns  %6.1f GOP/s\n", e.kind, l.h, l.w, l.c, l.m, l.k,
                    l.stride, best, mop * 1e6 / best);
        for (int k = 0; k < 4; k++) {
            if (std::strcmp(kinds[k], e.kind) == 0) {
                kind_ns[k] += best;
                kind_mop[k] += mop;
            }
        }
        total += best;
        std::free(t.scratch);
        delete t.plan;
    }
    for (int k = 0; k < 4; k++) {
        std::printf("sum %-9s %9lld ns  %7.1f MOP  %6.1f GOP/s\n", kinds[k], kind_ns[k], kind_mop[k],
                    kind_mop[k] * 1e6 / kind_ns[k]);
    }
    std::printf("mnv2-layers isa=%d total_ns=%lld checksum=%lld\n", isa, total, sum);
    return 0;
}

// MobileNetV2's inverted-residual blocks with an expansion (the driver's random data and symmetric pads), each timed
// run layer by layer (the intermediates whole) and as one banded block (npu_block.h) for each band budget: the
// minimum of `runs` calls per block, the sums, and whether every banded output equals the layer-by-layer one.
int mnv2_blocks(int isa, int runs) {
    struct Block { int h, c, cout, stride; };
    const Block blocks[] = {{112, 16, 24, 2}, {56, 24, 24, 1}, {56, 24, 32, 2}, {28, 32, 32, 1}, {28, 32, 32, 1},
                            {28, 32, 64, 2}, {14, 64, 64, 1}, {14, 64, 64, 1}, {14, 64, 64, 1}, {14, 64, 96, 1},
                            {14, 96, 96, 1}, {14, 96, 96, 1}, {14, 96, 160, 2}, {7, 160, 160, 1}, {7, 160, 160, 1},
                            {7, 160, 320, 1}};
    const int count = sizeof(blocks) / sizeof(blocks[0]);
    std::vector<size_t> budgets = {16, 32, 64, 128, 256, 512};
    if (const char* b = std::getenv("BUDGETS")) {
        budgets.clear();
        for (const char* at = b; *at != 0;) {
            budgets.push_back((size_t)std::strtoul(at, (char**)&at, 10));
            if (*at == ',') at++;
        }
    }
    std::mt19937 rng(20261207);
    struct Made { TimedLayer e, d, p; std::vector<int8_t> expected; };
    std::vector<Made> made(count);
    for (int i = 0; i < count; i++) {
        const Block& bk = blocks[i];
        const int e = bk.c * 6, o = bk.h / bk.stride;
        if (!make_layer({bk.h, bk.h, bk.c, e, 1, 1, false}, isa, rng, made[i].e)
            || !make_layer({bk.h, bk.h, e, e, 3, bk.stride, true}, isa, rng, made[i].d)
            || !make_layer({o, o, e, bk.cout, 1, 1, false}, isa, rng, made[i].p)) {
            return 1;
        }
    }
    auto layers = [&](Made& m) {
        npu::conv_run(*m.e.plan, m.e.x.data(), m.e.y.data(), (uint8_t*)m.e.scratch);
        npu::conv_run(*m.d.plan, m.e.y.data(), m.d.y.data(), (uint8_t*)m.d.scratch);
        npu::conv_run(*m.p.plan, m.d.y.data(), m.p.y.data(), (uint8_t*)m.p.scratch);
    };
    auto banded = [&](Made& m, int rows, void* scratch) {
        const npu::ConvPlan& P = *m.p.plan;
        npu::block_rows(*m.e.plan, *m.d.plan, rows, m.e.x.data(), (uint8_t*)scratch, 0, m.d.plan->oh,
                        [&](const int8_t* dw, uint8_t* s, int first, int end) {
                            npu::conv_gemm_range(P, dw, m.p.y.data() + (size_t)first * P.m, s, first, end);
                        });
    };
    auto time = [&](auto&& body) {
        long long best = -1;
        for (int r = 0; r < runs; r++) {
            const auto t0 = std::chrono::steady_clock::now();
            body();
            const long long ns =
                std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count();
            if (best < 0 || ns < best) best = ns;
        }
        return best;
    };
    std::vector<long long> sums(budgets.size() + 1, 0);
    std::vector<std::vector<int>> rows(count, std::vector<int>(budgets.size()));
    std::vector<std::vector<void*>> scratch(count, std::vector<void*>(budgets.size()));
    bool same = true;
    std::printf("%-22s %10s", "block (alone)", "layers");
    for (size_t b : budgets) std::printf(" %7zuK(r)", b);
    std::printf("\n");
    for (int i = 0; i < count; i++) {
        Made& m = made[i];
        const Block& bk = blocks[i];
        const long long t_layers = time([&] { layers(m); });
        m.expected = m.p.y;
        sums[0] += t_layers;
        std::printf("%3dx%-3d x%-3d -> %-4d s%d %10lld", bk.h, bk.h, bk.c, bk.cout, bk.stride, t_layers);
        for (size_t j = 0; j < budgets.size(); j++) {
            rows[i][j] = npu::block_band_rows(*m.d.plan, budgets[j] * 1024);
            scratch[i][j] = npu::alloc_zeroed(
                npu::block_scratch_bytes(*m.e.plan, *m.d.plan, rows[i][j], m.p.plan->scratch_bytes()) + 64);
            std::fill(m.p.y.begin(), m.p.y.end(), 0);
            const long long t = time([&] { banded(m, rows[i][j], scratch[i][j]); });
            same = same && m.p.y == m.expected;
            sums[j + 1] += t;
            std::printf(" %7lld(%d)", t, rows[i][j]);
        }
        std::printf("\n");
    }
    std::printf("%-22s %10lld", "sum", sums[0]);
    for (size_t j = 0; j < budgets.size(); j++) std::printf(" %10lld", sums[j + 1]);
    // the 16 blocks back to back, as in the model: each block's data has been through the caches of the 15 others
    std::printf("\n%-22s %10lld", "in sequence", time([&] {
                    for (Made& m : made) layers(m);
                }));
    for (size_t j = 0; j < budgets.size(); j++) {
        std::printf(" %10lld", time([&] {
                        for (int i = 0; i < count; i++) banded(made[i], rows[i][j], scratch[i][j]);
                    }));
    }
    std::printf("\nmnv2-blocks isa=%d banded outputs %s\n", isa, same ? "identical" : "DIFFER");
    for (int i = 0; i < count; i++) {
        for (void* s : scratch[i]) std::free(s);
        for (TimedLayer* t : {&made[i].e, &made[i].d, &made[i].p}) {
            std::free(t->scratch);
            delete t->plan;
        }
    }
    return same ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: kernel_driver <layer> (see the list above) <isa 0|1|2> <runs>\n");
        return 2;
    }
    const std::string name = argv[1];
    const int isa = std::atoi(argv[2]);
    const int runs = std::atoi(argv[3]);
    std::mt19937 rng(20261207);
    std::uniform_int_distribution<int> byte(-128, 127);
    if (name == "add-resnet" || name == "add-resnet-model") {
        // N=<elements> for the smaller residual Adds (ResNet-8's ADD_7 8192, ADD_11 4096)
        const int n = std::getenv("N") != nullptr ? std::atoi(std::getenv("N")) : 32 * 32 * 16;
        std::vector<int8_t> a(n), b(n), y(n);
        for (auto& v : a) v = (int8_t)byte(rng);
        for (auto& v : b) v = (int8_t)byte(rng);
        npu::AddPlan p;
        p.isa = npu_clamp_isa(isa);
        p.dims[5] = n;
        p.stride_a[5] = 1;
        p.stride_b[5] = 1;
        p.off_a = 3; p.off_b = -7; p.off_y = -5;
        p.mult_a = 1518500250; p.shift_a = -1; p.mult_b = 1073741824; p.shift_b = -2;
        p.mult_y = 1789569707; p.shift_y = -18;
        if (name == "add-resnet-model") {  // ResNet-8's first residual Add (ADD_3), its plan's constants
            p.off_a = 128; p.off_b = -4; p.off_y = -128;
            p.mult_a = 1623821475; p.shift_a = -2; p.mult_b = 1073741824; p.shift_b = 0;
            p.mult_y = 1098017566; p.shift_y = -17;
        }
        if (p.isa != npu::ISA_PORTABLE && std::getenv("NO_LINEAR") == nullptr) npu::add_linear_prepare(p);
        std::printf("linear=%d shift=%d near=%d\n", p.linear ? 1 : 0, p.lin_shift, p.lin_near);
        long long best = -1;
        for (int r = 0; r < runs; r++) {
            const auto t0 = std::chrono::steady_clock::now();
            npu::add_run(p, a.data(), b.data(), y.data());
            const long long ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count();
            if (best < 0 || ns < best) best = ns;
        }
        long long sum = 0;
        for (int i = 0; i < n; i++) sum = sum * 31 + y[i];
        std::printf("%s isa=%d min_ns=%lld checksum=%lld\n", name.c_str(), p.isa, best, sum);
        return 0;
    }
    if (name == "pool-resnet") {  // ResNet-8's global AveragePool, 8x8x64 -> 1x1x64 (vector on AVX-512 and AVX2)
        const int g[16] = {1, 1, 8, 8, 64, 8, 8, 8, 8, 0, 0, 1, 1, -128, 127, isa};
        npu::PoolPlan* p = (npu::PoolPlan*)(intptr_t)npu_pool_create(g);
        std::vector<int8_t> x(8 * 8 * 64), y(64);
        for (auto& v : x) v = (int8_t)byte(rng);
        long long best = -1;
        for (int r = 0; r < runs; r++) {
            const auto t0 = std::chrono::steady_clock::now();
            npu::pool_run(*p, x.data(), y.data());
            const long long ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count();
            if (best < 0 || ns < best) best = ns;
        }
        long long sum = 0;
        for (int8_t v : y) sum = sum * 31 + v;
        std::printf("%s min_ns=%lld checksum=%lld\n", name.c_str(), best, sum);
        delete p;
        return 0;
    }
    if (name == "ad-stack") {
        // ad01's ten batch-1 fully connected layers run back to back, each reading the one before
        const int dims[11] = {640, 128, 128, 128, 128, 8, 128, 128, 128, 128, 640};
        std::vector<npu::ConvPlan*> plans;
        std::vector<std::vector<int8_t>> acts(11);
        acts[0].resize(640);
        for (auto& v : acts[0]) v = (int8_t)byte(rng);
        size_t scratch_bytes = 0;
        for (int i = 0; i < 10; i++) {
            const int k = dims[i], m = dims[i + 1];
            std::vector<int8_t> w((size_t)m * k);
            for (auto& v : w) v = (int8_t)byte(rng);
            std::vector<int> bias(m), mult(m), shift(m);
            for (int c = 0; c < m; c++) {
                bias[c] = (int)(rng() % 20000) - 10000;
                mult[c] = 1073741824 + (int)(rng() % 1000000000);
                shift[c] = -9 - (int)(rng() % 3);
            }
            const int geom[20] = {1, 1, 1, k, m, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, -3, 5, -128, 127};
            const long long h = npu_conv_create(isa, geom, (const signed char*)w.data(), bias.data(), mult.data(),
                                                shift.data());
            if (h == 0) return 1;
            plans.push_back((npu::ConvPlan*)(intptr_t)h);
            scratch_bytes = std::max(scratch_bytes, plans.back()->scratch_bytes());
            acts[i + 1].resize(m);
        }
        void* scratch = npu::alloc_zeroed(scratch_bytes + 64);
        long long best = -1;
        for (int r = 0; r < runs; r++) {
            const auto t0 = std::chrono::steady_clock::now();
            for (int i = 0; i < 10; i++) npu::conv_run(*plans[i], acts[i].data(), acts[i + 1].data(), (uint8_t*)scratch);
            const long long ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count();
            if (best < 0 || ns < best) best = ns;
        }
        long long sum = 0;
        for (int8_t v : acts[10]) sum = sum * 31 + v;
        std::printf("%s isa=%d min_ns=%lld checksum=%lld\n", name.c_str(), plans[0]->isa, best, sum);
        std::free(scratch);
        for (auto* p : plans) delete p;
        return 0;
    }
    if (name == "mnv2-layers") return mnv2_layers(isa, runs);
    if (name == "mnv2-blocks") return mnv2_blocks(isa, runs);
    Layer l;
    if (!layer_of(name, l)) {
        std::fprintf(stderr, "unknown layer %s\n", name.c_str());
        return 2;
    }
    const int pad = l.k / 2;
    const int oh = (l.h + 2 * pad - l.k) / l.stride + 1, ow = (l.w + 2 * pad - l.k) / l.stride + 1;
    const int cg = l.depthwise ? 1 : l.c;
    std::vector<int8_t> x((size_t)l.h * l.w * l.c), w((size_t)l.m * l.k * l.k * cg), y((size_t)oh * ow * l.m);
    for (auto& v : x) v = (int8_t)byte(rng);
    for (auto& v : w) v = (int8_t)byte(rng);
    std::vector<int> bias(l.m), mult(l.m), shift(l.m);
    for (int i = 0; i < l.m; i++) {
        bias[i] = (int)(rng() % 20000) - 10000;
        mult[i] = 1073741824 + (int)(rng() % 1000000000);
        shift[i] = -9 - (int)(rng() % 3);
    }
    const int geom[20] = {1, l.h, l.w, l.c, l.m, l.k, l.k, l.stride, l.stride, 1, 1, pad, pad, oh, ow,
                          l.depthwise ? 1 : 0, -3, 5, -128, 127};
    const long long handle = npu_conv_create(isa, geom, (const signed char*)w.data(), bias.data(), mult.data(), shift.data());
    if (handle == 0) {
        std::fprintf(stderr, "plan creation failed\n");
        return 1;
    }
    npu::ConvPlan* p = (npu::ConvPlan*)(intptr_t)handle;
    void* scratch = npu::alloc_zeroed(p->scratch_bytes() + 64);
    long long best = -1;
    for (int r = 0; r < runs; r++) {
        const auto t0 = std::chrono::steady_clock::now();
        npu::conv_run(*p, x.data(), y.data(), (uint8_t*)scratch);
        const long long ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count();
        if (best < 0 || ns < best) best = ns;
    }
    long long sum = 0;
    for (size_t i = 0; i < y.size(); i++) sum = sum * 31 + y[i];
    std::printf("%s isa=%d min_ns=%lld checksum=%lld\n", name.c_str(), p->isa, best, sum);
    std::free(scratch);
    delete p;
    return 0;
}
