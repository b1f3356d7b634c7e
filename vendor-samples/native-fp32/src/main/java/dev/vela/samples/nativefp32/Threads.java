package dev.vela.samples.nativefp32;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Splits a kernel's work units between the calling thread and, when the invocation allows more threads and the
 * work is big enough to pay for a hand-off, workers of a provider-owned pool. Below {@link #MIN_FLOPS} the work
 * stays on the caller: on these models most layers take a few microseconds, and handing half of one to another
 * thread costs about as much (far more on a loaded machine), so two threads would be slower than one. Every unit
 * is computed the same way whichever thread takes it, so results do not depend on the thread count.
 */
final class Threads {

    /** Work below this many floating-point operations (2 per multiply-add) runs on one thread. */
    static final long MIN_FLOPS = 1L << 23;

    /** Daemon workers (ForkJoinPool's default); not the common pool, whose parallelism is 1 on 2 cores. */
    private static final ForkJoinPool POOL =
            new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()));

    /** Work on units {@code [from, to)}; {@code share} numbers the thread's share, 0 for the caller. */
    @FunctionalInterface
    interface Body {
        /**
         * @param share 0 for the calling thread, 1.. for workers
         * @param from first unit
         * @param to one past the last unit
         */
        void run(int share, long from, long to);
    }

    private Threads() {}

    /**
     * @param threads the invocation's thread budget
     * @param flops the work of the whole call
     * @param units how many units it splits into
     * @return how many shares to run
     */
    static int shares(int threads, long flops, long units) {
        if (threads <= 1 || flops < MIN_FLOPS) {
            return 1;
        }
        return (int) Math.max(1, Math.min(threads, Math.min(units, flops / (MIN_FLOPS / 2))));
    }

    /**
     * Runs {@code body} over {@code [0, units)} in {@code shares} contiguous shares.
     *
     * @param units work units
     * @param shares from {@link #shares}
     * @param body the work
     */
    static void run(long units, int shares, Body body) {
        if (shares <= 1) {
            body.run(0, 0, units);
            return;
        }
        ForkJoinTask<?>[] others = new ForkJoinTask<?>[shares - 1];
        for (int s = 1; s < shares; s++) {
            int share = s;
            long from = units * s / shares;
            long to = units * (s + 1) / shares;
            others[s - 1] = POOL.submit(() -> body.run(share, from, to));
        }
        body.run(0, 0, units / shares);
        for (ForkJoinTask<?> task : others) {
            task.join();
        }
    }
}
