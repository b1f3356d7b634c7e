// A delegate partition compiled into one native plan (NpuDelegate, issue 14 item 4): the per-node
// plans of its nodes in execution order, each step's inputs and output bound to a slot (a boundary
// input, a boundary output, a range of the arena, or a constant copied in at compile time). One
// call of npu_graph_run runs the whole partition, so the host boundary is crossed once per
// partition invocation instead of once per node. A Conv whose output only a same-shape Add reads
// (a residual connection) runs fused with it: the conv computes a chunk of output pixels into a
// tile of scratch that stays in cache, the Add combines the tile with the residual into the Add's
// output, and the conv's output tensor never exists. Intermediates live in the arena, which is the
// start of the scratch buffer the runtime hands the kernel (its size is the kernel's declared
// scratchBytes); the steps' own scratch follows it.
//
// The step plans are borrowed: the Java kernels that made them free them after the graph.
#pragma once

#include <new>
#include <vector>

#include "npu_block.h"
#include "npu_kernels.h"
#include "npu_split_choice.h"
#include "npu_threads.h"

namespace npu {

enum SlotKind { SLOT_INPUT = 0, SLOT_OUTPUT = 1, SLOT_ARENA = 2, SLOT_CONSTANT = 3 };

// The largest number of boundary inputs or outputs a graph may have (stack arrays in the run).
constexpr int kMaxBoundary = 64;

enum StepKind { STEP_CONV, STEP_ADD, STEP_POOL, STEP_PAD, STEP_SOFTMAX, STEP_MEAN, STEP_TRANSPOSE };

// Fused residual Add: none, the conv's output is the Add's input A, or its input B.
enum Fusion { FUSE_NONE = 0, FUSE_CONV_IS_A = 1, FUSE_CONV_IS_B = 2 };

// Output pixels a fused Conv+Add computes per chunk: whole im2col panels, the int8 tile at most
// 32 KiB so it is still in L1/L2 when the Add reads it.
inline int fused_chunk_pixels(const ConvPlan& c) {
    const int by_bytes = 32768 / (c.m > 0 ? c.m : 1);
    const int panels = by_bytes / kPanelRows;
    return (panels > 0 ? panels : 1) * kPanelRows;
}

// Whether conv can run fused with add: a GEMM conv (depthwise convs keep their own loops) and an
// Add over two same-shape tensors of exactly the conv's output size (one contiguous run after
// add_collapse, no broadcasting), so a chunk of conv output pairs with the same chunk of the other input.
inline bool can_fuse_conv_add(const ConvPlan& c, const AddPlan& a) {
    for (int d = 0; d < 5; d++) {
        if (a.dims[d] != 1) return false;
    }
    return !c.depthwise && a.stride_a[5] == 1 && a.stride_b[5] == 1
           && (long long)a.dims[5] == (long long)c.n * c.oh * c.ow * c.m;
}

struct GraphStep {
    const Plan* plan = nullptr;
    StepKind kind = STEP_CONV;
    int in0 = -1, in1 = -1, out = -1;
    // the planted bug of PlantedBugNpuDelegate: a Conv reading an Add's output gets its first byte
    // off by one, so only that adjacent pair is wrong
    bool planted_bump = false;
    const AddPlan* fused_add = nullptr;  // STEP_CONV fused with this residual Add (in1: the other input)
    Fusion fusion = FUSE_NONE;
    // An inverted-residual block (npu_block.h): plan is its projection, these its expansion and depthwise
    // (in0: the expansion's input); band_rows is the band height, at most band_rows_max, which sized the scratch.
    const ConvPlan* expand = nullptr;
    const ConvPlan* depthwise = nullptr;
    int band_rows = 0, band_rows_max = 0;

