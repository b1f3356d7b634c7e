package dev.vela.conformance.broken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.conformance.ConformanceKit;
import dev.vela.conformance.report.CheckResult;
import dev.vela.conformance.report.CheckStatus;
import dev.vela.conformance.report.ClaimReport;
import dev.vela.conformance.report.ConformanceReport;
import dev.vela.reference.ReferenceProvider;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.OpId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checking claims on several threads gives the report of one thread: same claims in the same order, same verdicts,
 * cases and labels per check, and the same first failing case for the planted bugs, while the latency check still
 * runs (alone, after the others).
 */
class ClaimThreadsTest {

    /** Planted bugs whose first failing case depends on the seed only, and correct reference kernels. */
    private static TestProvider mixed() {
        List<KernelFactory> factories = new ArrayList<>();
        for (BrokenProviders.Broken b : List.of(
                MissedBugProviders.pointwiseConvKeepsScratch(),
                MissedBugProviders.averagePoolSixteenBitSum(),
                MissedBugProviders.int16AddTruncatingShift(),
                MissedBugProviders.sameUpperOnTop())) {
            factories.addAll(b.provider().factories());
        }
        for (KernelFactory f : new ReferenceProvider().factories()) {
            OpId op = f.op();
            if (op.name().equals("Relu")
                    || op.name().equals("ReduceMax")
                    || op.name().equals("Softmax")) {
                factories.add(f);
            }
        }
        return new TestProvider("mixed", factories);
    }

    private static ConformanceReport run(int claimThreads) {
        return ConformanceKit.forProvider(mixed())
                .withSeed(20261120L)
                .withTries(20)
                .withConcurrency(4, 4)
                .withClaimThreads(claimThreads)
                .run();
    }

    /**
     * Everything of a report that does not depend on timing: per claim and check, verdict, cases, labels, the first
     * failing case and the message; not the latency measured, nor the message of the checks whose invocations run at
     * once (which of them shows a failure first is the scheduler's choice, with one claim thread too).
     */
    private static List<String> verdicts(ConformanceReport report) {
        List<String> out = new ArrayList<>();
        for (ClaimReport c : report.claims()) {
            for (CheckResult r : c.checks()) {
                boolean timed = r.checkId().equals("latency");
                boolean concurrent =
                        r.checkId().equals("concurrency") || r.checkId().equals("determinism");
                out.add(c.claim() + "#" + r.checkId() + " " + (timed ? "" : r.status()) + " " + r.casesRun() + " run, "
                        + r.casesDiscarded() + " discarded " + r.labels() + " "
                        + (timed ? r.latency().isPresent() : concurrent ? "" : r.message())
                        + r.failure()
                                .map(f -> " first failing case " + f.caseId())
                                .orElse(""));
            }
        }
        return out;
    }

    @Test
    void severalClaimThreadsGiveTheReportOfOne() {
        ConformanceReport one = run(1);
        ConformanceReport three = run(3);
        assertThat(three.claims())
                .extracting(ClaimReport::claim)
                .isEqualTo(one.claims().stream().map(ClaimReport::claim).toList());
        assertThat(verdicts(three)).isEqualTo(verdicts(one));
        // the comparison covers refusals and certifications alike, and the timed check ran in both
        assertThat(one.claims()).anyMatch(c -> !c.passed()).anyMatch(ClaimReport::passed);
        assertThat(three.claims().stream().flatMap(c -> c.checks().stream()))
                .filteredOn(r -> r.checkId().equals("latency") && r.status() != CheckStatus.SKIPPED)
                .isNotEmpty()
                .allMatch(r -> r.latency().isPresent());
        assertThat(one.claims()).extracting(c -> c.claim().dataType()).contains(DataType.INT8, DataType.FLOAT32);
    }

    @Test
    void claimThreadsAreBounded() {
        ConformanceKit kit = ConformanceKit.forProvider(new ReferenceProvider());
        assertThatThrownBy(() -> kit.withClaimThreads(0)).hasMessageContaining("between 1 and");
        assertThatThrownBy(() -> kit.withClaimThreads(ConformanceKit.MAX_CLAIM_THREADS + 1))
                .hasMessageContaining("between 1 and");
    }
}
