// Worker threads for a call that splits between threads (issue 15 item 4), this plugin's own small copy of
// native-npu's npu_threads.h (plugins share nothing but the SPI). One pool serves every kernel of the
// process that may split (the Java side, Workers.java, starts it for the first such kernel invoked with
// more than one thread and joins it when the last of them is closed): ResNet-8's layers run one after
// another through the runtime, each a few tens of microseconds, so the worker that finished one layer is
// still spinning when the next one is handed over, where a pool per kernel would have to wake a parked
// thread for every layer.
//
// A split call is a Job of chunks with fixed bounds (whole units: output pixels, output rows, rows of A),
// claimed by the caller and the workers from one counter. Each unit is computed by the same code whichever
// thread takes it, so the outputs are byte-identical at every thread count. The caller never waits for a
// worker to start (a parked or descheduled worker leaves its chunks to the caller), only for chunks a
// worker has claimed. A worker that fails records the message and still counts its chunk as finished;
// the caller reports it as the invocation's error. Whether a kernel splits at all is measured on its own
// runs (fp32_split.h).
//
// The pool runs one job at a time: a second caller that finds it busy (two sessions invoked at once)
// runs its call whole on its own thread.
#pragma once

#include <pthread.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace f32 {

// Worker threads alive in this process (started and not yet returned): the leak test reads it.
inline std::atomic<int>& live_workers() {
    static std::atomic<int> n{0};
    return n;
}

// Chunk c of a job, run by slot 0 (the caller) or 1.. (a worker): the slot picks the thread's scratch.
struct Job {
    void (*run)(const void* ctx, int chunk, int slot) = nullptr;
    const void* ctx = nullptr;
    int chunks = 0;
};

class WorkerPool {
public:
    // How long a worker spins for the next job before it parks: longer than the gap between two layers of a
    // run (the runtime's per-node cost and the small layers that do not split), short, because a spinning
    // worker takes a core the rest of this two-core machine could use (native-npu measured 20 us as the
    // best of 200 / 20 / 0 under load).
    static constexpr std::chrono::microseconds kSpin{20};
    static constexpr int kMaxChunks = 0xffff;

    // workers: threads besides the caller. Throws std::system_error when a thread cannot be started.
    explicit WorkerPool(int workers) {
        try {
            threads_.reserve(workers);
            for (int i = 0; i < workers; i++) {
                live_workers().fetch_add(1, std::memory_order_relaxed);  // true once the pool exists
                try {
                    threads_.emplace_back([this, i] { work(i + 1); });
                } catch (...) {
                    live_workers().fetch_sub(1, std::memory_order_relaxed);
                    throw;
                }
                pthread_setname_np(threads_.back().native_handle(), "fp32-worker");
            }
        } catch (...) {
            stop_and_join();
            throw;
        }
    }

    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    ~WorkerPool() { stop_and_join(); }

    int workers() const { return (int)threads_.size(); }

    // Takes the pool for one job; false when another caller has it.
    bool try_begin() { return !busy_.exchange(true, std::memory_order_acquire); }
    void end() { busy_.store(false, std::memory_order_release); }

    // Between try_begin and end: runs every chunk of job on the caller and the workers, returns once all
    // are finished. false if a worker failed: error_message() says how.
    bool run(const Job& job) {
        if (job.chunks <= 0) return true;
        if (job.chunks > kMaxChunks || threads_.empty()) {
            for (int c = 0; c < job.chunks; c++) job.run(job.ctx, c, 0);
            return true;
        }
        run_.store(job.run, std::memory_order_relaxed);
        ctx_.store(job.ctx, std::memory_order_relaxed);
        done_.store(0, std::memory_order_relaxed);
        generation_ = (generation_ + 1) & 0xffffffffu;
        if (generation_ == 0) generation_ = 1;  // 0 means "stop" to a waiting worker
        // a claim is a compare-and-swap of generation, chunk count and next chunk together: a worker still
        // looking at the last job can never claim a chunk of this one
        next_.store(generation_ << 32 | (uint64_t)job.chunks << 16, std::memory_order_seq_cst);
        if (sleepers_.load(std::memory_order_seq_cst) > 0) {
            std::lock_guard<std::mutex> lock(mutex_);
            wake_.notify_all();
        }
        int mine = 0;
        for (int c; (c = claim(generation_)) >= 0; mine++) job.run(job.ctx, c, 0);
        if (mine < job.chunks) {
            done_.fetch_add(mine, std::memory_order_acq_rel);
            for (int spins = 0; done_.load(std::memory_order_acquire) < job.chunks; spins++) {
                if (spins < 4096) {
                    __builtin_ia32_pause();
                } else {
                    std::this_thread::yield();  // the worker was descheduled mid-chunk
                }
            }
        }
        return !failed_.exchange(false, std::memory_order_acq_rel);
    }

    // The last failure's message, read by the caller after run returned false.
    std::string error_message() {
        std::lock_guard<std::mutex> lock(mutex_);
        return error_;
    }

    // Test hook: the next chunk a worker runs throws instead.
    void fail_next_worker_chunk() { fail_next_.store(true, std::memory_order_release); }

private:
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

    void work(int slot) {
        uint64_t seen = 0;
        for (;;) {
            const uint64_t gen = wait_for_job(seen);
            if (gen == 0) break;
            seen = gen;
            for (int c; (c = claim(gen)) >= 0;) {
                try {
                    if (fail_next_.exchange(false, std::memory_order_acq_rel)) {
                        throw std::runtime_error("injected worker fault (test hook)");
                    }
                    run_.load(std::memory_order_relaxed)(ctx_.load(std::memory_order_relaxed), c, slot);
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

    // The generation of the next job after seen, or 0 to stop.
    uint64_t wait_for_job(uint64_t seen) {
        const auto until = std::chrono::steady_clock::now() + kSpin;
        for (int spins = 0;; spins++) {
            if (stop_.load(std::memory_order_acquire)) return 0;
            const uint64_t gen = next_.load(std::memory_order_seq_cst) >> 32;
            if (gen != seen) return gen;
            if ((spins & 63) == 63 && std::chrono::steady_clock::now() > until) break;
            __builtin_ia32_pause();
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

    std::vector<std::thread> threads_;
    uint64_t generation_ = 0;        // the pool holder's alone
    std::atomic<uint64_t> next_{0};  // generation << 32 | chunk count << 16 | next unclaimed chunk
    std::atomic<void (*)(const void*, int, int)> run_{nullptr};
    std::atomic<const void*> ctx_{nullptr};
    std::atomic<int> done_{0};
    std::atomic<int> sleepers_{0};
    std::atomic<bool> busy_{false};
    std::atomic<bool> stop_{false};
    std::atomic<bool> failed_{false};
    std::atomic<bool> fail_next_{false};
    std::mutex mutex_;
    std::condition_variable wake_;
    std::string error_;
};

}  // namespace f32