    // The projection's scratch alone, or a fused Add's tile in front of it.
    size_t conv_scratch_bytes() const {
        if (fused_add == nullptr) return plan->scratch_bytes();
        const ConvPlan& c = *(const ConvPlan*)plan;
        return round_up((size_t)fused_chunk_pixels(c) * c.m, 64) + plan->scratch_bytes();
    }
    size_t scratch_bytes() const {
        if (expand == nullptr) return conv_scratch_bytes();
        return block_scratch_bytes(*expand, *depthwise, band_rows_max, conv_scratch_bytes());
    }
};

struct Slot {
    SlotKind kind = SLOT_ARENA;
    long long arg = 0;            // boundary index, or arena byte offset
    int8_t* constant = nullptr;   // SLOT_CONSTANT: owned copy
};

struct GraphPlan : Plan {
    std::vector<GraphStep> steps;
    std::vector<Slot> slots;
    int inputs = 0, outputs = 0;
    size_t arena_bytes = 0;   // a multiple of 64
    size_t step_scratch = 0;  // the largest scratch one step needs (each has 64 spare bytes for alignment)

    // the plan's worker threads (npu_graph_set_threads), none while it runs on one thread; joined when
    // the plan is freed
    WorkerPool* pool = nullptr;
    // whether a run with workers splits its steps, measured (npu_split_choice.h)
    SplitChoice split_choice;
    // the smallest conv (multiply-adds) and Add (elements) split between threads: kMinParallelMacs and
    // kMinParallelAddElements, lowered only by the tests that split every step
    long long min_parallel_macs = 0, min_parallel_add = 0;

