// An inverted-residual block run band by band (MobileNetV2, VWW): expansion (1x1, or a stem) -> 3x3
// depthwise (stride 1 or 2) -> 1x1 projection, optionally with the projection's residual Add. Run layer
// by layer, the expansion writes a tensor six times wider than the block's input (MobileNetV2's
// 112x112x96 and 56x56x144 are 1.2 MB and 0.45 MB, beyond this core's 1 MB L2) and the depthwise reads
// it back; the depthwise's output goes the same way into the projection. Here the block computes a band
// of output rows at a time: the expansion only the input rows that band's depthwise taps read (the rows
// two neighbouring bands share are carried over, not recomputed), the depthwise the band's rows into a
// second small buffer, the projection (with its Add) those rows into the block's output. Both
// intermediates stay a few ten KB. Measured (vendor-samples/docs/native-npu.md, ninth round): a block
// alone is as fast either way (L3 streams the intermediate); MobileNetV2's blocks back to back run 3-5 %
// faster banded, and at two threads the 19 steps instead of 53 pay most.
//
// Bit-exact with the three steps apart by construction: every intermediate and output element is
// computed by the same kernel entry (conv_gemm_range, conv_depthwise_rows, conv_add_range) from the
// same bytes. The band buffers are addressed as if they were the whole tensors (the pointers handed to
// the kernels are shifted back by the band's first row), and the kernels read only the rows their
// range's taps cover, which the band holds.
#pragma once

#include <algorithm>
#include <cstring>

#include "npu_kernels.h"

