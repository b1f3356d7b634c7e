package dev.vela.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.conformance.broken.DelegatingFactory;
import dev.vela.conformance.broken.TestProvider;
import dev.vela.conformance.report.CheckResult;
import dev.vela.conformance.report.CheckStatus;
import dev.vela.conformance.report.ClaimReport;
import dev.vela.conformance.report.ConformanceReport;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.OpId;
import org.junit.jupiter.api.Test;

class ConformanceKitTest {

    static TestProvider correctProvider() {
        return TestProvider.of(
                "correct",
                new DelegatingFactory("Add", DataType.FLOAT32, DataType.INT32),
                new DelegatingFactory("Relu", DataType.FLOAT32));
    }

    @Test
    void aCorrectProviderPassesEveryCheckOfEveryClaimWithinAFewSeconds() {
        long t0 = System.nanoTime();
        ConformanceReport report =
                ConformanceKit.forProvider(correctProvider()).withSeed(1234).run();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        for (ClaimReport c : report.claims()) {
            for (CheckResult r : c.checks()) {
                if (r.status() != CheckStatus.PASSED) {
                    System.out.println(c.claim() + " " + r.checkId() + " " + r.status() + "\n" + r.details());
                }
            }
        }
        assertThat(report.claims())
                .extracting(ClaimReport::claim)
                .containsExactly(
                        KernelClaim.of(OpId.of("Add"), DataType.FLOAT32),
                        KernelClaim.of(OpId.of("Add"), DataType.INT32),
                        KernelClaim.of(OpId.of("Relu"), DataType.FLOAT32));
        assertThat(report.passed()).as(report.summary()).isTrue();
        assertThat(report.count(CheckStatus.PASSED)).isEqualTo(30);
        assertThat(millis).isLessThan(20_000);
    }
}