    size_t scratch_bytes() const override { return arena_bytes + step_scratch + 64; }
    ~GraphPlan() override {
        delete pool;
        for (Slot& s : slots) std::free(s.constant);
    }
};

inline bool step_kind_of(const Plan* plan, StepKind* kind) {
    if (dynamic_cast<const ConvPlan*>(plan)) *kind = STEP_CONV;
    else if (dynamic_cast<const AddPlan*>(plan)) *kind = STEP_ADD;
    else if (dynamic_cast<const PoolPlan*>(plan)) *kind = STEP_POOL;
    else if (dynamic_cast<const PadPlan*>(plan)) *kind = STEP_PAD;
    else if (dynamic_cast<const SoftmaxPlan*>(plan)) *kind = STEP_SOFTMAX;
    else if (dynamic_cast<const MeanPlan*>(plan)) *kind = STEP_MEAN;
    else if (dynamic_cast<const TransposePlan*>(plan)) *kind = STEP_TRANSPOSE;
    else return false;
    return true;
}

// A fused Conv+Add's output pixels [first, end): the conv in chunks of at most fused_chunk_pixels into
// a tile of scratch, each chunk added to the residual at once. Bit-exact with the two steps apart: the
// same conv arithmetic per pixel, the same Add per element.
inline void conv_add_range(const GraphStep& st, const int8_t* x, const int8_t* residual, int8_t* y, uint8_t* scratch,
                           int first, int end) {
    const ConvPlan& c = *(const ConvPlan*)st.plan;
    const int chunk = fused_chunk_pixels(c);
    int8_t* tile = (int8_t*)scratch;
    uint8_t* conv_scratch = scratch + round_up((size_t)chunk * c.m, 64);
    AddPlan part = *st.fused_add;  // a copy whose run covers one chunk
    for (int p0 = first; p0 < end; p0 += chunk) {
        const int count = chunk < end - p0 ? chunk : end - p0;
        conv_gemm_range(c, x, tile, conv_scratch, p0, p0 + count);
        if (st.planted_bump && p0 == 0) tile[0] = (int8_t)(tile[0] + 1);
        const size_t at = (size_t)p0 * c.m;
        part.dims[5] = count * c.m;
        if (st.fusion == FUSE_CONV_IS_A) {
            add_run(part, tile, residual + at, y + at);
        } else {
            add_run(part, residual + at, tile, y + at);
        }
    }
}

inline void conv_add_run(const GraphStep& st, const int8_t* x, const int8_t* residual, int8_t* y, uint8_t* scratch) {
    const ConvPlan& c = *(const ConvPlan*)st.plan;
    conv_add_range(st, x, residual, y, scratch, 0, c.n * c.oh * c.ow);
}

// A block step's depthwise output rows [r0, r1), band by band (npu_block.h); the projection writes y
// (with its fused Add, reading residual) directly.
inline void block_step_rows(const GraphStep& st, const int8_t* x, const int8_t* residual, int8_t* y,
                            uint8_t* scratch, int r0, int r1) {
    const ConvPlan& p = *(const ConvPlan*)st.plan;
    block_rows(*st.expand, *st.depthwise, st.band_rows, x, scratch, r0, r1,
               [&](const int8_t* dw_out, uint8_t* s, int first, int end) {
                   if (st.fused_add != nullptr) {
                       conv_add_range(st, dw_out, residual, y, s, first, end);
                   } else {
                       conv_gemm_range(p, dw_out, y + (size_t)first * p.m, s, first, end);
                   }
               });
}

// ---- Parallel steps (npu_threads.h) ----
//
// Below these sizes a step stays on the calling thread: handing part of it to a worker costs the
// claims, the cache lines of the step's input and output moving between cores and the wait for the
// worker's last chunk, a few microseconds' layers would not pay for it. 2^20 multiply-adds keeps AD's
// GEMVs, KWS and VWW's layers (at most 0.6 M each) whole and splits ResNet-8's 3x3 convs (2.4 M) and
// MobileNetV2's larger layers; a bound of 2^18 (Adds 2^13), which also splits VWW's pointwise layers,
// ran VWW and KWS no faster at two threads (vendor-samples/docs/native-npu.md, "Two threads").
constexpr long long kMinParallelMacs = 1LL << 20;
constexpr long long kMinParallelAddElements = 1LL << 15;
// Chunks per thread: more than one, so a worker that starts late (parked, or its core busy) leaves its
// share to the caller in pieces instead of the caller waiting for it.
constexpr int kChunksPerThread = 4;

enum SplitKind {
    SPLIT_NONE, SPLIT_GEMM_PANELS, SPLIT_DIRECT_ROWS, SPLIT_DEPTHWISE_ROWS, SPLIT_FUSED, SPLIT_ADD, SPLIT_BLOCK
};

// Chunks per thread of a block step: each chunk starts its bands afresh and recomputes the expanded rows
// its first band shares with the chunk before (one or two rows), so blocks split coarser than other steps:
// one chunk per thread. MobileNetV2 int8 at two threads, three alternated rounds each (load average 1.1-1.4,
// p50 of the rounds where the plan's probes chose to split): 1.78-1.82 ms with one chunk per thread, 1.94-2.14
// with two, 2.21-2.52 with four (vendor-samples/docs/native-npu.md, ninth round).
constexpr int kBlockChunksPerThread = 1;

// A step split into chunks of whole units: chunk i runs units [units * i / chunks, units * (i + 1) / chunks).
struct StepSplit {
    const GraphStep* st = nullptr;
    SplitKind kind = SPLIT_NONE;
    const int8_t* a = nullptr;
    const int8_t* b = nullptr;
    int8_t* y = nullptr;
    int units = 0;
    int chunks = 1;
    int add_dim = 5;          // SPLIT_ADD: the dimension split
    long long add_inner = 1;  // SPLIT_ADD: output elements per index of that dimension
    int add_grain = 1;        // SPLIT_ADD: elements per unit (a whole vector run when the split dimension is the row)
};

// How a step splits, and into how many units; SPLIT_NONE if it is too small or of a kind that stays whole.
inline StepSplit plan_split(const GraphPlan& g, const GraphStep& st, int threads) {
    StepSplit s;
    s.st = &st;
    if (threads <= 1) return s;
    if (st.expand != nullptr) {
        const ConvPlan& d = *st.depthwise;
        const ConvPlan& p = *(const ConvPlan*)st.plan;
        const long long macs = (long long)st.expand->h * st.expand->w * st.expand->m * st.expand->k
                               + (long long)d.oh * d.ow * d.c * d.kh * d.kw + (long long)p.oh * p.ow * p.m * p.k;
        if (macs < g.min_parallel_macs) return s;
        s.kind = SPLIT_BLOCK;  // depthwise output rows, each chunk band by band in its own scratch
        s.units = d.oh;
        s.chunks = std::min(s.units, kBlockChunksPerThread * threads);
        if (s.chunks <= 1) s.kind = SPLIT_NONE;
        return s;
    }
    if (st.kind == STEP_CONV) {
        const ConvPlan& c = *(const ConvPlan*)st.plan;
        const long long pixels = (long long)c.n * c.oh * c.ow;
        const long long macs = pixels * c.m * (c.depthwise ? (long long)c.kh * c.kw : (long long)c.k);
        if (macs < g.min_parallel_macs) return s;
        if (st.fused_add != nullptr) {
            s.kind = SPLIT_FUSED;  // whole panels, each thread's share in chunks of its own tile
            s.units = (int)((pixels + kPanelRows - 1) / kPanelRows);
        } else if (c.depthwise) {
            s.kind = SPLIT_DEPTHWISE_ROWS;
            s.units = c.n * c.oh;
        } else if (c.direct()) {
            s.kind = SPLIT_DIRECT_ROWS;  // direct() implies one image
            s.units = c.oh;
        } else {
            s.kind = SPLIT_GEMM_PANELS;  // whole panels: the same tiles as one thread runs
            s.units = (int)((pixels + kPanelRows - 1) / kPanelRows);
        }
    } else if (st.kind == STEP_ADD) {
        const AddPlan& a = *(const AddPlan*)st.plan;
        long long elements = 1;
        for (int d = 0; d < 6; d++) elements *= a.dims[d];
        if (elements < g.min_parallel_add) return s;
        int d = 0;
        while (d < 5 && a.dims[d] == 1) d++;
        s.kind = SPLIT_ADD;
        s.add_dim = d;
        s.add_inner = 1;
        for (int i = d + 1; i < 6; i++) s.add_inner *= a.dims[i];
        s.add_grain = d == 5 ? 64 : 1;
        s.units = (a.dims[d] + s.add_grain - 1) / s.add_grain;
    } else {
        return s;  // pools, pads, softmax, mean, transpose: small on these models
    }
    s.chunks = std::min(s.units, kChunksPerThread * threads);
    if (s.chunks <= 1) s.kind = SPLIT_NONE;
    return s;
}

inline void run_split_chunk(const void* ctx, int chunk, uint8_t* scratch) {
    const StepSplit& s = *(const StepSplit*)ctx;
    const int u0 = (int)((long long)s.units * chunk / s.chunks);
    const int u1 = (int)((long long)s.units * (chunk + 1) / s.chunks);
    const GraphStep& st = *s.st;
    switch (s.kind) {
        case SPLIT_GEMM_PANELS: {
            const ConvPlan& c = *(const ConvPlan*)st.plan;
            const int pixels = c.n * c.oh * c.ow;
            const int first = u0 * kPanelRows, end = std::min(u1 * kPanelRows, pixels);
            conv_gemm_range(c, s.a, s.y + (size_t)first * c.m, scratch, first, end);
            break;
        }
        case SPLIT_DIRECT_ROWS: {
            const ConvPlan& c = *(const ConvPlan*)st.plan;
            conv_gemm_range(c, s.a, s.y + (size_t)u0 * c.ow * c.m, scratch, u0 * c.ow, u1 * c.ow);
            break;
        }
        case SPLIT_DEPTHWISE_ROWS:
            conv_depthwise_rows(*(const ConvPlan*)st.plan, s.a, s.y, scratch, u0, u1);
            break;
        case SPLIT_FUSED: {
            const ConvPlan& c = *(const ConvPlan*)st.plan;
            const int pixels = c.n * c.oh * c.ow;
            conv_add_range(st, s.a, s.b, s.y, scratch, u0 * kPanelRows, std::min(u1 * kPanelRows, pixels));
            break;
        }
        case SPLIT_ADD: {
            const AddPlan& a = *(const AddPlan*)st.plan;
            const int from = u0 * s.add_grain, to = std::min(u1 * s.add_grain, a.dims[s.add_dim]);
            AddPlan part = a;  // a copy covering indices [from, to) of the split dimension
            part.dims[s.add_dim] = to - from;
            add_run(part, s.a + (size_t)from * a.stride_a[s.add_dim], s.b + (size_t)from * a.stride_b[s.add_dim],
                    s.y + (size_t)from * s.add_inner);
            break;
        }
        case SPLIT_BLOCK: block_step_rows(st, s.a, s.b, s.y, scratch, u0, u1); break;
        case SPLIT_NONE: break;
    }
}

// base: 64-byte aligned, scratch_bytes() - 64 bytes long. Returns -1 when every step ran, else the
// index of the step a worker thread failed in (g.pool->error_message() says how).
inline int graph_run(const GraphPlan& g, int8_t* const* in, int8_t* const* out, uint8_t* base, bool split_steps) {
    int8_t* ptr[256];
    std::vector<int8_t*> many;
    int8_t** slot_ptr = ptr;
    if (g.slots.size() > 256) {
        many.resize(g.slots.size());
        slot_ptr = many.data();
    }
    for (size_t i = 0; i < g.slots.size(); i++) {
        const Slot& s = g.slots[i];
        slot_ptr[i] = s.kind == SLOT_INPUT ? in[s.arg]
                      : s.kind == SLOT_OUTPUT ? out[s.arg]
                      : s.kind == SLOT_ARENA ? (int8_t*)base + s.arg
                                             : s.constant;
    }
    uint8_t* scratch = base + g.arena_bytes;
    const int threads = g.pool != nullptr ? g.pool->workers() + 1 : 1;
    split_steps = split_steps && threads > 1;
    for (size_t i = 0; i < g.steps.size(); i++) {
        const GraphStep& st = g.steps[i];
        const int8_t* a = st.in0 >= 0 ? slot_ptr[st.in0] : nullptr;
        const int8_t* b = st.in1 >= 0 ? slot_ptr[st.in1] : nullptr;
        int8_t* y = slot_ptr[st.out];
        StepSplit split = plan_split(g, st, threads);
        if (split.kind != SPLIT_NONE && split_steps) {
            split.a = a;
            split.b = b;
            split.y = y;
            Job job;
            job.run = run_split_chunk;
            job.ctx = &split;
            job.chunks = split.chunks;
            if (!g.pool->run(job, scratch)) return (int)i;
            if (st.planted_bump && st.fused_add == nullptr) y[0] = (int8_t)(y[0] + 1);
            continue;
        }
        if (st.expand != nullptr) {
            block_step_rows(st, a, b, y, scratch, 0, st.depthwise->oh);
            if (st.planted_bump && st.fused_add == nullptr) y[0] = (int8_t)(y[0] + 1);
            continue;
        }
        if (st.fused_add != nullptr) {
            conv_add_run(st, a, b, y, scratch);
            continue;
        }
        switch (st.kind) {
            case STEP_CONV: conv_run(*(const ConvPlan*)st.plan, a, y, scratch); break;
            case STEP_ADD: add_run(*(const AddPlan*)st.plan, a, b, y); break;
            case STEP_POOL: pool_run(*(const PoolPlan*)st.plan, a, y); break;
            case STEP_PAD: pad_run(*(const PadPlan*)st.plan, a, y); break;
            case STEP_SOFTMAX: softmax_run(*(const SoftmaxPlan*)st.plan, a, y); break;
            case STEP_MEAN: mean_run(*(const MeanPlan*)st.plan, a, y, (int32_t*)scratch); break;
            case STEP_TRANSPOSE: transpose_run(*(const TransposePlan*)st.plan, a, y); break;
        }
        if (st.planted_bump) y[0] = (int8_t)(y[0] + 1);
    }
    return -1;
}

}  // namespace npu

