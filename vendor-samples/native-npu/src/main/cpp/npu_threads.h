// The worker threads a partition plan uses when its invocation allows more than one thread (issue 15
// item 4). A WorkerPool is created once per plan (npu_graph_set_threads) and lives until the plan is
// freed; its workers are parked between runs, so a run creates no thread and allocates nothing.
//
// A parallel step is a Job of `chunks` pieces with fixed bounds (whole 64-pixel panels, whole output
// rows, runs of Add elements): each chunk is computed by the same code whichever thread takes it, so
// outputs are byte-identical at every thread count. The caller and the workers claim chunks from one
// counter; the caller never waits for a worker to *start* (a parked or descheduled worker just leaves
// its chunks to the caller), only for chunks a worker has claimed to finish. That alone does not keep
// two threads from being slower than one on a loaded machine (a running worker takes CPU the caller
// would have had): whether a plan splits at all is measured on its runs, npu_split_choice.h.
//
// A worker that fails (an exception out of a chunk) still counts its chunk as finished and records the
// message; the caller reports it after the step instead of hanging.
#pragma once

#include <pthread.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "npu_plans.h"

namespace npu {

// Worker threads alive in this process (started and not yet returned): the leak test reads it.
inline std::atomic<int>& live_workers() {
    static std::atomic<int> n{0};
    return n;
}

inline void cpu_relax() { __builtin_ia32_pause(); }

// One parallel step: chunk i is run(ctx, i, scratch) with the running thread's own scratch.
struct Job {
    void (*run)(const void* ctx, int chunk, uint8_t* scratch) = nullptr;
    const void* ctx = nullptr;
    int chunks = 0;
};

class WorkerPool {
public:
    // How long a worker spins for the next step before it parks on the condition variable: longer
    // than the gap between two steps of a run, short, because a spinning worker slows the caller on this
    // machine's two shared cores (MobileNetV2 at two threads against one, under load: 1.52x with 200 us,
    // 1.14x with 20 us, 1.07x parking at once; docs/native-npu.md, "Two threads").
    static constexpr std::chrono::microseconds kSpin{20};

    // workers: threads besides the caller; scratch_bytes: each worker's private scratch (a step's
    // own scratch, 64-byte aligned). Throws std::bad_alloc or std::system_error.
    WorkerPool(int workers, size_t scratch_bytes) {
        scratch_.reserve(workers);
        for (int i = 0; i < workers; i++) {
            void* s = alloc_zeroed(scratch_bytes);
            if (s == nullptr) {
                release_scratch();
                throw std::bad_alloc();
            }
            scratch_.push_back((uint8_t*)s);
        }
        try {
            threads_.reserve(workers);
            for (int i = 0; i < workers; i++) {
                // counted and named here, not in the thread, so both are true once the pool exists
                live_workers().fetch_add(1, std::memory_order_relaxed);
                try {
                    threads_.emplace_back([this, i] { work(i); });
                } catch (...) {
                    live_workers().fetch_sub(1, std::memory_order_relaxed);
                    throw;
                }
                pthread_setname_np(threads_.back().native_handle(), "npu-worker");
            }
        } catch (...) {
            stop_and_join();
            release_scratch();
            throw;
        }
    }

    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    ~WorkerPool() {
        stop_and_join();
        release_scratch();
    }

    int workers() const { return (int)threads_.size(); }

    // Runs every chunk of job on the caller (with caller_scratch) and the workers; returns once all
    // are finished. false if a worker failed: error_message() says how.
    bool run(const Job& job, uint8_t* caller_scratch) {
        if (job.chunks <= 0) return true;
        if (job.chunks > kMaxChunks) {
            for (int c = 0; c < job.chunks; c++) job.run(job.ctx, c, caller_scratch);
            return true;
        }
        run_.store(job.run, std::memory_order_relaxed);
        ctx_.store(job.ctx, std::memory_order_relaxed);
        done_.store(0, std::memory_order_relaxed);
        generation_ = (generation_ + 1) & 0xffffffffu;
        if (generation_ == 0) generation_ = 1;  // 0 means "stop" to a waiting worker
        // a claim is a compare-and-swap of generation, chunk count and next chunk together: a worker
        // still looking at the last step can never claim a chunk of this one, and one that claims a
        // chunk of this step reads this step's parameters (published before this store)
        next_.store(generation_ << 32 | (uint64_t)job.chunks << 16, std::memory_order_seq_cst);
        if (sleepers_.load(std::memory_order_seq_cst) > 0) {
            std::lock_guard<std::mutex> lock(mutex_);
            wake_.notify_all();
        }
        int mine = 0;
        for (int c; (c = claim(generation_)) >= 0; mine++) job.run(job.ctx, c, caller_scratch);
        if (mine < job.chunks) {
            done_.fetch_add(mine, std::memory_order_acq_rel);
            for (int spins = 0; done_.load(std::memory_order_acquire) < job.chunks; spins++) {
                if (spins < 4096) {
                    cpu_relax();
                } else {
                    std::this_thread::yield();  // the worker was descheduled mid-chunk
                }
            }
        }
        return !failed_.exchange(false, std::memory_order_acq_rel);
    }

