// Whether a partition plan with worker threads splits its steps on this run: decided by measuring the
// plan's own runs both ways. Whether a second thread pays depends on the machine more than on the layer:
// on a quiet two-core machine ResNet-8's split 3x3 convs ran 0.088 -> 0.074 ms, while with other
// processes on both cores (load average 5-7) the same split ran MobileNetV2 1.5x slower than one thread
// (docs/native-npu.md, "Two threads"). So the plan probes: it alternates split and whole runs
// (alternating, so a load that changes over seconds weighs on both alike), compares their medians, and
// keeps a way for the next kDecidedRuns runs before probing again: splitting once it has won two probes
// in a row by kMarginPerMille, running whole otherwise. Two threads then cost at most the probes' share of
// runs done the slower way.
#pragma once

#include <algorithm>
#include <cstdint>

namespace npu {

class SplitChoice {
public:
    static constexpr int kProbeRuns = 16;     // per way, per probe
    static constexpr int kDecidedRuns = 256;  // runs between probes
    // Splitting must beat running whole by this much (per mille) to be chosen: the split costs the other
    // core, which the rest of the machine could use.
    static constexpr int kMarginPerMille = 100;

    // Whether the coming run splits.
    bool split_next() const {
        if (forced_) return true;
        return probing() ? probe_index_ % 2 == 0 : split_;
    }

    // The run that split_next() said split (or not) took nanos.
    void record(bool split, int64_t nanos) {
        if (forced_) return;
        if (!probing()) {
            if (--decided_left_ == 0) probe_index_ = 0;  // probe again
            return;
        }
        (split ? split_times_ : whole_times_)[probe_index_ / 2] = nanos;
        if (++probe_index_ == 2 * kProbeRuns) {
            const int64_t s = median(split_times_), w = median(whole_times_);
            // splitting must win two probes in a row: a probe of a few milliseconds can fall in a moment when
            // the other core happens to be free, and a wrong choice to split costs more than one not to
            wins_ = s * 1000 < w * (1000 - kMarginPerMille) ? wins_ + 1 : 0;
            split_ = wins_ >= 2;
            decided_left_ = kDecidedRuns;
            decisions_++;
        }
    }

    // Test hook: every run splits, no probing.
    void force_split() { forced_ = true; }

    // Whether the last probe chose splitting, and how many probes have decided.
    bool splitting() const { return split_; }
    long long decisions() const { return decisions_; }

private:
    bool probing() const { return probe_index_ < 2 * kProbeRuns; }

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
    bool forced_ = false;
    long long decisions_ = 0;
    int64_t split_times_[kProbeRuns] = {};
    int64_t whole_times_[kProbeRuns] = {};
};

}  // namespace npu
