package dev.vela.conformance.broken;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.conformance.ConformanceKit;
import dev.vela.conformance.check.Checks;
import dev.vela.conformance.report.CheckResult;
import dev.vela.conformance.report.CheckStatus;
import dev.vela.conformance.report.ConformanceReport;
import dev.vela.conformance.report.FailureCase;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The classic convolution, pooling and quantization bugs are caught by the numerics check with a shrunk case. */
class NnQuantizedBrokenKernelsTest {

    private static final long SEED = 1L;

    static List<BrokenProviders.Broken> broken() {
        return NnQuantizedBrokenKernels.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void isCaughtByNumericsWithAShrunkCase(BrokenProviders.Broken b) {
        ConformanceReport report = ConformanceKit.forProvider(b.provider())
                .withSeed(SEED)
                .withTries(100)
                .withChecks(Checks.only(b.targetCheck()))
                .run();
        assertThat(report.claims()).hasSize(1);
        CheckResult result = report.claims().get(0).check(b.targetCheck()).orElseThrow();
        System.out.println(
                "== " + b.name() + " -> " + result.checkId() + " " + result.status() + "\n" + result.details() + "\n");
        assertThat(result.status()).as(result.details()).isEqualTo(CheckStatus.FAILED);
        FailureCase f = result.failure().orElseThrow();
        assertThat(f.wasShrunk())
                .as("shrunk %s vs first %s", f.shrunkSize(), f.originalSize())
                .isTrue();
        assertThat(f.shrunkSize()).isLessThan(f.originalSize());
        assertThat(f.replay())
                .startsWith("replay: -Dvela.conformance.replay=" + SEED + ":")
                .endsWith("#" + b.targetCheck());
    }
}