namespace npu {

// Bytes of the two band buffers a block aims for: the expanded rows (band * stride + halo rows) and the
// depthwise band. Chosen by the kernel driver's mnv2-blocks (vendor-samples/docs/native-npu.md, ninth
// round): MobileNetV2's 16 blocks back to back were fastest at 64 KiB in three runs of 32-256 KiB
// (128 KiB within 1 %; 32 KiB and below cost on the 14x14 and 7x7 blocks).
constexpr size_t kBlockBandBytes = 64 * 1024;

// Whether expand -> depthwise -> project can run as one banded block: an expansion that is any non-depthwise
// conv over one image (a 1x1 GEMM; also a stem, im2col or direct, since conv_gemm_range computes any range of
// output pixels from the whole input: MobileNetV2's 3x3 stride-2 RGB stem and its first depthwise), a depthwise
// of multiplier 1 over exactly its output (its Pad already folded, so its own pads may be asymmetric), a
// pointwise projection of the depthwise's output (1x1, stride 1, no pads, a GEMM), all on one code path.
inline bool can_fuse_block(const ConvPlan& e, const ConvPlan& d, const ConvPlan& p) {
    const bool pointwise_p = !p.depthwise && !p.direct() && p.n == 1 && p.kh == 1 && p.kw == 1 && p.stride_h == 1
                             && p.stride_w == 1 && p.pad_t == 0 && p.pad_l == 0 && p.oh == p.h && p.ow == p.w;
    return !e.depthwise && e.n == 1 && pointwise_p && d.depthwise && d.depth_multiplier == 1 && d.n == 1
           && e.isa == d.isa && d.isa == p.isa && d.h == e.oh && d.w == e.ow && d.c == e.m && p.h == d.oh
           && p.w == d.ow && p.c == d.m && d.oh > 0 && d.ow > 0;
}

// Expanded rows a band of `rows` depthwise output rows reads at most (with the taps shared with the
// previous band), never more than the image.
inline int block_expanded_rows(const ConvPlan& d, int rows) {
    return std::min(d.h, (rows - 1) * d.stride_h + (d.kh - 1) * d.dil_h + 1);
}

// Bands the expanded buffer holds beyond the one being computed: new rows are appended behind the previous
// band's, and the rows still needed move to the front only when the next band would not fit, once every
// kBlockSlackBands + 1 bands instead of every band.
#ifndef NPU_BLOCK_SLACK_BANDS
#define NPU_BLOCK_SLACK_BANDS 3
#endif
constexpr int kBlockSlackBands = NPU_BLOCK_SLACK_BANDS;

// Rows of the expanded buffer: the band's input rows plus the slack, never more than the image.
inline int block_buffer_rows(const ConvPlan& d, int band_rows) {
    return std::min(d.h, block_expanded_rows(d, band_rows) + kBlockSlackBands * band_rows * d.stride_h);
}

// The band height (depthwise output rows) whose two buffers fit `budget` bytes, at least one row.
inline int block_band_rows(const ConvPlan& d, size_t budget) {
    const size_t in_row = (size_t)d.w * d.c, out_row = (size_t)d.ow * d.c;
    int rows = 1;
    while (rows < d.oh
           && (size_t)block_expanded_rows(d, rows + 1) * in_row + (size_t)(rows + 1) * out_row <= budget) {
        rows++;
    }
    return rows;
}

struct BlockBuffers {
    size_t expanded = 0, depthwise = 0;  // 64-byte multiples
};

inline BlockBuffers block_buffers(const ConvPlan& d, int band_rows) {
    BlockBuffers b;
    b.expanded = round_up((size_t)block_buffer_rows(d, band_rows) * d.w * d.c, 64);
    b.depthwise = round_up((size_t)band_rows * d.ow * d.c, 64);
    return b;
}

// The block's depthwise output rows [r0, r1) (its own output rows are the projection's), band_rows at a
// time: x is the block's input; scratch holds the two band buffers, then the kernels' scratch (see
// block_scratch_bytes). project_range(dw, scratch, first, end) runs the projection (with its Add) on
// pixels [first, end), dw addressing the depthwise band as if it were the whole depthwise output.
template <typename Project>
inline void block_rows(const ConvPlan& e, const ConvPlan& d, int band_rows, const int8_t* x, uint8_t* scratch,
                       int r0, int r1, Project project_range) {
    const BlockBuffers bb = block_buffers(d, band_rows);
    int8_t* expanded = (int8_t*)scratch;
    int8_t* dw_band = (int8_t*)scratch + bb.expanded;
    uint8_t* kernel_scratch = scratch + bb.expanded + bb.depthwise;
    // the expansion's output row r is its pixels [r * d.w, (r + 1) * d.w): d.w == e.ow
    const size_t in_row = (size_t)d.w * d.c, out_row = (size_t)d.ow * d.c;
    const int capacity = block_buffer_rows(d, band_rows);
    // the buffer holds expanded rows [base, have) at its start; row r is at expanded + (r - base) * in_row
    int base = 0, have = 0;
    for (int oy0 = r0; oy0 < r1; oy0 += band_rows) {
        const int oy1 = std::min(r1, oy0 + band_rows);
        // the input rows the band's taps read, clipped to the image (rows outside are the depthwise's padding)
        const int lo = std::max(0, std::min(d.h, oy0 * d.stride_h - d.pad_t));
        const int hi = std::max(lo, std::min(d.h, (oy1 - 1) * d.stride_h - d.pad_t + (d.kh - 1) * d.dil_h + 1));
        if (lo < base || lo > have) {
            base = have = lo;  // the first band, or nothing to carry over
        } else if (hi - base > capacity) {
            // the rows the previous band computed and this one reads move to the front
            std::memmove(expanded, expanded + (size_t)(lo - base) * in_row, (size_t)(have - lo) * in_row);
            base = lo;
        }
        if (have < hi) {
            conv_gemm_range(e, x, expanded + (size_t)(have - base) * in_row, kernel_scratch, have * d.w, hi * d.w);
            have = hi;
        }
        conv_depthwise_rows(d, expanded - (ptrdiff_t)((size_t)base * in_row),
                            dw_band - (ptrdiff_t)((size_t)oy0 * out_row), kernel_scratch, oy0, oy1);
        project_range(dw_band - (ptrdiff_t)((size_t)oy0 * out_row), kernel_scratch, oy0 * d.ow, oy1 * d.ow);
    }
}

// Scratch of a block: the band buffers, then the largest of the three kernels' own (projection_scratch: the
// projection's, or a fused Add's tile in front of it).
inline size_t block_scratch_bytes(const ConvPlan& e, const ConvPlan& d, int band_rows, size_t projection_scratch) {
    const BlockBuffers bb = block_buffers(d, band_rows);
    size_t kernels = std::max(e.scratch_bytes(), d.scratch_bytes());
    kernels = std::max(kernels, projection_scratch);
    return bb.expanded + bb.depthwise + round_up(kernels, 64);
}

}  // namespace npu