// plans: one borrowed plan per step; fused: per step the borrowed residual Add plan fused into the
// step's conv, or 0; expands, depthwises: per step 0, or the borrowed expansion and depthwise plans of an
// inverted-residual block whose projection is the step's conv (npu_block.h; in0 is then the expansion's input). steps: 5 ints per step (slot of input 0, slot of input 1 or -1 (a fused step:
// the Add's other input), output slot, planted bump 0/1, Fusion). slot_kinds / slot_args: per slot its SlotKind and boundary
// index or arena byte offset (constants are set afterwards with npu_graph_set_constant).
// Returns 0 if an argument is inconsistent (the Java side checked them; this is the last guard
// against out-of-range reads) or memory ran out.
inline long long npu_graph_create(const long long* plans, const long long* fused, const long long* expands,
                                  const long long* depthwises, int step_count, const int* steps, int slot_count,
                                  const int* slot_kinds, const long long* slot_args, int inputs, int outputs,
                                  long long arena_bytes) {
    if (inputs < 0 || outputs < 1 || inputs > npu::kMaxBoundary || outputs > npu::kMaxBoundary || step_count < 1
        || slot_count < 1 || arena_bytes < 0 || arena_bytes % 64 != 0) {
        return 0;
    }
    npu::GraphPlan* g = new (std::nothrow) npu::GraphPlan();
    if (!g) return 0;
    g->inputs = inputs;
    g->outputs = outputs;
    g->arena_bytes = (size_t)arena_bytes;
    bool ok = true;
    try {
        g->slots.resize(slot_count);
        for (int i = 0; i < slot_count && ok; i++) {
            npu::Slot& s = g->slots[i];
            s.kind = (npu::SlotKind)slot_kinds[i];
            s.arg = slot_args[i];
            ok = (s.kind == npu::SLOT_INPUT && s.arg >= 0 && s.arg < inputs)
                 || (s.kind == npu::SLOT_OUTPUT && s.arg >= 0 && s.arg < outputs)
                 || (s.kind == npu::SLOT_ARENA && s.arg >= 0 && s.arg < arena_bytes && s.arg % 64 == 0)
                 || s.kind == npu::SLOT_CONSTANT;
        }
        g->steps.resize(step_count);
        for (int i = 0; i < step_count && ok; i++) {
            npu::GraphStep& st = g->steps[i];
            st.plan = (const npu::Plan*)(intptr_t)plans[i];
            st.in0 = steps[5 * i];
            st.in1 = steps[5 * i + 1];
            st.out = steps[5 * i + 2];
            st.planted_bump = steps[5 * i + 3] != 0;
            st.fusion = (npu::Fusion)steps[5 * i + 4];
            ok = st.plan != nullptr && npu::step_kind_of(st.plan, &st.kind) && st.in0 >= 0 && st.in0 < slot_count
                 && st.in1 >= -1 && st.in1 < slot_count && st.out >= 0 && st.out < slot_count
                 && g->slots[st.out].kind != npu::SLOT_INPUT && g->slots[st.out].kind != npu::SLOT_CONSTANT;
            if (ok && st.fusion != npu::FUSE_NONE) {
                st.fused_add = dynamic_cast<const npu::AddPlan*>((const npu::Plan*)(intptr_t)fused[i]);
                const npu::ConvPlan* conv = dynamic_cast<const npu::ConvPlan*>(st.plan);
                ok = (st.fusion == npu::FUSE_CONV_IS_A || st.fusion == npu::FUSE_CONV_IS_B) && st.fused_add && conv
                     && npu::can_fuse_conv_add(*conv, *st.fused_add) && st.in1 >= 0;
            } else {
                ok = ok && st.fusion == npu::FUSE_NONE && (st.in1 >= 0) == (st.kind == npu::STEP_ADD);
            }
            if (ok && (expands[i] != 0 || depthwises[i] != 0)) {
                st.expand = dynamic_cast<const npu::ConvPlan*>((const npu::Plan*)(intptr_t)expands[i]);
                st.depthwise = dynamic_cast<const npu::ConvPlan*>((const npu::Plan*)(intptr_t)depthwises[i]);
                const npu::ConvPlan* conv = dynamic_cast<const npu::ConvPlan*>(st.plan);
                ok = st.expand && st.depthwise && conv && npu::can_fuse_block(*st.expand, *st.depthwise, *conv);
                if (ok) {
                    st.band_rows_max = npu::block_band_rows(*st.depthwise, npu::kBlockBandBytes);
                    st.band_rows = st.band_rows_max;
                }
            }
            if (ok && st.scratch_bytes() > g->step_scratch) g->step_scratch = st.scratch_bytes();
        }
    } catch (const std::bad_alloc&) {
        ok = false;
    }
    if (!ok) {
        delete g;
        return 0;
    }
    g->step_scratch = npu::round_up(g->step_scratch, 64);
    g->min_parallel_macs = npu::kMinParallelMacs;
    g->min_parallel_add = npu::kMinParallelAddElements;
    return (long long)(intptr_t)g;
}

