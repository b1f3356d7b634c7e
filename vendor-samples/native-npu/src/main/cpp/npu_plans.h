// Prepared, immutable kernel plans: geometry, requantization parameters and packed weights in
// native memory. A plan is written once by its create function and only read by the run
// functions, so one plan may run on several threads at once; per-call memory is the caller's
// scratch buffer or the stack.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace npu {

enum Isa { ISA_PORTABLE = 0, ISA_AVX2 = 1, ISA_AVX512_VNNI = 2 };

// Pixels whose im2col rows are packed together into scratch by the GEMM convolution.
constexpr int kPanelRows = 64;

inline size_t round_up(size_t v, size_t m) { return (v + m - 1) / m * m; }

// 64-byte aligned, zero-filled native memory.
inline void* alloc_zeroed(size_t bytes) {
    const size_t size = round_up(bytes == 0 ? 64 : bytes, 64);
    void* p = std::aligned_alloc(64, size);
    if (p != nullptr) std::memset(p, 0, size);
    return p;
}

struct Plan {
    virtual ~Plan() {}
    virtual size_t scratch_bytes() const { return 0; }
};

// Per output channel requantization: acc + bias -> MultiplyByQuantizedMultiplier -> + zero point -> clamp.
// Arrays hold m_pad entries (zero beyond the real channel count) so SIMD loads never run past them.
struct Requant {
    int32_t* bias = nullptr;
    int32_t* mult = nullptr;
    int32_t* lshift = nullptr;
    int32_t* rshift = nullptr;
    // RoundingDivideByPOT's per-channel constants for the 32-bit form of the GEMM paths' vector
    // requantization (requant_store32_512: GEMV tiles of one or two rows), and whether any channel
    // shifts left at all
    int32_t* round_mask = nullptr;   // (1 << rshift) - 1
    int32_t* round_half = nullptr;   // round_mask >> 1
    bool any_lshift = false;
    int32_t y_zero = 0, act_min = -128, act_max = 127;
    // Whether the activation range clamps inside int8 at all: when it spans [-128, 127] (no fused
    // activation, or ReLU with output zero point -128) the saturating int8 store does the same, and
    // the VNNI paths skip the two clamps. Set by set_activation.
    bool clamps = false;

    void set_activation(int32_t zero, int32_t lo, int32_t hi) {
        y_zero = zero;
        act_min = lo;
        act_max = hi;
        clamps = !(lo <= -128 && hi >= 127);
    }
    // The AVX-512 paths' per-channel constants (requant_high_512 and requant_store_512 in npu_avx512.h; in
    // the GEMM paths it once ran 3-5 % slower than the form above, while each row reloaded the constants;
    // loaded once per 16-channel block it runs 5-22 % faster by the kernel driver on tiles of 3 rows or more):
    // SaturatingRoundingDoublingHighMul and RoundingDivideByPOT in one 64-bit rounding shift. With
    // P = x * mult (exact in 64 bits), e = rshift and half = e > 0 ? 2^(e - 1) : 0,
    //   RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(x, mult), e)
    //     = (P + 2^30 + half * 2^31 - (e > 0 && P < -2^30 ? 2^31 : 0)) >> (31 + e)
    // (floor shifts; the high part is floor((P + 2^30) / 2^31) for mult >= 0, it is negative exactly
    // when P < -2^30, and a negative one rounds its halves down). Testing P < 0 instead gives the same
    // result for every P: for P in [-2^30, 0) the high part is 0, and with e > 0 the corrected sum
    // P + 2^30 + (half - 1) * 2^31 lies in [0, 2^(30 + e)), so it shifts to 0 too (e = 0 corrects
    // nothing); the vector paths compare with zero, which needs no constant register. The 64-bit arrays are in block order:
    // per 16 channels the 8 even ones, then the 8 odd ones, the qword lanes of a 16-channel vector.
    int32_t* mult_swapped = nullptr;  // mult with each even/odd pair swapped: the odd channels' in the even slots
    int64_t* round_add = nullptr;     // 2^30 + half * 2^31
    int64_t* round_neg = nullptr;     // 2^31 when e > 0, else 0: taken off when P < -2^30
    int64_t* round_shift = nullptr;   // 31 + e
    // round_add + y_zero * 2^(31 + e), block order: the VNNI tiles add the output zero point inside
    // the rounding shift (exact: a multiple of the divisor) when every channel's e <= 22, so that the sum
    // stays inside int64 (|P| < 2^62, |y_zero| * 2^53 <= 2^60). Set by fold_zero.
    int64_t* round_add_zero = nullptr;
    bool zero_folded = false;

