package dev.vela.conformance.junit;

import dev.vela.conformance.ConformanceKit;
import dev.vela.conformance.report.CheckResult;
import dev.vela.conformance.report.ClaimReport;
import dev.vela.conformance.report.ConformanceReport;
import dev.vela.conformance.report.ReportFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * Turns a conformance run into JUnit 5 dynamic tests: one container per claim, one test per
 * check. Use from a {@code @TestFactory} or extend {@link ConformanceTestBase}.
 */
public final class ConformanceTests {

    private ConformanceTests() {}

    /**
     * Runs the kit and reports each (claim, check) as a dynamic test: FAILED and ERROR fail with
     * the shrunk case and replay line, SKIPPED aborts (shown as skipped). When
     * {@code -Dvela.conformance.reportDir} is set the JSON, JUnit XML and HTML reports are
     * written there.
     *
     * @param kit the configured kit
     * @return the dynamic tests
     */
    public static Stream<DynamicNode> dynamicTests(ConformanceKit kit) {
        ConformanceReport report = kit.run();
        String dir = System.getProperty(ReportFiles.DIRECTORY_PROPERTY);
        if (dir != null && !dir.isBlank()) {
            try {
                ReportFiles.write(report, Path.of(dir));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write conformance reports to " + dir, e);
            }
        }
        return dynamicTests(report);
    }

    /**
     * @param report a finished run
     * @return one container per claim, one test per check
     */
    public static Stream<DynamicNode> dynamicTests(ConformanceReport report) {
        String seed = "seed " + report.seed();
        return report.claims().stream()
                .map(claim -> DynamicContainer.dynamicContainer(
                        claim.claim() + " (" + seed + ")",
                        claim.checks().stream().map(r -> test(claim, r))));
    }

    private static DynamicNode test(ClaimReport claim, CheckResult r) {
        return DynamicTest.dynamicTest(r.checkId(), () -> {
            switch (r.status()) {
                case PASSED -> {}
                case SKIPPED -> Assumptions.abort(r.message());
                case FAILED, ERROR ->
                    throw new AssertionFailedError(
                            claim.claim() + " " + r.checkId() + " " + r.status() + ": " + r.details());
                default -> throw new IllegalStateException(r.status().toString());
            }
        });
    }
}