// Copies a constant's bytes into the graph for a SLOT_CONSTANT slot; 0 if the slot is not one or
// memory ran out.
inline int npu_graph_set_constant(long long graph, int slot, const signed char* data, int bytes) {
    npu::GraphPlan& g = *(npu::GraphPlan*)(intptr_t)graph;
    if (slot < 0 || slot >= (int)g.slots.size() || g.slots[slot].kind != npu::SLOT_CONSTANT || bytes < 0) return 0;
    int8_t* copy = (int8_t*)npu::alloc_zeroed((size_t)bytes);
    if (!copy) return 0;
    std::memcpy(copy, data, (size_t)bytes);
    std::free(g.slots[slot].constant);
    g.slots[slot].constant = copy;
    return 1;
}

// Folds a constant Pad of the spatial dimensions into the Conv that reads it: the conv then reads
// the Pad's input (in_h x in_w) with its leading pads grown by top/left. Legal because the conv
// treats every tap outside its input as the input zero point, which is what the Pad wrote: the
// caller passes the fill value and the fold is refused (0) unless it equals the conv's x_zero and
// the padded size is what the conv was prepared for.
inline int npu_conv_fold_pad(long long conv, int in_h, int in_w, int top, int left, int bottom, int right, int value) {
    npu::ConvPlan* p = dynamic_cast<npu::ConvPlan*>((npu::Plan*)(intptr_t)conv);
    if (p == nullptr || top < 0 || left < 0 || bottom < 0 || right < 0 || value != p->x_zero
        || p->h != in_h + top + bottom || p->w != in_w + left + right) {
        return 0;
    }
    p->h = in_h;
    p->w = in_w;
    p->pad_t += top;
    p->pad_l += left;
    return 1;
}

