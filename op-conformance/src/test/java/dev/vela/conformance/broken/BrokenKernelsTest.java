package dev.vela.conformance.broken;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.conformance.ConformanceKit;
import dev.vela.conformance.check.Checks;
import dev.vela.conformance.check.LatencyBudget;
import dev.vela.conformance.report.CheckResult;
import dev.vela.conformance.report.CheckStatus;
import dev.vela.conformance.report.ClaimReport;
import dev.vela.conformance.report.ConformanceReport;
import dev.vela.conformance.report.FailureCase;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every deliberately broken kernel is caught by the check it targets, and the reported case is shrunk. */
class BrokenKernelsTest {

    /**
     * Fixed so the test is deterministic. With some seeds the first failing case of a check is
     * already minimal (e.g. two scalar zeros), which leaves nothing to shrink; with this one every
     * first failing case is larger than minimal, so the assertion that shrinking made it smaller bites.
     */
    private static final long SEED = 1L;

    static List<BrokenProviders.Broken> broken() {
        return BrokenProviders.all();
    }

    private static CheckResult runTarget(BrokenProviders.Broken b, long seed) {
        ConformanceReport report = ConformanceKit.forProvider(b.provider())
                .withSeed(seed)
                .withTries(100)
                .withChecks(Checks.only(b.targetCheck()))
                .withLatencyBudget(LatencyBudget.relativeToReference(10, 2))
                .run();
        assertThat(report.claims()).hasSize(1);
        ClaimReport claim = report.claims().get(0);
        return claim.check(b.targetCheck()).orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void isCaughtByTheCheckItTargetsWithAShrunkCase(BrokenProviders.Broken b) {
        CheckResult result = runTarget(b, SEED);
        System.out.println(
                "== " + b.name() + " -> " + result.checkId() + " " + result.status() + "\n" + result.details() + "\n");
        assertThat(result.status()).as(result.details()).isEqualTo(CheckStatus.FAILED);
        if (b.targetCheck().equals("latency")) {
            assertThat(result.latency()).get().satisfies(l -> {
                assertThat(l.medianMillis()).isGreaterThanOrEqualTo(20.0);
                assertThat(l.withinBudget()).isFalse();
            });
            return;
        }
        FailureCase f = result.failure().orElseThrow();
        assertThat(f.wasShrunk())
                .as("shrunk %s vs first %s", f.shrunkSize(), f.originalSize())
                .isTrue();
        assertThat(f.replay())
                .startsWith("replay: -Dvela.conformance.replay=" + SEED + ":")
                .endsWith("#" + b.targetCheck());
    }
}
