package dev.vela.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.maven.fork.ResultFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimVerdictTest {

    private static final List<String> CHECKS = List.of("numerics", "concurrency", "latency");

    private static ResultFile.Result r(String check, String status, String message) {
        return new ResultFile.Result(
                "p",
                "Relu/float32/ANY",
                check,
                status,
                "PASSED".equals(status) ? 10 : 0,
                "latency".equals(check) ? 0.5 : -1,
                "latency".equals(check) ? 0.7 : -1,
                "latency".equals(check) ? 2 : -1,
                message);
    }

    private static ClaimVerdict.Status decide(ResultFile.Result... results) {
        return ClaimVerdict.decide("p", "Relu/float32/ANY", List.of(results), CHECKS)
                .status();
    }

    @Test
    void passingChecksCertifyEvenWithAnInapplicableCheckSkipped() {
        ClaimVerdict v = ClaimVerdict.decide(
                "p",
                "Relu/float32/ANY",
                List.of(
                        r("numerics", "PASSED", "10 cases passed"),
                        r("concurrency", "SKIPPED", "kernel is not concurrent"),
                        r("latency", "PASSED", "")),
                CHECKS);

        assertThat(v.status()).isEqualTo(ClaimVerdict.Status.CERTIFIED);
        assertThat(v.cases()).isEqualTo(20);
    }

    @Test
    void anyFailureOrErrorFails() {
        assertThat(decide(r("numerics", "FAILED", "mismatch"), r("latency", "PASSED", "")))
                .isEqualTo(ClaimVerdict.Status.FAILED);
        assertThat(decide(r("numerics", "PASSED", ""), r("latency", "ERROR", "boom")))
                .isEqualTo(ClaimVerdict.Status.FAILED);
    }

    @Test
    void aCustomOperatorsAdmissionCasesAndTheStateCheckAreAlwaysRequired() {
        assertThat(decide(
                        r("numerics", "PASSED", ""),
                        r("latency", "PASSED", ""),
                        r("admission-cases", "FAILED", "not certified: 2 valid admission cases")))
                .isEqualTo(ClaimVerdict.Status.FAILED);
        assertThat(decide(
                        r("numerics", "PASSED", ""),
                        r("latency", "PASSED", ""),
                        r("state", "FAILED", "after reset, invocation 1 differs")))
                .isEqualTo(ClaimVerdict.Status.FAILED);
        assertThat(decide(
                        r("numerics", "PASSED", ""),
                        r("latency", "PASSED", ""),
                        r("admission-cases", "PASSED", "3 valid cases")))
                .isEqualTo(ClaimVerdict.Status.CERTIFIED);
    }

    @Test
    void aFailureInACheckTheProfileDoesNotRequireDoesNotCount() {
        ClaimVerdict v = ClaimVerdict.decide(
                "p",
                "Relu/float32/ANY",
                List.of(r("numerics", "PASSED", ""), r("determinism", "FAILED", "differs")),
                List.of("numerics"));
        assertThat(v.status()).isEqualTo(ClaimVerdict.Status.CERTIFIED);
    }

    @Test
    void aClaimWithoutGeneratorIsNotCertified() {
        assertThat(decide(
                        r("numerics", "SKIPPED", "no case generator covers Relu/float32/ANY yet"),
                        r("latency", "SKIPPED", "no case generator covers Relu/float32/ANY yet")))
                .isEqualTo(ClaimVerdict.Status.NO_GENERATOR);
        assertThat(decide(r("numerics", "SKIPPED", "no reference kernel for Foo")))
                .isEqualTo(ClaimVerdict.Status.NO_GENERATOR);
    }

    @Test
    void numericsThatNeverRanIsNotCertified() {
        assertThat(decide(r("numerics", "SKIPPED", "no case applied: {declined=15}"), r("latency", "PASSED", "")))
                .isEqualTo(ClaimVerdict.Status.NOT_EXERCISED);
    }

    @Test
    void claimsOutsideTheProfileAreNotCertified() {
        assertThat(decide(
                        r("numerics", "SKIPPED", ResultFile.OUTSIDE_PROFILE),
                        r("latency", "SKIPPED", ResultFile.OUTSIDE_PROFILE)))
                .isEqualTo(ClaimVerdict.Status.OUTSIDE_PROFILE);
    }

    @Test
    void theSummaryTableShowsChecksLatencyAndVerdict() {
        ClaimVerdict ok = ClaimVerdict.decide(
                "p",
                "Relu/float32/ANY",
                List.of(r("numerics", "PASSED", ""), r("concurrency", "SKIPPED", "n/a"), r("latency", "PASSED", "")),
                CHECKS);
        ClaimVerdict bad = ClaimVerdict.decide(
                "p",
                "Add/float32/ANY",
                List.of(new ResultFile.Result(
                        "p", "Add/float32/ANY", "numerics", "FAILED", 3, -1, -1, -1, "element 0 differs")),
                CHECKS);
        ClaimVerdict none = ClaimVerdict.decide(
                "p",
                "Conv/int8/NCHW",
                List.of(new ResultFile.Result(
                        "p",
                        "Conv/int8/NCHW",
                        "numerics",
                        "SKIPPED",
                        0,
                        -1,
                        -1,
                        -1,
                        "no case generator covers Conv/int8/NCHW yet")),
                CHECKS);

        List<String> table = SummaryTable.render(List.of(ok, bad, none), CHECKS, 60);
        List<String> findings = SummaryTable.findings(List.of(ok, bad, none));

        assertThat(table).hasSize(4);
        assertThat(table.get(0))
                .startsWith("op/dtype/layout  | numerics | concur | latency | median/budget ms | verdict");
        assertThat(table.get(2))
                .isEqualTo("Relu/float32/ANY | pass     | skip   | pass    | 0.500/2.000      | certified");
        assertThat(table.get(3))
                .isEqualTo("Add/float32/ANY  | FAIL     | -      | -       | -                | FAILED");
        assertThat(findings)
                .containsExactly(
                        "FAILED Add/float32/ANY#numerics: element 0 differs",
                        "NOT CERTIFIED Conv [int8/NCHW]: the kit has no case generator (or reference kernel) for it yet, so it is not"
                                + " in the certificate");
        assertThat(SummaryTable.legend(CHECKS)).isEqualTo("columns: concur=concurrency");
    }

    @Test
    void manyClaimsAreSummarisedPerOperatorButFailuresKeepTheirRows() {
        ClaimVerdict f32 = ClaimVerdict.decide(
                "p",
                "Relu/float32/ANY",
                List.of(r("numerics", "PASSED", ""), r("concurrency", "SKIPPED", "n/a"), r("latency", "PASSED", "")),
                CHECKS);
        ClaimVerdict f16 = ClaimVerdict.decide(
                "p",
                "Relu/float16/ANY",
                List.of(
                        r("numerics", "PASSED", ""),
                        r("concurrency", "PASSED", ""),
                        new ResultFile.Result("p", "Relu/float16/ANY", "latency", "PASSED", 1, 1.5, 2, 2, "")),
                CHECKS);
        ClaimVerdict bad = ClaimVerdict.decide("p", "Relu/int8/ANY", List.of(r("numerics", "FAILED", "x")), CHECKS);

        List<String> table = SummaryTable.render(List.of(f32, f16, bad), CHECKS, 2);

        assertThat(table).hasSize(4);
        assertThat(table.get(2))
                .isEqualTo("Relu (2 claims) | pass     | skip+pass | pass    | 1.500/2.000      | 2 certified");
        assertThat(table.get(3))
                .isEqualTo("Relu/int8/ANY   | FAIL     | -         | -       | -                | FAILED");
    }
}
