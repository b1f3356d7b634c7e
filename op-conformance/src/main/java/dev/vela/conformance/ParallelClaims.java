package dev.vela.conformance;

import dev.vela.conformance.report.CheckResult;
import dev.vela.conformance.report.ClaimReport;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Checks claims on a bounded pool of threads, then runs the checks each claim left for later (those that measure
 * time) one at a time, and reports the claims in the order they were given, whichever finished first.
 */
final class ParallelClaims {

    /** Runs one check a claim left for later. */
    @FunctionalInterface
    interface DeferredCheck {
        /**
         * @param claim the claim
         * @param index the position of the check's result among the claim's results
         * @return the check's result
         */
        CheckResult run(Map.Entry<KernelClaim, KernelFactory> claim, int index);
    }

    private ParallelClaims() {}

    /**
     * @param claims the claims, in report order
     * @param threads claims checked at once
     * @param check one claim's results, null where a check is left for later
     * @param deferred runs such a check
     * @return one report per claim, in the order of {@code claims}
     */
    static List<ClaimReport> run(
            List<Map.Entry<KernelClaim, KernelFactory>> claims,
            int threads,
            Function<Map.Entry<KernelClaim, KernelFactory>, List<CheckResult>> check,
            DeferredCheck deferred) {
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "vela-conformance-claim-" + count.incrementAndGet());
            t.setDaemon(true); // a kernel that never returns fails its check on its own timeout; never keep the JVM
            return t;
        });
        List<Future<List<CheckResult>>> futures = new ArrayList<>();
        try {
            for (Map.Entry<KernelClaim, KernelFactory> c : claims) {
                futures.add(pool.submit(() -> check.apply(c)));
            }
            List<List<CheckResult>> done = new ArrayList<>();
            for (Future<List<CheckResult>> f : futures) {
                done.add(new ArrayList<>(await(f)));
            }
            pool.shutdown(); // every claim is checked: what is left runs alone
            List<ClaimReport> reports = new ArrayList<>();
            for (int i = 0; i < claims.size(); i++) {
                List<CheckResult> results = done.get(i);
                for (int r = 0; r < results.size(); r++) {
                    if (results.get(r) == null) {
                        results.set(r, deferred.run(claims.get(i), r));
                    }
                }
                reports.add(new ClaimReport(claims.get(i).getKey(), results));
            }
            return reports;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<CheckResult> await(Future<List<CheckResult>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking claims", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("checking a claim failed: " + e.getCause(), e.getCause());
        }
    }
}
