package dev.vela.samples.nativefp32;

/**
 * The process's native worker threads for calls split between threads ({@code fp32_workers.h}): started for the
 * first kernel that runs with more than one thread, shared by every such kernel (the worker that finished one
 * layer is still spinning when the next is handed over; a pool per kernel would wake a parked thread per layer),
 * stopped and joined when the last of them is closed. A call hands its work over without creating a thread or
 * allocating.
 *
 * <p>Work below {@link #MIN_SPLIT_FLOPS} never splits: the hand-off alone costs about what half of it saves. Above
 * it, each kernel measures its own calls split and whole and splits only where that pays ({@code fp32_split.h}).
 */
final class Workers {

    /**
     * Work below this many floating-point operations (2 per multiply-add, about 2.5 us on this machine) runs on
     * one thread without measuring.
     */
    static final long MIN_SPLIT_FLOPS = 1L << 18;

    private static long pool;
    private static int workers;
    private static int users;

    private Workers() {}

    /**
     * Takes a reference to the pool, starting it for the first user with {@code threads - 1} workers (at most one
     * fewer than the processors; the pool keeps that size while it lives).
     *
     * @param threads the first user's thread budget, at least 2
     * @return the pool's handle
     * @throws IllegalStateException when the threads could not be started
     */
    static synchronized long acquire(int threads) {
        if (users == 0) {
            int n = Math.max(1, Math.min(threads - 1, Runtime.getRuntime().availableProcessors() - 1));
            long p = Fp32Native.fp32_workers_create(n);
            if (p == 0) {
                throw new IllegalStateException("native-fp32: worker threads could not be started");
            }
            pool = p;
            workers = n;
        }
        users++;
        return pool;
    }

    /** @return the workers of the live pool (0 when none) */
    static synchronized int workers() {
        return users == 0 ? 0 : workers;
    }

    /** Drops a reference taken by {@link #acquire}; the last one stops and joins the workers. */
    static synchronized void release() {
        if (users > 0 && --users == 0) {
            Fp32Native.fp32_workers_free(pool);
            pool = 0;
            workers = 0;
        }
    }

    /** @return worker threads alive in this process (the native count) */
    static int live() {
        return Fp32Native.fp32_workers_live();
    }
}
