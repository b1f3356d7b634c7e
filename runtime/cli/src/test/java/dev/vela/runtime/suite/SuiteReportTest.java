package dev.vela.runtime.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.runtime.plugin.KernelRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuiteReportTest {

    private final SuiteReport report = new SuiteReport(List.of(
            new CaseResult("test_relu", "Relu", CaseStatus.PASSED, ""),
            new CaseResult("test_relu_x", "Relu", CaseStatus.FAILED, "mismatch"),
            new CaseResult("test_unique", "Unique", CaseStatus.UNSUPPORTED, "uses operator Unique"),
            new CaseResult("test_quote", "Op\"x", CaseStatus.ERROR, "line\nbreak")));

    @Test
    void summaryCountsEachStatus() {
        assertThat(report.summary()).isEqualTo("4 cases: 1 passed, 1 failed, 1 unsupported, 1 errors");
    }

    @Test
    void jsonEscapesNamesAndDetails() {
        String json = report.toJson();
        assertThat(json).startsWith("{\"passed\":1,\"failed\":1,\"unsupported\":1,\"errors\":1,\"cases\":[");
        assertThat(json).contains("\"op\":\"Op\\\"x\"").contains("\"detail\":\"line\\nbreak\"");
    }

    @Test
    void markdownShowsClaimedTypesAndSuiteFigures() {
        String md = report.toMarkdown(KernelRegistry.reference());
        assertThat(md)
                .contains(
                        "| op | fp32 | int8 | uint8 | int16x8 | suite cases | passed | failed | unsupported | error |");
        assertThat(md).contains("| Relu | ✓ |");
        assertThat(md).containsPattern("\\| Relu \\|[^\\n]*\\| 2 \\| 1 \\| 1 \\| 0 \\| 0 \\|");
        assertThat(md).containsPattern("\\| Unique \\|   \\|   \\|   \\|   \\| 1 \\| 0 \\| 0 \\| 1 \\| 0 \\|");
        // operators of the reference that the suite does not exercise still get a row
        assertThat(md).contains("| Conv | ✓ |");
        assertThat(md).containsPattern("\\| \\*\\*total\\*\\* \\|[^\\n]*\\| 4 \\| 1 \\| 1 \\| 1 \\| 1 \\|");
    }
}
