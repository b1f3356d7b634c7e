package dev.vela.samples.javacpu.support;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Splits a range of independent work items over up to {@code threads} threads: the calling thread
 * takes the first share, a provider-owned {@link ForkJoinPool} the others. The common pool is not
 * used because on a 2-core machine its parallelism is 1, so it could never run two shares at once.
 * Shares are contiguous, and every item is computed the same way whichever share it falls in, so
 * results do not depend on the thread count.
 */
public final class Parallel {

    /** Worker threads are daemons (ForkJoinPool's default), so the pool never keeps a JVM alive. */
    private static final ForkJoinPool POOL =
            new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()));

    /** Work on items {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        /**
         * @param from first item
         * @param to one past the last item
         */
        void run(int from, int to);
    }

    private Parallel() {}

    /**
     * Runs {@code body} over {@code [0, count)}.
     *
     * @param count number of items
     * @param threads how many threads may work (1 = the caller only)
     * @param body the work
     */
    public static void forRange(int count, int threads, RangeBody body) {
        int shares = Math.min(Math.max(1, threads), count);
        if (shares <= 1) {
            if (count > 0) {
                body.run(0, count);
            }
            return;
        }
        ForkJoinTask<?>[] others = new ForkJoinTask<?>[shares - 1];
        for (int s = 1; s < shares; s++) {
            int from = bound(count, shares, s);
            int to = bound(count, shares, s + 1);
            others[s - 1] = POOL.submit(() -> body.run(from, to));
        }
        body.run(0, bound(count, shares, 1));
        for (ForkJoinTask<?> task : others) {
            task.join();
        }
    }

    private static int bound(int count, int shares, int share) {
        return (int) ((long) count * share / shares);
    }
}
