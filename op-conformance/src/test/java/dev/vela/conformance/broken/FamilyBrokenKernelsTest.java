package dev.vela.conformance.broken;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.conformance.ConformanceKit;
import dev.vela.conformance.check.Checks;
import dev.vela.conformance.report.CheckResult;
import dev.vela.conformance.report.CheckStatus;
import dev.vela.conformance.report.ClaimReport;
import dev.vela.conformance.report.ConformanceReport;
import dev.vela.conformance.report.FailureCase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The classic bugs of the elementwise, tensor and linalg families are each caught by the check
 * they target, with a case shrunk below the first failing one and a replay line.
 */
class FamilyBrokenKernelsTest {

    /**
     * Fixed so the test is deterministic. With some seeds a check's first failing case is already
     * minimal (a one-element lane overflowing, one scalar to cast), which leaves nothing to shrink; these seeds make
     * every first failing case larger than minimal, so the assertion that shrinking made it smaller bites.
     */
    private static final long SEED = 1L;

    private static final Map<String, Long> SEED_FOR =
            Map.of("Softmax without max subtraction", 2L, "Cast rounds instead of truncating", 2L);

    static List<BrokenProviders.Broken> broken() {
        return FamilyBrokenProviders.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void isCaughtByTheCheckItTargetsWithAShrunkCase(BrokenProviders.Broken b) {
        long seed = SEED_FOR.getOrDefault(b.name(), SEED);
        ConformanceReport report = ConformanceKit.forProvider(b.provider())
                .withSeed(seed)
                .withTries(100)
                .withChecks(Checks.only(b.targetCheck()))
                .run();
        assertThat(report.claims()).hasSize(1);
        ClaimReport claim = report.claims().get(0);
        CheckResult result = claim.check(b.targetCheck()).orElseThrow();
        System.out.println(
                "== " + b.name() + " -> " + result.checkId() + " " + result.status() + "\n" + result.details() + "\n");

        assertThat(result.status()).as(result.details()).isEqualTo(CheckStatus.FAILED);
        FailureCase f = result.failure().orElseThrow();
        assertThat(f.wasShrunk())
                .as("shrunk %s vs first %s", f.shrunkSize(), f.originalSize())
                .isTrue();
        assertThat(f.replay())
                .startsWith("replay: -Dvela.conformance.replay=" + seed + ":")
                .endsWith("#" + b.targetCheck());
    }
}
