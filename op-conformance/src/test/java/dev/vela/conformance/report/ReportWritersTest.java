package dev.vela.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.conformance.cases.CaseSize;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.OpId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ReportWritersTest {

    public static ConformanceReport sample() {
        FailureCase failure = new FailureCase(
                "output 0: 1 of 1 <elements> \"bad\" & worse\n  [0] 1 0",
                "Add (opset 21)\n  input 0: float32[] = [0]",
                "Add (opset 21)\n  input 0: float32[3] = [1, 2, 3]",
                new CaseSize(3, 1, 3),
                new CaseSize(1, 0, 0),
                12,
                "7:3",
                "replay: -Dvela.conformance.replay=7:3 -Dvela.conformance.only=Add/float32/ANY#numerics");
        CheckResult failed = new CheckResult(
                "numerics",
                "outputs match",
                CheckStatus.FAILED,
                4,
                1,
                Map.of("broadcast", 2),
                "output 0: 1 of 1 <elements> \"bad\" & worse",
                Optional.of(failure),
                Optional.empty(),
                15);
        CheckResult passed = new CheckResult(
                "determinism",
                "bit-identical",
                CheckStatus.PASSED,
                100,
                0,
                Map.of(),
                "100 cases passed",
                Optional.empty(),
                Optional.empty(),
                3);
        CheckResult skipped = CheckResult.skipped("concurrency", "concurrent", "kernel is not concurrent\u0001");
        CheckResult latency = new CheckResult(
                "latency",
                "latency",
                CheckStatus.PASSED,
                1,
                0,
                Map.of(),
                "median ok",
                Optional.empty(),
                Optional.of(new LatencyMeasurement("Add(float32[4])", 21, 0.5, 0.75, 0.25, 0.3, 2.5, "10x reference")),
                40);
        ClaimReport claim = new ClaimReport(
                KernelClaim.of(OpId.of("Add"), DataType.FLOAT32), List.of(failed, passed, skipped, latency));
        return new ConformanceReport(
                "0.1.0",
                "acme-npu",
                "Acme <Chips>",
                "1.2",
                "1.0",
                7,
                100,
                "2026.11-1",
                "default",
                Instant.parse("2026-11-20T22:00:00Z"),
                1234,
                List.of(claim));
    }

    @Test
    void jsonEscapesAndCarriesEverything() {
        String json = JsonReportWriter.write(sample());
        assertThat(json)
                .contains(
                        "\"seed\": 7",
                        "\"passed\": false",
                        "\"status\": \"FAILED\"",
                        "\"status\": \"SKIPPED\"",
                        "\\\"bad\\\" & worse\\n  [0] 1 0",
                        "\"caseId\": \"7:3\"",
                        "-Dvela.conformance.replay=7:3",
                        "\"medianMillis\": 0.5",
                        "\"p90Millis\": 0.75",
                        "\"budgetMillis\": 2.5",
                        "\"broadcast\": 2",
                        "\"vendor\": \"Acme <Chips>\"",
                        "\\u0001",
                        "\"version\": \"2026.11-1\"");
        assertThat(json).doesNotContain("\u0001");
        long open = json.chars().filter(c -> c == '{').count();
        long close = json.chars().filter(c -> c == '}').count();
        assertThat(open).isEqualTo(close);
    }

    @Test
    void junitXmlHasOneTestCasePerCheckWithFailuresAndSkips() {
        String xml = JunitXmlReportWriter.write(sample());
        assertThat(xml)
                .startsWith("<?xml")
                .contains(
                        "tests=\"4\"",
                        "failures=\"1\"",
                        "errors=\"0\"",
                        "skipped=\"1\"",
                        "<testcase classname=\"Add/float32/ANY\" name=\"numerics\"",
                        "<failure message=\"output 0: 1 of 1 &lt;elements&gt; &quot;bad&quot; &amp; worse\"",
                        "<skipped message=\"kernel is not concurrent\uFFFD\"/>",
                        "<property name=\"seed\" value=\"7\"/>");
        assertThat(xml).doesNotContain("<elements>", "\u0001");
    }

    @Test
    void htmlIsSelfContainedAndEscaped() {
        String html = HtmlReportWriter.write(sample());
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains(
                        "<style>",
                        "FAILED",
                        "Acme &lt;Chips&gt;",
                        "&quot;bad&quot; &amp; worse",
                        "-Dvela.conformance.replay=7:3",
                        "broadcast: 2",
                        "median 0.500 ms");
        assertThat(html).doesNotContain("<script", "<Chips>", "http://", "https://");
    }

    @Test
    void reportFilesWritesAllThreeFormats(@TempDir Path dir) throws Exception {
        List<Path> files = ReportFiles.write(sample(), dir.resolve("out"));
        assertThat(files).hasSize(3).allMatch(Files::exists);
        assertThat(files.get(0).getFileName().toString()).isEqualTo("conformance-acme-npu.json");
        assertThat(Files.readString(files.get(1))).contains("<testsuite");
    }

    @Test
    void summariesCountStatuses() {
        ConformanceReport r = sample();
        assertThat(r.passed()).isFalse();
        assertThat(r.summary()).isEqualTo("1 claims: 2 passed, 1 failed, 0 errors, 1 skipped");
        assertThat(r.claims().get(0).check("numerics"))
                .get()
                .extracting(CheckResult::status)
                .isEqualTo(CheckStatus.FAILED);
        assertThat(r.claims()
                        .get(0)
                        .check("numerics")
                        .orElseThrow()
                        .failure()
                        .orElseThrow()
                        .wasShrunk())
                .isTrue();
        assertThat(r.claims().get(0).check("numerics").orElseThrow().details())
                .contains("minimal failing case", "first failing case", "replay:");
    }
}
