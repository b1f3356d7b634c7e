package dev.vela.conformance.broken;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.conformance.ConformanceKit;
import dev.vela.conformance.check.Checks;
import dev.vela.conformance.report.CheckResult;
import dev.vela.conformance.report.CheckStatus;
import dev.vela.conformance.report.ConformanceReport;
import dev.vela.conformance.report.FailureCase;
import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import dev.vela.spi.Support;
import dev.vela.spi.semantics.FusedActivation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kit reaches past small single-threaded plain cases: a kernel wrong only with several threads, only beyond a
 * block size or only with a fused activation is caught, while a vendor that applies fused activations correctly
 * passes and one that declines them is not failed for it.
 */
class ReachBrokenKernelsTest {

    private static final long SEED = 1L;

    static List<BrokenProviders.Broken> broken() {
        return ReachBrokenProviders.all();
    }

    private static CheckResult run(dev.vela.conformance.broken.TestProvider p, String check) {
        ConformanceReport report = ConformanceKit.forProvider(p)
                .withSeed(SEED)
                .withTries(100)
                .withChecks(Checks.only(check))
                .run();
        assertThat(report.claims()).hasSize(1);
        return report.claims().get(0).check(check).orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void isCaughtByTheCheckItTargets(BrokenProviders.Broken b) {
        CheckResult result = run(b.provider(), b.targetCheck());
        System.out.println(
                "== " + b.name() + " -> " + result.checkId() + " " + result.status() + "\n" + result.details() + "\n");
        assertThat(result.status()).as(result.details()).isEqualTo(CheckStatus.FAILED);
        FailureCase f = result.failure().orElseThrow();
        assertThat(f.replay())
                .startsWith("replay: -Dvela.conformance.replay=" + SEED + ":")
                .endsWith("#" + b.targetCheck());
    }

    @Test
    void theThreadedFailureNamesTheThreadCount() {
        CheckResult result = run(ReachBrokenProviders.wrongWithThreads().provider(), "numerics");
        assertThat(result.message()).contains("(invoked with 2 threads)");
    }

    @Test
    void theBlockFailuresShrinkToCasesThatStillCrossTheBlock() {
        FailureCase k = run(ReachBrokenProviders.dropsKBeyondABlock().provider(), "numerics")
                .failure()
                .orElseThrow();
        FailureCase n = run(ReachBrokenProviders.wrongPastAColumnBlock().provider(), "numerics")
                .failure()
                .orElseThrow();
        // shrinking keeps the dimension the kernel gets wrong past the block: 257 is the smallest large size
        assertThat(k.caseDescription()).containsPattern("input 0: float32\\[(\\d+x)*257\\]");
        assertThat(n.caseDescription()).containsPattern("input 1: float32\\[(\\d+x)*257\\]");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Gemm", "MatMul", "Conv", "Add", "Sub", "Mul", "Div"})
    void aVendorApplyingFusedActivationsPassesAndIsTestedOnThem(String op) {
        ConformanceReport report = ConformanceKit.forProvider(ReachBrokenProviders.correctFusing(op, DataType.FLOAT32))
                .withSeed(SEED)
                .withTries(60)
                .withChecks(Checks.only("numerics", "supports-honest", "invalid-nodes"))
                .run();
        assertThat(report.passed()).as(report.summary()).isTrue();
        CheckResult numerics = report.claims().get(0).check("numerics").orElseThrow();
        assertThat(numerics.labels().getOrDefault("fused Relu", 0)
                        + numerics.labels().getOrDefault("fused Clip", 0))
                .as("fused cases run: %s", numerics.labels())
                .isPositive();
    }

    @Test
    void aVendorDecliningFusedActivationsIsNotFailedForIt() {
        // a vendor that says no to the attribute in supports(): those cases are discarded, not failed
        ConformanceReport report = ConformanceKit.forProvider(TestProvider.of(
                        "plain-gemm", new DelegatingFactory("Gemm", DataType.FLOAT32) {
                            @Override
                            public Support supports(Node node) {
                                return FusedActivation.isPresent(node.attributes())
                                        ? Support.no("no fused activations")
                                        : super.supports(node);
                            }
                        }))
                .withSeed(SEED)
                .withTries(60)
                .withChecks(Checks.only("numerics", "supports-honest", "invalid-nodes"))
                .run();
        assertThat(report.passed()).as(report.summary()).isTrue();
        CheckResult numerics = report.claims().get(0).check("numerics").orElseThrow();
        assertThat(numerics.casesDiscarded()).isPositive();
        assertThat(numerics.labels()).doesNotContainKeys("fused Relu", "fused Clip");
    }
}