    // Where channel ch's entry of the block-ordered 64-bit arrays is.
    static int block_order(int ch) { return ch / 16 * 16 + ch % 2 * 8 + ch % 16 / 2; }

    bool init(int m, int m_pad, const int32_t* bias_in, const int32_t* mult_in, const int32_t* shift_in) {
        bias = (int32_t*)alloc_zeroed(sizeof(int32_t) * m_pad);
        mult = (int32_t*)alloc_zeroed(sizeof(int32_t) * m_pad);
        lshift = (int32_t*)alloc_zeroed(sizeof(int32_t) * m_pad);
        rshift = (int32_t*)alloc_zeroed(sizeof(int32_t) * m_pad);
        round_mask = (int32_t*)alloc_zeroed(sizeof(int32_t) * m_pad);
        round_half = (int32_t*)alloc_zeroed(sizeof(int32_t) * m_pad);
        mult_swapped = (int32_t*)alloc_zeroed(sizeof(int32_t) * m_pad);
        round_add = (int64_t*)alloc_zeroed(sizeof(int64_t) * m_pad);
        round_neg = (int64_t*)alloc_zeroed(sizeof(int64_t) * m_pad);
        round_shift = (int64_t*)alloc_zeroed(sizeof(int64_t) * m_pad);
        if (!bias || !mult || !lshift || !rshift || !round_mask || !round_half || !mult_swapped || !round_add
            || !round_neg || !round_shift) {
            return false;
        }
        for (int i = 0; i < m; i++) {
            bias[i] = bias_in ? bias_in[i] : 0;
            mult[i] = mult_in[i];
            lshift[i] = shift_in[i] > 0 ? shift_in[i] : 0;
            rshift[i] = shift_in[i] > 0 ? 0 : -shift_in[i];
            round_mask[i] = (int32_t)((1u << rshift[i]) - 1u);
            round_half[i] = round_mask[i] >> 1;
            any_lshift = any_lshift || lshift[i] != 0;
        }
        for (int i = 0; i < m_pad; i++) {  // m_pad is even: every channel has its pair
            const int e = rshift[i];
            const int at = block_order(i);
            mult_swapped[i] = mult[i ^ 1];
            round_add[at] = ((int64_t)1 << 30) + (e > 0 ? ((int64_t)1 << (e - 1)) << 31 : 0);
            round_neg[at] = e > 0 ? (int64_t)1 << 31 : 0;
            round_shift[at] = 31 + e;
        }
        return true;
    }
    // Fills round_add_zero (after set_activation and any change to round_add); false if out of memory.
    bool fold_zero(int m_pad) {
        zero_folded = false;
        for (int i = 0; i < m_pad; i++) {
            if (rshift[i] > 22) return true;
        }
        std::free(round_add_zero);
        round_add_zero = (int64_t*)alloc_zeroed(sizeof(int64_t) * m_pad);
        if (!round_add_zero) return false;
        for (int i = 0; i < m_pad; i++) {
            const int at = block_order(i);
            round_add_zero[at] = round_add[at] + (int64_t)y_zero * ((int64_t)1 << (31 + rshift[i]));
        }
        zero_folded = true;
        return true;
    }
    ~Requant() {
        std::free(round_add_zero);
        std::free(bias);
        std::free(mult);
        std::free(lshift);
        std::free(rshift);
        std::free(round_mask);
        std::free(round_half);
        std::free(mult_swapped);
        std::free(round_add);
        std::free(round_neg);
        std::free(round_shift);
    }
};

