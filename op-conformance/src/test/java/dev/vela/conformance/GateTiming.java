package dev.vela.conformance;

import dev.vela.conformance.property.Budget;
import dev.vela.conformance.report.CheckResult;
import dev.vela.conformance.report.ClaimReport;
import dev.vela.conformance.report.ConformanceReport;
import dev.vela.reference.ReferenceProvider;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Times the gate on the whole reference operator set: every claim of {@link ReferenceProvider}, every check, at
 * the gate's budget ({@link Budget#gate()}) and the seed the gate's misses were reported at, and prints the wall
 * and CPU time of the run, the time per check summed over the claims and the slowest claims. The numbers are what
 * op-conformance/README.md quotes; how to run it is written there.
 *
 * <p>Arguments: {@code [claimThreads] [seed]}, default {@code 1 20261120}.
 */
public final class GateTiming {

    private GateTiming() {}

    /**
     * @param args optional claim threads and seed
     */
    public static void main(String[] args) {
        int claimThreads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261120L;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        ConformanceReport report = ConformanceKit.forProvider(new ReferenceProvider())
                .withSeed(seed)
                .withBudget(Budget.gate())
                .withClaimThreads(claimThreads)
                .run();
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "gate on the reference set: %d claims, %d claim thread(s), seed %d, %d tries within %d s per check%n",
                report.claims().size(),
                claimThreads,
                seed,
                Budget.GATE_TRIES,
                Budget.GATE_SECONDS_PER_CHECK);
        System.out.printf(
                Locale.ROOT,
                "wall %.1f s, process CPU %.1f s, %d available processors; %s%n",
                wall,
                cpu,
                Runtime.getRuntime().availableProcessors(),
                report.summary());
        Map<String, long[]> perCheck = new TreeMap<>();
        List<ClaimReport> claims = new ArrayList<>(report.claims());
        for (ClaimReport c : claims) {
            for (CheckResult r : c.checks()) {
                long[] sum = perCheck.computeIfAbsent(r.checkId(), k -> new long[3]);
                sum[0] += r.durationMillis();
                sum[1] += r.casesRun();
                sum[2] += r.message().contains("time budget reached") ? 1 : 0;
            }
        }
        System.out.println("check                 wall ms (summed)   cases   budget ran out");
        perCheck.forEach((id, s) -> System.out.printf(Locale.ROOT, "%-20s %17d %7d %16d%n", id, s[0], s[1], s[2]));
        claims.sort(Comparator.comparingLong(GateTiming::millis).reversed());
        System.out.println("slowest claims (wall ms, summed over their checks):");
        for (ClaimReport c : claims.subList(0, Math.min(15, claims.size()))) {
            System.out.printf(Locale.ROOT, "%8d  %s%n", millis(c), c.claim());
        }
    }

    private static long millis(ClaimReport c) {
        return c.checks().stream().mapToLong(CheckResult::durationMillis).sum();
    }
}
