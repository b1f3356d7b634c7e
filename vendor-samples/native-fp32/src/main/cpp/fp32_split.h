// A kernel's calls split between the caller and the pool's workers (fp32_workers.h), and whether to split at
// all, decided by measuring the kernel's own calls both ways (this plugin's small copy of native-npu's
// npu_split_choice.h). Whether a second thread pays depends on the layer (a 5 us layer gains less than the
// hand-off and the other core's cold cache cost) and on the machine's load more than on anything known at
// prepare time, so each kernel probes: it alternates split and whole calls (16 each), compares their medians
// and splits for the next 256 calls only once splitting has won two probes in a row by 10 %; otherwise it
// runs whole until the next probe, 256 calls later, twice that after each further lost probe, up to 4096.
// Two threads then cost at most the probes' share of calls done the slower way.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <new>
#include <vector>

#include "fp32_conv.h"
#include "fp32_gemm.h"
#include "fp32_workers.h"

namespace f32 {

class SplitChoice {
public:
    static constexpr int kProbeRuns = 16;     // per way, per probe
    static constexpr int kDecidedRuns = 256;  // calls between probes
    // Splitting must beat running whole by this much (per mille): it costs the other core, which the rest of
    // the machine could use.
    static constexpr int kMarginPerMille = 100;
    static constexpr int kMaxBackoff = 4;  // doublings of kDecidedRuns after probes lost in a row

    bool split_next() const {
        if (forced_) return true;
        return probing() ? probe_index_ % 2 == 0 : split_;
    }

    void record(bool split, int64_t nanos) {
        if (forced_) return;
        if (!probing()) {
            if (--decided_left_ == 0) probe_index_ = 0;  // probe again
            return;
        }
        (split ? split_times_ : whole_times_)[probe_index_ / 2] = nanos;
        if (++probe_index_ == 2 * kProbeRuns) {
            const int64_t s = median(split_times_), w = median(whole_times_);
            // two wins in a row: a probe of a millisecond can fall in a moment when the other core happens to
            // be free, and a wrong choice to split costs more than one not to
            wins_ = s * 1000 < w * (1000 - kMarginPerMille) ? wins_ + 1 : 0;
            split_ = wins_ >= 2;
            // a kernel that keeps losing probes (a small layer, or a machine whose other core stays busy) probes
            // ever more rarely, up to every 4096 calls: its split probes are calls done the slower way
            losses_ = split_ || wins_ > 0 ? 0 : std::min(losses_ + 1, kMaxBackoff);
            decided_left_ = kDecidedRuns << losses_;
            decisions_++;
        }
    }

    // Whether the coming call is a probe, whose time record() needs.
    bool probing() const { return !forced_ && probe_index_ < 2 * kProbeRuns; }

    void force_split() { forced_ = true; }
    bool splitting() const { return forced_ || split_; }
    long long decisions() const { return decisions_; }

private:

    static int64_t median(const int64_t* v) {
        int64_t sorted[kProbeRuns];
        std::copy(v, v + kProbeRuns, sorted);
        std::nth_element(sorted, sorted + kProbeRuns / 2, sorted + kProbeRuns);
        return sorted[kProbeRuns / 2];
    }

    int probe_index_ = 0;
    int decided_left_ = 0;
    bool split_ = false;
    int wins_ = 0;
    int losses_ = 0;
    bool forced_ = false;
    long long decisions_ = 0;
    int64_t split_times_[kProbeRuns] = {};
    int64_t whole_times_[kProbeRuns] = {};
};

// A kernel's split state: its choice, and a scratch of the plan's size for each worker slot, allocated
// once (when the kernel first runs with workers), so a call allocates nothing. Used only by the pool's
// holder, one call at a time.
struct Split {
    SplitChoice choice;
    std::vector<float*> scratch;  // [slot], slot 0 (the caller's own scratch) unused
    ~Split() {
        for (float* s : scratch) std::free(s);
    }
    // The caller's scratch for slot 0, the worker's own otherwise.
    float* scratch_for(int slot, float* caller) const { return slot == 0 ? caller : scratch[slot]; }
};

// The bounds of chunk c of `chunks` over units [0, units), on multiples of align (the last chunk ends at
// units): the same whichever thread runs the chunk.
inline long long chunk_bound(long long units, int chunks, int align, int c) {
    if (c >= chunks) return units;
    const long long b = units * c / chunks / align * align;
    return b < units ? b : units;
}

// How many chunks: four per thread so a late worker leaves whole chunks to the caller, at most one per
// align units.
inline int chunk_count(long long units, int slots, int align, int per_slot) {
    const long long most = (units + align - 1) / align;
    const long long want = (long long)slots * per_slot;
    return (int)(want < most ? want : most);
}

struct ConvJob {
    const ConvPlan* q;
    const float* x;
    float* y;
    float* caller_scratch;
    const Split* split;
    long long units;
    int chunks, align;
};

inline void conv_chunk(const void* ctx, int c, int slot) {
    const ConvJob& j = *(const ConvJob*)ctx;
    const long long u0 = chunk_bound(j.units, j.chunks, j.align, c);
    const long long u1 = chunk_bound(j.units, j.chunks, j.align, c + 1);
    if (u0 >= u1) return;
    if (j.q->depthwise) {
        conv_depthwise_run(*j.q, j.x, j.y, u0, u1);
    } else {
        conv_gemm_run(*j.q, j.x, j.y, j.split->scratch_for(slot, j.caller_scratch), u0, u1);
    }
}

struct FcJob {
    const PackedB* b;
    int isa, k, n;
    float lo, hi;
    const float* a;
    float* y;
    long long rows;
    int chunks, align;
};

inline void fc_chunk(const void* ctx, int c, int /*slot*/) {
    const FcJob& j = *(const FcJob*)ctx;
    const long long r0 = chunk_bound(j.rows, j.chunks, j.align, c);
    const long long r1 = chunk_bound(j.rows, j.chunks, j.align, c + 1);
    if (r0 >= r1) return;
    const Out o{j.y, j.n, 1, j.lo, j.hi};
    gemm(j.isa, j.a + (size_t)r0 * j.k, j.k, (int)(r1 - r0), *j.b, o, (int)r0);
}

// Runs a kernel's call split (pool.run(job)) or whole, as its choice says, timing it for the choice. A pool
// busy with another caller's call runs this one whole, untimed. false if a worker failed.
template <class Whole>
inline bool run_chosen(Split& s, WorkerPool& pool, const Job& job, Whole whole) {
    if (!pool.try_begin()) {
        whole();
        return true;
    }
    const bool split = s.choice.split_next();
    const bool timed = s.choice.probing();  // between probes only the count of calls matters
    const auto t0 = timed ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point();
    bool ok = true;
    if (split) {
        ok = pool.run(job);
    } else {
        whole();
    }
    const int64_t nanos = timed ? std::chrono::duration_cast<std::chrono::nanoseconds>(
                                      std::chrono::steady_clock::now() - t0).count()
                                : 0;
    s.choice.record(split, nanos);
    pool.end();
    return ok;
}

}  // namespace f32