// Conv (NHWC, OHWI weights), depthwise Conv and fully connected (a 1x1 convolution over rows).
struct ConvPlan : Plan {
    int isa = ISA_PORTABLE;
    bool depthwise = false;
    int n = 0, h = 0, w = 0, c = 0, m = 0, kh = 0, kw = 0;
    int stride_h = 1, stride_w = 1, dil_h = 1, dil_w = 1, pad_t = 0, pad_l = 0, oh = 0, ow = 0;
    int depth_multiplier = 1;
    int x_zero = 0;
    int k = 0, k_pad = 0, m_pad = 0;
    Requant rq;
    void* packed = nullptr;        // GEMM: ISA-specific weight panels; depthwise: [kh*kw][m_pad] madd form
    int32_t* plain = nullptr;      // depthwise: [kh*kw][m_pad] plain int32 weights
    // depthwise: bias - x_zero * (sum of the channel's weights), [m_pad]. An output pixel whose taps all
    // lie inside the image starts from it and accumulates x * w instead of (x - x_zero) * w; equal in
    // wrap-around int32 arithmetic, one instruction fewer per tap.
    int32_t* bias_interior = nullptr;
    // depthwise, VNNI, 8 channels: channels 0-7's weights, biases and requantization constants are
    // mirrored into the padding channels 8-15, so the in-place kernel runs two pixels per vector
    // (dw3_pairs8_512); set by mirror_eight_channels
    bool mirrored8 = false;
    // VNNI im2col/pointwise GEMM with 8 output channels: block 0's lanes 8-15 hold channels 0-7's
    // weights and requantization constants, and vnni_pairs8 runs two pixels per vector (convs that are
    // not direct(): VWW's stem runs direct since the RGB stems do); set by mirror_eight_channels
    bool paired8 = false;
    int8_t* rows = nullptr;        // portable GEMM: [m][k_pad] int8 weights
    // A direct RGB conv that reads its input as NCHW planes (1x3xHxW) instead of NHWC: the partition's
    // NCHW -> NHWC Transpose folded into it (npu_conv_fold_nchw_transpose). direct_pad_rows already
    // copies every input row it reads into the padded buffer; reading the three plane rows there and
    // interleaving them is the same data movement, so the Transpose's own pass over the image goes.
    bool nchw_input = false;

    // Whether the VNNI path runs this conv as a direct convolution (conv_direct_avx512): no im2col
    // panel; the input rows its outputs read are copied once, padded and flipped to uint8, and a
    // register tile of pixels x channels reads its taps in place. Each pixel's channels are padded to
    // whole 4-byte groups (direct_c; the packed weights are zero there), so a conv over a channel count
    // one short of a multiple of four qualifies too (ResNet-8's RGB stem: 19.4 -> 13.6 us). The stride-2
    // RGB stems of MobileNetV2 and VWW ran 30-40 % slower that way while the padded copy went pixel by
    // pixel; since it spreads four RGB pixels per shuffle (direct_pad_rows) they run faster direct than
    // through im2col (kernel driver: 224x224x3 -> 32 166 -> 144 us, 96x96x3 -> 8 21 -> 15 us, the
    // latter leaving the two-pixels-per-vector GEMM, which needs im2col). Needs one image, no
    // dilation, a window larger than 1x1 or a stride above 1 (stride-1 pointwise layers already read
    // their input rows in place; ResNet-8's 1x1 stride-2 shortcuts ran 3.4 -> 2.8 us and 1.8 -> 1.65 us
    // direct instead of through the im2col panel) and non-negative pads.
    bool direct() const {
        return isa == ISA_AVX512_VNNI && !depthwise && n == 1
               && (c % 4 == 0 || c % 4 == 3) && (kh * kw > 1 || stride_h > 1 || stride_w > 1) && dil_h == 1
               && dil_w == 1 && pad_t >= 0 && pad_l >= 0;
    }
    int direct_c() const { return (c + 3) / 4 * 4; }
    // Whether the AVX2 path runs this conv direct (conv_direct_avx2 in npu_avx2_gemm.h): the input rows its
    // outputs read are widened once into an int16 copy padded with x_zero, channels padded to an even
    // count (avx2_c; zero weights there), and the tiles read each tap's channel pairs in place instead of
    // from an im2col panel that repeats every input value kh * kw times.
    bool avx2_direct() const {
        return isa == ISA_AVX2 && !depthwise && n == 1 && kh * kw > 1 && dil_h == 1 && dil_w == 1 && pad_t >= 0
               && pad_l >= 0;
    }
    int avx2_c() const { return (c + 1) / 2 * 2; }
    // The padded input a direct conv covers: every tap of every output pixel, (oh - 1) * stride + k rows.
    int direct_rows() const { return (oh - 1) * stride_h + kh; }
    int direct_cols() const { return (ow - 1) * stride_w + kw; }
    // A direct conv's last register tile may run up to kDirectMaxTile pixels past the row it computes
    // (those accumulators are discarded); the slack keeps their reads inside the scratch.
    static constexpr int kDirectMaxTile = 16;
    size_t direct_scratch_bytes() const {
        const size_t padded = (size_t)direct_rows() * direct_cols() * direct_c();
        return round_up(padded + (size_t)kDirectMaxTile * stride_w * direct_c() + 64, 64) + 64;
    }

