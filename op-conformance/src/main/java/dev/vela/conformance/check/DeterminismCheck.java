package dev.vela.conformance.check;

import dev.vela.conformance.cases.OpCase;
import dev.vela.spi.Kernel;
import dev.vela.spi.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Determinism: the same inputs give bit-identical outputs, at every thread count a kernel is given
 * ({@code Invocation.threads()}), however often and alongside whatever else it runs. With one thread: invoked
 * twice on one kernel and once on a freshly prepared one. With 2, 3 and 8 threads: the first result per thread
 * count, then {@value #REPETITIONS} more per thread count from each of several workers at once, some on kernels
 * prepared separately for the same node and, when the kernel declares itself concurrent, some on the same kernel.
 * The workers go through the thread counts from different starting points, so invocations with different thread
 * counts overlap too. A kernel that splits a reduction between threads must combine the partial results in a
 * fixed order: adding them as the threads finish gives results that differ in the last bits from run to run,
 * which the concurrent runs (busy cores, threads finishing in another order) show. Results may differ between
 * thread counts (the numerics check holds each to the reference); never within one.
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
     * Noise threads while the workers run, one per core: a kernel's own threads are then preempted at varying
     * points, so the order in which they finish varies from one repetition to the next even on an idle machine,
     * where it would otherwise almost always be the order they were started in.
     */
    static final int NOISE_THREADS = Runtime.getRuntime().availableProcessors();

    /**
     * Longest pause of a noise thread between bursts, in nanoseconds. Each noise thread alternates pauses and busy
     * bursts of random lengths (busy about a fifth of the time): every wake-up takes a core from whatever thread runs
     * there at that moment, a point that varies from one invocation to the next. Threads spinning without pause (as
     * an earlier kit did) took both cores of a small machine for the whole check, made it five times slower and were
     * most of the gate's CPU time; on the planted kernel that adds partial sums in completion order, the bursts
     * caught as many cases as spinning did (measured over 72 cases, op-conformance/README.md).
     */
    static final long NOISE_PAUSE_NANOS = 200_000;

    /** Longest busy burst of a noise thread, in nanoseconds. */
    static final long NOISE_BURST_NANOS = 50_000;

    private static final long TIMEOUT_SECONDS = 30;

    private static final String THREADS_TEXT =
            Arrays.stream(THREAD_COUNTS).mapToObj(Integer::toString).collect(Collectors.joining(", "));

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
            List<List<Tensor>> bases = new ArrayList<>();
            for (int threads : THREAD_COUNTS) {
                bases.add(invoke(k, c, threads));
            }
            concurrently(workerKernels, k, c, bases);
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

    /**
     * Each worker invokes its kernel {@value #REPETITIONS} times per thread count, starting at another thread count
     * than its neighbour, against the first result with that thread count ({@code bases}, in the order of {@link
     * #THREAD_COUNTS}). One phase for all thread counts: starting and ending the workers and the noise is what
     * costs most for the small cases that most are.
     */
    private static void concurrently(List<Kernel> kernels, Kernel shared, OpCase c, List<List<Tensor>> bases) {
        List<Callable<Void>> work = new ArrayList<>();
        for (int w = 0; w < kernels.size(); w++) {
            Kernel k = kernels.get(w);
            int offset = w;
            String which = (k == shared ? "the same kernel" : "a separately prepared kernel") + " (worker " + w + " of "
                    + kernels.size() + " running at once)";
            work.add(() -> {
                for (int r = 0; r < REPETITIONS; r++) {
                    for (int j = 0; j < THREAD_COUNTS.length; j++) {
                        int t = (j + offset) % THREAD_COUNTS.length;
                        int threads = THREAD_COUNTS[t];
                        compare(
                                bases.get(t),
                                invoke(k, c, threads),
                                "invocation " + (r + 1) + " with " + threads + " threads on " + which
                                        + "; the first invocation with " + threads
                                        + " threads gave the value before 'then'");
                    }
                }
                return null;
            });
        }
        AtomicBoolean running = new AtomicBoolean(true);
        List<Future<?>> noise = new ArrayList<>();
        for (int n = 0; n < NOISE_THREADS; n++) {
            long noiseSeed = System.nanoTime() + n; // noise is meant to differ from run to run
            noise.add(Workers.POOL.submit(() -> noise(running, new SplittableRandom(noiseSeed))));
        }
        try {
            awaitAll(work);
        } finally {
            running.set(false);
            noise.forEach(f -> f.cancel(true));
        }
    }

    /** Pauses and busy bursts of random lengths, until told to stop: varies which thread the scheduler runs when. */
    private static void noise(AtomicBoolean running, SplittableRandom random) {
        long x = 1;
        while (running.get() && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(1_000 + random.nextLong(NOISE_PAUSE_NANOS));
            long until = System.nanoTime() + 1_000 + random.nextLong(NOISE_BURST_NANOS);
            while (System.nanoTime() - until < 0) {
                for (int i = 0; i < 256; i++) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                }
            }
        }
        BURNT.accumulateAndGet(x, (a, b) -> a ^ b); // keeps the busy loop from being optimised away
    }

    /** Where the noise threads' busy loops leave their result, so that the JIT cannot drop them. */
    private static final AtomicLong BURNT = new AtomicLong();

    private static void awaitAll(List<Callable<Void>> work) {
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
                throw new CheckFailure("concurrent invocations with " + THREADS_TEXT + " threads did not finish within "
                        + TIMEOUT_SECONDS + " s (deadlock?)");
            } catch (ExecutionException e) {
                futures.forEach(x -> x.cancel(true));
                if (e.getCause() instanceof CheckFailure cf) {
                    throw cf;
                }
                throw new CheckFailure(
                        "invoke() threw when called concurrently with " + THREADS_TEXT + " threads: " + e.getCause(),
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