// Folds an NCHW -> NHWC Transpose of a 1x3xHxW int8 image into the direct conv that alone reads its
// output (ConvPlan::nchw_input): the conv then reads the Transpose's input. Refused (0) unless the conv
// runs direct (the VNNI path) over one 3-channel image of h x w, the size the Transpose writes; every
// other conv keeps the Transpose step.
inline int npu_conv_fold_nchw_transpose(long long conv, int h, int w) {
    npu::ConvPlan* p = dynamic_cast<npu::ConvPlan*>((npu::Plan*)(intptr_t)conv);
    if (p == nullptr || !p->direct() || p->nchw_input || p->n != 1 || p->c != 3 || p->h != h || p->w != w) return 0;
    p->nchw_input = true;
    return 1;
}

// Runs a whole partition on addresses the caller resolved once (npu_buffer_address), so the call
// carries only primitives: no JNI references, no array element or field reads per run (they cost
// about as much as AD's smallest layers). addresses points at graph inputs + outputs + 1 values: the
// boundary inputs, then the boundary outputs, then the scratch buffer (arena first, see above).
// Returns -1, or the index of the step a worker thread failed in (npu_graph_worker_error says how;
// that run's outputs are incomplete).
inline int npu_graph_run(long long plan, long long addresses) {
    npu::count_jni_run();
    npu::GraphPlan& g = *(npu::GraphPlan*)(intptr_t)plan;
    const long long* a = (const long long*)(intptr_t)addresses;
    int8_t* in[npu::kMaxBoundary];
    int8_t* out[npu::kMaxBoundary];
    for (int i = 0; i < g.inputs; i++) in[i] = (int8_t*)(intptr_t)a[i];
    for (int i = 0; i < g.outputs; i++) out[i] = (int8_t*)(intptr_t)a[g.inputs + i];
    uint8_t* base = (uint8_t*)npu::round_up((size_t)a[g.inputs + g.outputs], 64);
    const bool split = g.pool != nullptr && g.split_choice.split_next();
    const auto start = std::chrono::steady_clock::now();
    const int failed = npu::graph_run(g, in, out, base, split);
    if (g.pool != nullptr) {
        g.split_choice.record(split, std::chrono::duration_cast<std::chrono::nanoseconds>(
                                         std::chrono::steady_clock::now() - start).count());
    }
    return failed;
}