    // The last failure's message; the caller reads it after run returned false, when no worker writes it.
    const char* error_message() {
        std::lock_guard<std::mutex> lock(mutex_);
        return error_.c_str();
    }

    // Test hook: the next chunk a worker runs throws instead (the failure test's fault).
    void fail_next_worker_chunk() { fail_next_.store(true, std::memory_order_release); }

private:
    static constexpr int kMaxChunks = 0xffff;

    // The next unclaimed chunk of generation gen, or -1.
    int claim(uint64_t gen) {
        uint64_t v = next_.load(std::memory_order_acquire);
        for (;;) {
            const int index = (int)(v & 0xffff);
            if ((v >> 32) != gen || index >= (int)((v >> 16) & 0xffff)) return -1;
            if (next_.compare_exchange_weak(v, v + 1, std::memory_order_acq_rel, std::memory_order_acquire)) {
                return index;
            }
        }
    }

    void work(int index) {
        uint64_t seen = 0;
        for (;;) {
            uint64_t gen = wait_for_step(seen);
            if (gen == 0) break;
            seen = gen;
            for (int c; (c = claim(gen)) >= 0;) {
                void (*run)(const void*, int, uint8_t*) = run_.load(std::memory_order_relaxed);
                const void* ctx = ctx_.load(std::memory_order_relaxed);
                try {
                    if (fail_next_.exchange(false, std::memory_order_acq_rel)) {
                        throw std::runtime_error("injected worker fault (test hook)");
                    }
                    run(ctx, c, scratch_[index]);
                } catch (const std::exception& e) {
                    record(e.what());
                } catch (...) {
                    record("unknown exception");
                }
                done_.fetch_add(1, std::memory_order_acq_rel);
            }
        }
        live_workers().fetch_sub(1, std::memory_order_relaxed);
    }

    // The generation of the next step after seen (its parameters are visible), or 0 to stop.
    uint64_t wait_for_step(uint64_t seen) {
        const auto until = std::chrono::steady_clock::now() + kSpin;
        for (int spins = 0;; spins++) {
            if (stop_.load(std::memory_order_acquire)) return 0;
            const uint64_t gen = next_.load(std::memory_order_seq_cst) >> 32;
            if (gen != seen) return gen;
            if ((spins & 63) == 63 && std::chrono::steady_clock::now() > until) break;
            cpu_relax();
        }
        std::unique_lock<std::mutex> lock(mutex_);
        sleepers_.fetch_add(1, std::memory_order_seq_cst);
        uint64_t gen = 0;
        wake_.wait(lock, [&] {
            gen = next_.load(std::memory_order_seq_cst) >> 32;
            return stop_.load(std::memory_order_acquire) || gen != seen;
        });
        sleepers_.fetch_sub(1, std::memory_order_seq_cst);
        return stop_.load(std::memory_order_acquire) ? 0 : gen;
    }

    void record(const char* what) {
        std::lock_guard<std::mutex> lock(mutex_);
        error_ = what;
        failed_.store(true, std::memory_order_release);
    }

    void stop_and_join() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stop_.store(true, std::memory_order_release);
            wake_.notify_all();
        }
        for (std::thread& t : threads_) {
            if (t.joinable()) t.join();
        }
        threads_.clear();
    }

    void release_scratch() {
        for (uint8_t* s : scratch_) std::free(s);
        scratch_.clear();
    }

    std::vector<std::thread> threads_;
    std::vector<uint8_t*> scratch_;
    uint64_t generation_ = 0;  // the caller's alone
    std::atomic<uint64_t> next_{0};  // generation << 32 | chunk count << 16 | next unclaimed chunk
    std::atomic<void (*)(const void*, int, uint8_t*)> run_{nullptr};
    std::atomic<const void*> ctx_{nullptr};
    std::atomic<int> done_{0};
    std::atomic<int> sleepers_{0};
    std::atomic<bool> stop_{false};
    std::atomic<bool> failed_{false};
    std::atomic<bool> fail_next_{false};
    std::mutex mutex_;
    std::condition_variable wake_;
    std::string error_;
};

}  // namespace npu
