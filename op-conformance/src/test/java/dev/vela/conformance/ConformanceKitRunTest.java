package dev.vela.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.conformance.broken.BrokenProviders;
import dev.vela.conformance.broken.DelegatingFactory;
import dev.vela.conformance.broken.TestProvider;
import dev.vela.conformance.check.Checks;
import dev.vela.conformance.property.CaseId;
import dev.vela.conformance.report.CheckResult;
import dev.vela.conformance.report.CheckStatus;
import dev.vela.conformance.report.ConformanceReport;
import dev.vela.conformance.report.FailureCase;
import dev.vela.spi.DataType;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import org.junit.jupiter.api.Test;

class ConformanceKitRunTest {

    @Test
    void theReplayLineReproducesTheSameShrunkFailure() {
        TestProvider nan = BrokenProviders.all().stream()
                .filter(b -> b.name().equals("NaN swallowed"))
                .findFirst()
                .orElseThrow()
                .provider();
        CheckResult run = ConformanceKit.forProvider(nan)
                .withSeed(77)
                .withChecks(Checks.only("numerics"))
                .run()
                .claims()
                .get(0)
                .check("numerics")
                .orElseThrow();
        FailureCase f = run.failure().orElseThrow();

        CaseId id = CaseId.parse(f.caseId());
        assertThat(f.replay()).contains(id.replayArgument(), "-Dvela.conformance.only=Relu/float32/ANY#numerics");
        ConformanceReport replayed = ConformanceKit.forProvider(nan)
                .withSeed(id.seed())
                .withReplay(id)
                .only("Relu/float32/ANY#numerics")
                .run();
        CheckResult again = replayed.claims().get(0).checks().get(0);
        assertThat(again.checkId()).isEqualTo("numerics");
        assertThat(again.casesRun()).isEqualTo(1);
        assertThat(again.failure().orElseThrow().caseDescription()).isEqualTo(f.caseDescription());
        assertThat(again.failure().orElseThrow().originalDescription()).isEqualTo(f.originalDescription());
    }

    @Test
    void systemPropertiesSelectSeedTriesReplayAndFilter() {
        System.setProperty("vela.conformance.seed", "5");
        System.setProperty("vela.conformance.tries", "7");
        System.setProperty("vela.conformance.only", "Add/int32/ANY#determinism");
        try {
            ConformanceReport r = ConformanceKit.forProvider(ConformanceKitTest.correctProvider())
                    .withSystemProperties()
                    .run();
            assertThat(r.seed()).isEqualTo(5);
            assertThat(r.tries()).isEqualTo(7);
            assertThat(r.claims()).hasSize(1);
            assertThat(r.claims().get(0).checks())
                    .extracting(CheckResult::checkId)
                    .containsExactly("determinism");
            assertThat(r.claims().get(0).checks().get(0).casesRun()).isEqualTo(7);
        } finally {
            System.clearProperty("vela.conformance.seed");
            System.clearProperty("vela.conformance.tries");
            System.clearProperty("vela.conformance.only");
        }
    }

    @Test
    void everyTypeTheGeneratorsCoverPassesAgainstTheReferenceItself() {
        TestProvider p = TestProvider.of(
                "all-types",
                new DelegatingFactory(
                        "Add", DataType.FLOAT16, DataType.INT8, DataType.UINT8, DataType.INT16, DataType.INT64),
                new DelegatingFactory("Relu", DataType.FLOAT16));
        ConformanceReport r =
                ConformanceKit.forProvider(p).withSeed(11).withTries(50).run();
        assertThat(r.claims()).hasSize(6);
        assertThat(r.passed()).as(r.summary()).isTrue();
        assertThat(r.count(CheckStatus.PASSED)).isEqualTo(6L * Checks.all().size());
    }

    @Test
    void claimsWithoutAGeneratorAreSkippedWithTheReason() {
        TestProvider p = TestProvider.of("f64", new DelegatingFactory("Add", DataType.FLOAT64));
        // the built-in generators cover every reference type of Add; this registry covers only AddCases' types
        ConformanceReport r = ConformanceKit.forProvider(p)
                .withSeed(1)
                .withGenerators(dev.vela.conformance.cases.CaseGenerators.of(
                        java.util.List.of(new dev.vela.conformance.cases.ops.AddCases())))
                .run();
        assertThat(r.claims().get(0).checks()).hasSize(Checks.all().size()).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(CheckStatus.SKIPPED);
            assertThat(c.message()).contains("no case generator covers Add/float64/ANY");
        });
        assertThat(r.passed()).isTrue();
    }

    @Test
    void aKernelThatIsNotConcurrentSkipsOnlyTheConcurrencyCheck() {
        TestProvider p = TestProvider.of("sequential", new DelegatingFactory("Relu", DataType.FLOAT32) {
            @Override
            protected Kernel wrap(Node node, Kernel k) {
                return new ForwardingKernel(k) {
                    @Override
                    public boolean isConcurrent() {
                        return false;
                    }
                };
            }
        });
        ConformanceReport r =
                ConformanceKit.forProvider(p).withSeed(3).withTries(20).run();
        CheckResult concurrency = r.claims().get(0).check("concurrency").orElseThrow();
        assertThat(concurrency.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(concurrency.message()).contains("not concurrent");
        assertThat(r.count(CheckStatus.PASSED)).isEqualTo(Checks.all().size() - 1);
    }

    @Test
    void aKernelThatHangsFailsItsCheckInsteadOfHangingTheRun() {
        TestProvider p = TestProvider.of("hangs", new DelegatingFactory("Relu", DataType.FLOAT32) {
            @Override
            protected Kernel wrap(Node node, Kernel k) {
                return new ForwardingKernel(k) {
                    @Override
                    public void invoke(dev.vela.spi.Invocation inv) {
                        try {
                            Thread.sleep(60_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                };
            }
        });
        long t0 = System.nanoTime();
        ConformanceReport r = ConformanceKit.forProvider(p)
                .withSeed(1)
                .withBudget(new dev.vela.conformance.property.Budget(
                        10, java.time.Duration.ofMillis(200), 10, java.time.Duration.ofMillis(200)))
                .withChecks(Checks.only("determinism"))
                .run();
        CheckResult c = r.claims().get(0).checks().get(0);
        assertThat(c.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(c.message()).contains("did not finish", "hangs");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(10_000);
    }

    @Test
    void aFactoryDecliningEverythingFailsSupportsHonestyAndSkipsTheRest() {
        TestProvider p = TestProvider.of("declines", new DelegatingFactory("Relu", DataType.FLOAT32) {
            @Override
            public dev.vela.spi.Support supports(Node node) {
                return dev.vela.spi.Support.no("not today");
            }
        });
        ConformanceReport r = ConformanceKit.forProvider(p)
                .withSeed(3)
                .withTries(10)
                .withChecks(Checks.only("numerics", "supports-honest"))
                .run();
        assertThat(r.claims().get(0).check("numerics").orElseThrow().status()).isEqualTo(CheckStatus.SKIPPED);
        CheckResult honest = r.claims().get(0).check("supports-honest").orElseThrow();
        assertThat(honest.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(honest.message()).contains("declined all 10");
    }
}