// The message of the last worker failure npu_graph_run reported (valid until the next one), or "".
inline const char* npu_graph_worker_error(long long graph) {
    const npu::GraphPlan& g = *(const npu::GraphPlan*)(intptr_t)graph;
    return g.pool != nullptr ? g.pool->error_message() : "";
}

// The address of a direct buffer's byte at its position (JavaCPP's glue adds the position), for
// callers that resolve it once and pass it as a number.
inline long long npu_buffer_address(signed char* bytes) { return (long long)(intptr_t)bytes; }

// Lets the graph use up to `threads` threads (the caller and threads - 1 workers, at most one per
// processor, none if no step is large enough to split): starts or replaces the plan's worker pool, or
// stops it. Returns a positive number, or 0 if a worker thread could not be started or its scratch
// allocated (the plan then runs on the caller alone).
inline int npu_graph_set_threads(long long graph, int threads) {
    npu::GraphPlan& g = *(npu::GraphPlan*)(intptr_t)graph;
    const int cpus = (int)std::thread::hardware_concurrency();
    int want = threads < 1 ? 1 : threads;
    if (cpus > 0 && want > cpus) want = cpus;
    // a graph none of whose steps would split (AD's GEMVs, KWS) keeps running on the caller, with no thread
    bool splits = false;
    for (const npu::GraphStep& st : g.steps) splits = splits || npu::plan_split(g, st, want).kind != npu::SPLIT_NONE;
    if (!splits) want = 1;
    const int have = g.pool != nullptr ? g.pool->workers() + 1 : 1;
    if (want == have) return threads < 1 ? 1 : threads;
    delete g.pool;
    g.pool = nullptr;
    if (want == 1) return threads < 1 ? 1 : threads;
    try {
        g.pool = new npu::WorkerPool(want - 1, g.step_scratch + 64);
    } catch (...) {
        g.pool = nullptr;
        return 0;
    }
    return threads;
}

