package dev.vela.samples.javacpu.conformance;

import dev.vela.conformance.ConformanceKit;
import dev.vela.conformance.check.Checks;
import dev.vela.conformance.check.ConformanceCheck;
import dev.vela.conformance.report.CheckResult;
import dev.vela.conformance.report.CheckStatus;
import dev.vela.conformance.report.ClaimReport;
import dev.vela.conformance.report.ConformanceReport;
import dev.vela.samples.javacpu.JavaCpuProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * java-cpu must certify whatever seed the admission authority derives (maven-plugin/README.md, "the seed"), not
 * only the seed one build happens to get: this runs the kit at seeds 1..20 and judges each claim as the gate does
 * (every check passed or did not apply, numerics ran on at least one case). Fewer tries per seed than a
 * certification keeps it quick; {@code -Pseed-soak} runs more seeds with the gate's full case budget.
 *
 * <p>The latency check is left out: a timing verdict on a loaded build machine says nothing about a seed.
 * {@code -Dvela.seeds.first}, {@code .count} and {@code .tries} change the run.
 */
class ManySeedsCertificationTest {

    private static final long FIRST_SEED = Long.getLong("vela.seeds.first", 1);
    private static final int SEEDS = Integer.getInteger("vela.seeds.count", 20);
    private static final int TRIES = Integer.getInteger("vela.seeds.tries", 6);
    /**
     * Pooling claims get more: supports() declines their 1-D and 3-D cases by design (about three in four of
     * GlobalAveragePool's, see JavaCpuConformanceSuite), and a handful of tries could leave numerics with no case.
     */
    private static final int DECLINING_TRIES = Math.max(TRIES, 24);

    @Test
    void certifiesAtEverySeed() {
        List<ConformanceCheck> checks =
                Checks.all().stream().filter(c -> !c.id().equals("latency")).toList();
        List<String> failures = new ArrayList<>();
        List<String> claims = ConformanceKit.forProvider(new JavaCpuProvider()).claims().keySet().stream()
                .map(Object::toString)
                .toList();
        for (long seed = FIRST_SEED; seed < FIRST_SEED + SEEDS; seed++) {
            for (String claim : claims) {
                int tries = claim.startsWith("MaxPool/") || claim.startsWith("GlobalAveragePool/")
                        ? DECLINING_TRIES
                        : TRIES;
                ConformanceReport report = ConformanceKit.forProvider(new JavaCpuProvider())
                        .withSeed(seed)
                        .withTries(tries)
                        .withMaxTimePerCheck(Duration.ofSeconds(10))
                        .withChecks(checks)
                        .only(claim)
                        .run();
                failures.addAll(failures(seed, report));
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " claim(s) would not certify:\n" + String.join("\n", failures));
        }
    }

    /** The gate's verdict, per claim: a failed or errored check, or numerics that ran no case, refuse it. */
    static List<String> failures(long seed, ConformanceReport report) {
        List<String> out = new ArrayList<>();
        if (report.claims().isEmpty()) {
            out.add("seed " + seed + ": no claim was checked");
        }
        for (ClaimReport c : report.claims()) {
            boolean numericsRan = c.checks().stream()
                    .anyMatch(r ->
                            r.checkId().equals("numerics") && r.status() == CheckStatus.PASSED && r.casesRun() > 0);
            if (!numericsRan) {
                out.add("seed " + seed + " " + c.claim() + ": numerics exercised no case");
            }
            for (CheckResult r : c.checks()) {
                if (r.status() == CheckStatus.FAILED || r.status() == CheckStatus.ERROR) {
                    out.add("seed " + seed + " " + c.claim() + "#" + r.checkId() + " " + r.status() + ": " + r.message()
                            + "\n" + r.details());
                }
            }
        }
        return out;
    }
}