    // Whether the VNNI path runs this depthwise conv over a padded copy of its input
    // (conv_depthwise_padded_avx512): a 3-wide undilated kernel, multiplier 1, stride 1 or 2, and an
    // output with many border pixels (over an eighth of them: KWS's 25x5, VWW's 24x24 and smaller,
    // MobileNetV2's 14x14 and 7x7). Border pixels otherwise run one at a time over their clamped taps
    // with the zero point subtracted per tap; in the copy every pixel is interior. Large images keep
    // the in-place kernel, whose border is a few percent of the pixels and the copy would not pay.
    bool depthwise_padded() const {
        if (!(isa == ISA_AVX512_VNNI && depthwise && depth_multiplier == 1 && kw == 3 && dil_h == 1 && dil_w == 1
              && (stride_w == 1 || stride_w == 2) && pad_t >= 0 && pad_l >= 0)) {
            return false;
        }
        const long long pixels = (long long)oh * ow;
        const long long border = pixels - (long long)std::max(oh - 2, 0) * std::max(ow - 2, 0);
        return border * 8 > pixels;
    }
    size_t depthwise_padded_scratch_bytes() const {
        return round_up((size_t)direct_rows() * direct_cols() * c + 64, 64) + 64;
    }

    size_t scratch_bytes() const override {
        if (depthwise) return depthwise_padded() ? depthwise_padded_scratch_bytes() : 0;
        if (direct()) return direct_scratch_bytes();
        // the padded int16 copy, 64 bytes for aligning it and 64 for widen_run / fill_run's 16-value stores
        if (avx2_direct()) return (size_t)direct_rows() * direct_cols() * avx2_c() * 2 + 128;
        const size_t elem = isa == ISA_AVX2 ? 2 : 1;
        // 64 bytes for aligning the panel, 64 for the VNNI im2col's 16-byte row pieces spilling past it
        return (size_t)kPanelRows * k_pad * elem + 128;
    }
    ~ConvPlan() override {
        std::free(packed);
        std::free(plain);
        std::free(bias_interior);
        std::free(rows);
    }
};

// Quantized Add with broadcasting over up to six dimensions.
struct AddPlan : Plan {
    int isa = ISA_PORTABLE;
    int dims[6] = {1, 1, 1, 1, 1, 1};
    int stride_a[6] = {0, 0, 0, 0, 0, 0};
    int stride_b[6] = {0, 0, 0, 0, 0, 0};
    int32_t off_a = 0, off_b = 0, off_y = 0, left_shift = 20;
    int32_t mult_a = 0, shift_a = 0, mult_b = 0, shift_b = 0, mult_y = 0, shift_y = 0;
    int32_t act_min = -128, act_max = 127;
    // The linear form (add_linear_prepare, AVX-512 path): every output whose sum T = a * lin_a + b * lin_b
    // + lin_c lies farther than lin_near from a multiple of 2^lin_shift is clamp(T >> lin_shift); the
    // others take the exact path. Checked at plan creation against add_one on all 65,536 input pairs.
    bool linear = false;
    int32_t lin_a = 0, lin_b = 0, lin_c = 0, lin_shift = 0, lin_near = 0;
};