// Test hook: the next chunk a worker of the graph runs fails (1), or 0 if the graph has no workers.
inline int npu_graph_fail_worker_for_test(long long graph) {
    npu::GraphPlan& g = *(npu::GraphPlan*)(intptr_t)graph;
    if (g.pool == nullptr) return 0;
    g.pool->fail_next_worker_chunk();
    return 1;
}

// Test hook: the graph splits every conv of at least macs multiply-adds and every Add of at least
// elements elements (0, 0: every step that has more than one unit of work).
inline void npu_graph_set_split_threshold_for_test(long long graph, long long macs, long long elements) {
    npu::GraphPlan& g = *(npu::GraphPlan*)(intptr_t)graph;
    g.min_parallel_macs = macs;
    g.min_parallel_add = elements;
    g.split_choice.force_split();
}

// How many times the graph's runs have measured splitting against running whole and chosen (npu_split_choice.h).
inline long long npu_graph_split_decisions(long long graph) {
    return ((const npu::GraphPlan*)(intptr_t)graph)->split_choice.decisions();
}

// Worker threads alive in this process (all plans).
inline int npu_live_workers() { return npu::live_workers().load(); }

// 1 if the three conv plans can run as one inverted-residual block (see can_fuse_block), else 0.
inline int npu_can_fuse_block(long long expand, long long depthwise, long long project) {
    const npu::ConvPlan* e = dynamic_cast<const npu::ConvPlan*>((const npu::Plan*)(intptr_t)expand);
    const npu::ConvPlan* d = dynamic_cast<const npu::ConvPlan*>((const npu::Plan*)(intptr_t)depthwise);
    const npu::ConvPlan* p = dynamic_cast<const npu::ConvPlan*>((const npu::Plan*)(intptr_t)project);
    return e != nullptr && d != nullptr && p != nullptr && npu::can_fuse_block(*e, *d, *p) ? 1 : 0;
}

// Test hook: every block step of the graph runs bands of `rows` depthwise output rows (at most the height its
// scratch was sized for, at least 1). Returns the number of block steps.
inline int npu_graph_set_band_rows_for_test(long long graph, int rows) {
    npu::GraphPlan& g = *(npu::GraphPlan*)(intptr_t)graph;
    int blocks = 0;
    for (npu::GraphStep& st : g.steps) {
        if (st.expand == nullptr) continue;
        st.band_rows = std::max(1, std::min(rows, st.band_rows_max));
        blocks++;
    }
    return blocks;
}

// 1 if the conv plan can run fused with the add plan (see can_fuse_conv_add), else 0.
inline int npu_can_fuse_conv_add(long long conv, long long add) {
    const npu::ConvPlan* c = dynamic_cast<const npu::ConvPlan*>((const npu::Plan*)(intptr_t)conv);
    const npu::AddPlan* a = dynamic_cast<const npu::AddPlan*>((const npu::Plan*)(intptr_t)add);
    return c != nullptr && a != nullptr && npu::can_fuse_conv_add(*c, *a) ? 1 : 0;
}

inline long long npu_jni_run_calls() { return npu::jni_run_calls().load(std::memory_order_relaxed); }
