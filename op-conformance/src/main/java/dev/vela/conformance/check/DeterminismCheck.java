package dev.vela.conformance.check;

import dev.vela.conformance.cases.OpCase;
import dev.vela.spi.Kernel;
import dev.vela.spi.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Determinism: the same inputs give bit-identical outputs, at every thread count a kernel is given
 * ({@code Invocation.threads()}), however often and alongside whatever else it runs. With one thread: invoked
 * twice on one kernel and once on a freshly prepared one. With 2, 3 and 8 threads: the first result, then
 * {@value #REPETITIONS} more from each of several workers at once, some on kernels prepared separately for the
 * same node and, when the kernel declares itself concurrent, some on the same kernel. A kernel that splits a
 * reduction between threads must combine the partial results in a fixed order: adding them as the threads
 * finish gives results that differ in the last bits from run to run, which the concurrent runs (busy cores,
 * threads finishing in another order) show. Results may differ between thread counts (the numerics check holds
 * each to the reference); never within one.
 */
public final class DeterminismCheck extends CaseCheck {

    /**
     * The thread counts besides 1: an even split, an uneven one (two partial sums add the same in either order,
     * three need not), and more threads than a small machine has cores, so which thread finishes last varies.
     */
    static final int[] THREAD_COUNTS = {2, 3, 8};

    /** Invocations per worker per thread count. */
    static final int REPETITIONS = 4;

    /**
     * Threads that only spin while the workers run, one per core: a kernel's own threads are then preempted at
     * varying points, so the order in which they finish varies from one repetition to the next even on an idle
     * machine, where it would otherwise almost always be the order they were started in.
     */
    static final int NOISE_THREADS = Runtime.getRuntime().availableProcessors();

    private static final long TIMEOUT_SECONDS = 30;

    @Override
    public String id() {
        return "determinism";
    }

    @Override
    public String title() {
        return "the same inputs give bit-identical outputs, with 1, 2, 3 and 8 threads and invoked concurrently";
    }

    /**
     * The concurrency check's number of cases at most (20 by default): each case here runs dozens of invocations
     * on several threads, and the first cases of a run already hold the long reductions and large shapes.
     */
    @Override
    protected int tries(CheckSettings settings) {
        return Math.min(settings.budget().maxTries(), settings.concurrencyTries());
    }

    @Override
    protected void verify(OpCase c, ClaimContext ctx) {
        Harness.requireSupported(ctx, c.node());
        List<Kernel> workerKernels = new ArrayList<>();
        Kernel k = Harness.prepareVendor(ctx, c.node());
        try {
            List<Tensor> first = invoke(k, c, 1);
            compare(first, invoke(k, c, 1), "a second invocation of the same kernel");
            compare(first, Harness.runVendor(ctx, c, (byte) 0), "an invocation of a freshly prepared kernel");
            int workers = Math.max(2, ctx.settings().threads());
            for (int w = 0; w < workers; w++) {
                workerKernels.add(k.isConcurrent() && w % 2 == 1 ? k : Harness.prepareVendor(ctx, c.node()));
            }
            for (int threads : THREAD_COUNTS) {
                List<Tensor> base = invoke(k, c, threads);
                concurrently(workerKernels, k, c, threads, base);
            }
        } finally {
            for (Kernel s : workerKernels) {
                if (s != k) { // the shared kernel is closed once, below
                    s.close();
                }
            }
            k.close();
        }
    }

    private static List<Tensor> invoke(Kernel k, OpCase c, int threads) {
        List<Tensor> out = Harness.allocate(Harness.outputTypes(k), (byte) 0);
        Harness.invokeVendor(k, c.inputs(), out, threads);
        return out;
    }

    private static void concurrently(List<Kernel> kernels, Kernel shared, OpCase c, int threads, List<Tensor> base) {
        List<Callable<Void>> work = new ArrayList<>();
        for (int w = 0; w < kernels.size(); w++) {
            Kernel k = kernels.get(w);
            String which = (k == shared ? "the same kernel" : "a separately prepared kernel") + " (worker " + w + " of "
                    + kernels.size() + " running at once)";
            work.add(() -> {
                for (int r = 0; r < REPETITIONS; r++) {
                    compare(
                            base,
                            invoke(k, c, threads),
                            "invocation " + (r + 1) + " with " + threads + " threads on " + which
                                    + "; the first invocation with " + threads
                                    + " threads gave the value before 'then'");
                }
                return null;
            });
        }
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Future<?>> noise = new ArrayList<>();
        for (int n = 0; n < NOISE_THREADS; n++) {
            noise.add(Workers.POOL.submit(() -> spin(running)));
        }
        try {
            awaitAll(work, threads);
        } finally {
            running.set(false);
            noise.forEach(f -> f.cancel(true));
        }
    }

    /** Busy work with short pauses, until told to stop: varies which thread the scheduler runs when. */
    private static void spin(java.util.concurrent.atomic.AtomicBoolean running) {
        long x = 1;
        while (running.get() && !Thread.currentThread().isInterrupted()) {
            for (int i = 0; i < 20_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            if ((x & 3) == 0) {
                Thread.yield();
            }
        }
    }

    private static void awaitAll(List<Callable<Void>> work, int threads) {
        List<Future<Void>> futures = new ArrayList<>();
        for (Callable<Void> w : work) {
            futures.add(Workers.POOL.submit(w));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        for (Future<Void> f : futures) {
            try {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KitError("interrupted while waiting for concurrent invocations", e);
            } catch (TimeoutException e) {
                futures.forEach(x -> x.cancel(true));
                throw new CheckFailure("concurrent invocations with " + threads + " threads did not finish within "
                        + TIMEOUT_SECONDS + " s (deadlock?)");
            } catch (ExecutionException e) {
                futures.forEach(x -> x.cancel(true));
                if (e.getCause() instanceof CheckFailure cf) {
                    throw cf;
                }
                throw new CheckFailure(
                        "invoke() threw when called concurrently with " + threads + " threads: " + e.getCause(),
                        e.getCause());
            }
        }
    }

    private static void compare(List<Tensor> first, List<Tensor> other, String what) {
        for (int i = 0; i < first.size(); i++) {
            int e = Harness.firstDifferentElement(first.get(i), other.get(i));
            if (e >= 0) {
                throw new CheckFailure("output " + i + " differs in " + what + ": element "
                        + Harness.element(first.get(i), e) + " then " + Harness.element(other.get(i), e));
            }
        }
    }
}