// AveragePool / MaxPool, NHWC, padding excluded from the window.
struct PoolPlan : Plan {
    int isa = ISA_PORTABLE;
    bool average = true;
    int n = 0, h = 0, w = 0, c = 0, kh = 0, kw = 0, stride_h = 1, stride_w = 1, pad_t = 0, pad_l = 0, oh = 0, ow = 0;
    int32_t act_min = -128, act_max = 127;
};

// Where a pool's window of output pixel (oy, ox) lies: its top-left input position (y0, x0), possibly in the
// padding, and the taps [ky0, ky1) x [kx0, kx1) inside the image, the only ones pooled. Written once for
// every ISA's pool loop.
struct PoolWindow {
    int y0, x0, ky0, ky1, kx0, kx1;
    int count() const { return (ky1 - ky0) * (kx1 - kx0); }
};

inline PoolWindow pool_window(const PoolPlan& p, int oy, int ox) {
    PoolWindow w;
    w.y0 = oy * p.stride_h - p.pad_t;
    w.x0 = ox * p.stride_w - p.pad_l;
    w.ky0 = std::max(0, -w.y0);
    w.ky1 = std::min(p.kh, p.h - w.y0);
    w.kx0 = std::max(0, -w.x0);
    w.kx1 = std::min(p.kw, p.w - w.x0);
    return w;
}

// Constant Pad: per dimension input size, output size and leading pad (negative: cropped), with
// unpadded dimensions merged into their outer neighbour so the innermost rows are long.
struct PadPlan : Plan {
    int in[6] = {1, 1, 1, 1, 1, 1};
    int out[6] = {1, 1, 1, 1, 1, 1};
    int begin[6] = {0, 0, 0, 0, 0, 0};
    int8_t value = 0;
};

// Softmax over the last axis, int8 in, int8 out (scale 1/256, zero point -128).
struct SoftmaxPlan : Plan {
    int rows = 0, depth = 0;
    int32_t beta_mult = 0, beta_lshift = 0, diff_min = 0;
};

// Int8 ReduceMean as TFLite's MEAN: dimensions of the same kind (reduced or kept) merged, size-1
// ones dropped, so H,W of NHWC become [reduce][keep]. An int32 sum per output in scratch, then one
// MultiplyByQuantizedMultiplier (the multiplier already folded with 1/count) and the output zero point.
struct MeanPlan : Plan {
    int rank = 0;                           // after merging, at most 6
    int dims[6] = {1, 1, 1, 1, 1, 1};
    long long out_stride[6] = {0, 0, 0, 0, 0, 0};  // 0 for a reduced dimension
    long long out_count = 0, in_count = 0;
    int32_t zp_in_times_count = 0, mult = 0, lshift = 0, rshift = 0, zp_out = 0;
    bool empty_reduction = false;           // a reduced dimension of size 0: every output is 0
    size_t scratch_bytes() const override { return round_up((size_t)out_count * sizeof(int32_t), 64) + 64; }
};

// Int8 Transpose: per output dimension its size, its input stride and its output stride, merged where
// consecutive output dimensions are consecutive in the input; the innermost loop runs the dimension
// that reads the input contiguously when the output's own last dimension is short (NCHW -> NHWC of RGB).
struct TransposePlan : Plan {
    int rank = 0;
    int dims[6] = {1, 1, 1, 1, 1, 1};
    long long in_stride[6] = {0, 0, 0, 0, 0, 0};
    long long out_stride[6] = {0, 0, 0, 0, 0, 0};
    long long count = 0;
};

}  // namespace npu
