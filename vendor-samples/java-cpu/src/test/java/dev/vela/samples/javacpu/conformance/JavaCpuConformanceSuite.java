package dev.vela.samples.javacpu.conformance;

import dev.vela.conformance.ConformanceKit;
import dev.vela.conformance.check.Checks;
import dev.vela.conformance.report.CheckResult;
import dev.vela.conformance.report.CheckStatus;
import dev.vela.conformance.report.ClaimReport;
import dev.vela.conformance.report.ConformanceReport;
import dev.vela.samples.javacpu.JavaCpuProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit as the test suite of java-cpu's kernels, for mutation testing ({@code -Ppitest}, see
 * the README): one test method per operator, so pitest runs only the operators whose tests cover a
 * mutant. Each method runs the kit on its claims and fails with every failed check: plain test methods
 * rather than the kit's dynamic tests, because the kit does its work when the test factory is called,
 * and pitest, rerunning one dynamic test for a mutant, would miss a failure reported by another. Not a surefire test (the name does not end in Test): {@code mvn verify} already certifies the
 * same claims through the gate.
 *
 * <p>A fixed seed makes every mutant face the same cases; the latency check is left out because a
 * timing verdict is not a property of the kernel's code (it would make the unmutated run flaky under
 * load). Every other check of the kit runs.
 */
class JavaCpuConformanceSuite {

    /** The run's seed; {@code -Dvela.pit.seed} overrides it (a finding replays with the kit's replay line). */
    private static final long SEED = Long.getLong("vela.pit.seed", 20261120L);

    private static final int TRIES = 30;
    /**
     * Tries for the matrix operators (Gemm, MatMul, Conv): one case in eight is large and comes in one of four or
     * five shapes (GEMV, deep K, wide N, tall M, mid-sized; many channels, pointwise, large image, wide
     * depthwise), so 30 tries would leave some shapes out.
     */
    private static final int MATRIX_TRIES = 80;

    /**
     * How many of the numerics check's generated cases (seed above) supports() declines by design:
     * 1-D and 3-D pooling, MaxPool's Indices output, non-constant Conv weights and the like (see the
     * README's claim table). The kit accepts a kernel that declines some valid nodes, so without this
     * bound a kernel whose validation wrongly refuses, say, every NHWC case with groups would pass.
     */
    private static final Map<String, Integer> DECLINED = Map.of(
            "Add/float32/ANY",
            3,
            "Sub/float32/ANY",
            9,
            "Mul/float32/ANY",
            9,
            "Div/float32/ANY",
            9,
            "GlobalAveragePool/float32/NCHW",
            22,
            "GlobalAveragePool/float32/NHWC",
            22,
            "MaxPool/float32/NCHW",
            20,
            "MaxPool/float32/NHWC",
            20);

    /**
     * Runs the kit on each claim and judges it as the gate does: every check passed or did not apply, and
     * numerics ran on at least one case (a kernel whose supports() declines everything is not certified);
     * and, beyond the gate, supports() declines no more cases than it does by design ({@link #DECLINED}).
     */
    private static void conforms(String... claims) {
        conforms(TRIES, claims);
    }

    private static void conforms(int tries, String... claims) {
        List<String> failures = new ArrayList<>();
        for (String claim : claims) {
            ConformanceReport report = kit(tries).only(claim).run();
            if (report.claims().isEmpty()) {
                failures.add(claim + ": not run");
            }
            for (ClaimReport c : report.claims()) {
                boolean numericsRan = c.checks().stream()
                        .anyMatch(r ->
                                r.checkId().equals("numerics") && r.status() == CheckStatus.PASSED && r.casesRun() > 0);
                c.checks().stream().filter(r -> r.checkId().equals("numerics")).forEach(r -> {
                    int allowed = DECLINED.getOrDefault(c.claim().toString(), 0);
                    if (r.casesDiscarded() > allowed) {
                        failures.add(c.claim() + ": supports() declined " + r.casesDiscarded()
                                + " numerics cases, at most " + allowed + " expected");
                    }
                });
                if (!numericsRan) {
                    failures.add(c.claim() + ": numerics exercised no case");
                }
                for (CheckResult r : c.checks()) {
                    if (r.status() == CheckStatus.FAILED || r.status() == CheckStatus.ERROR) {
                        failures.add(c.claim() + "#" + r.checkId() + " " + r.status() + ": " + r.message() + "\n"
                                + r.details());
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n", failures));
        }
    }

    private static ConformanceKit kit(int tries) {
        return ConformanceKit.forProvider(new JavaCpuProvider())
                .withSeed(SEED)
                .withTries(tries)
                .withMaxTimePerCheck(Duration.ofSeconds(20))
                .withChecks(Checks.only(
                        "output-types",
                        "numerics",
                        "inputs-unchanged",
                        "output-bounds",
                        "output-coverage",
                        "determinism",
                        "concurrency",
                        "supports-honest",
                        "invalid-nodes"));
    }

    @Test
    void conv() {
        conforms(MATRIX_TRIES, "Conv/float32/NCHW", "Conv/float32/NHWC");
    }

    @Test
    void gemm() {
        conforms(MATRIX_TRIES, "Gemm/float32/ANY");
    }

    @Test
    void matMul() {
        conforms(MATRIX_TRIES, "MatMul/float32/ANY");
    }

    @Test
    void pools() {
        conforms(
                "MaxPool/float32/NCHW",
                "MaxPool/float32/NHWC",
                "AveragePool/float32/NCHW",
                "AveragePool/float32/NHWC",
                "GlobalAveragePool/float32/NCHW",
                "GlobalAveragePool/float32/NHWC");
    }

    @Test
    void binary() {
        conforms("Add/float32/ANY", "Sub/float32/ANY", "Mul/float32/ANY", "Div/float32/ANY");
    }

    @Test
    void unary() {
        conforms("Relu/float32/ANY", "Sigmoid/float32/ANY", "Tanh/float32/ANY", "Clip/float32/ANY");
    }
}
