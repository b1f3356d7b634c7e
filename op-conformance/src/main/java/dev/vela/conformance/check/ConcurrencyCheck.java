package dev.vela.conformance.check;

import dev.vela.conformance.cases.OpCase;
import dev.vela.conformance.property.CaseDiscarded;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Concurrent invocation: when {@link Kernel#isConcurrent()} is true, several threads invoke one
 * prepared kernel at once, each with its own inputs (the case's, rotated by the thread's number
 * so that shared state shows), outputs and scratch, and each result must equal what the same
 * kernel computes for those inputs alone.
 */
public final class ConcurrencyCheck extends CaseCheck {

    /** Invocations per thread per case. */
    private static final int ITERATIONS = 3;

    private static final long TIMEOUT_SECONDS = 30;

    @Override
    public String id() {
        return "concurrency";
    }

    @Override
    public String title() {
        return "concurrent invocations (isConcurrent() true) give the sequential results";
    }

    @Override
    protected int tries(CheckSettings settings) {
        return Math.min(settings.budget().maxTries(), settings.concurrencyTries());
    }

    @Override
    protected void verify(OpCase c, ClaimContext ctx) {
        Harness.requireSupported(ctx, c.node());
        int threads = ctx.settings().threads();
        try (Kernel k = Harness.prepareVendor(ctx, c.node())) {
            CaseDiscarded.assume(k.isConcurrent(), "kernel is not concurrent (isConcurrent() is false)");
            List<List<Tensor>> inputs = new ArrayList<>();
            List<List<Tensor>> expected = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<Tensor> in = Harness.rotated(c, t);
                inputs.add(in);
                List<Tensor> out = Harness.allocate(Harness.outputTypes(k), (byte) 0);
                Harness.invokeVendor(k, in, out);
                expected.add(out);
            }
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CyclicBarrier start = new CyclicBarrier(threads);
            List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(Workers.POOL.submit(
                        () -> work(k, thread, threads, inputs.get(thread), expected.get(thread), start, failure)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            for (java.util.concurrent.Future<?> w : workers) {
                try {
                    w.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new KitError("interrupted while waiting for concurrent invocations", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    failure.compareAndSet(null, e.getCause());
                } catch (TimeoutException e) {
                    workers.forEach(x -> x.cancel(true));
                    throw new CheckFailure(
                            "concurrent invocations did not finish within " + TIMEOUT_SECONDS + " s (deadlock?)");
                }
            }
            Throwable f = failure.get();
            if (f instanceof CheckFailure cf) {
                throw cf;
            }
            if (f != null) {
                throw new CheckFailure("invoke() threw when called concurrently: " + f, f);
            }
        }
    }

    private static void work(
            Kernel k,
            int thread,
            int threads,
            List<Tensor> in,
            List<Tensor> expected,
            CyclicBarrier start,
            AtomicReference<Throwable> failure) {
        try {
            start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            for (int it = 0; it < ITERATIONS && failure.get() == null; it++) {
                List<Tensor> out = Harness.allocate(k.outputTypes(), (byte) 0);
                k.invoke(Invocation.of(in, out, Harness.scratch(k), 1, Harness.freshState(k)));
                for (int o = 0; o < out.size(); o++) {
                    int e = Harness.firstDifferentElement(out.get(o), expected.get(o));
                    if (e >= 0) {
                        failure.compareAndSet(
                                null,
                                new CheckFailure("thread " + thread + " of " + threads + " (inputs rotated by " + thread
                                        + "), invocation " + it
                                        + ": output " + o + " element " + Harness.element(out.get(o), e)
                                        + " differs from the same kernel's sequential result "
                                        + Harness.element(expected.get(o), e)
                                        + " (state shared between invocations?)"));
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (BrokenBarrierException | TimeoutException e) {
            failure.compareAndSet(null, new KitError("threads did not start together", e));
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }
}
