package dev.vela.runtime.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vela.runtime.plugin.KernelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The foundation issue's yardstick on the whole ONNX backend node suite ({@code -Dvela.data}): no case may crash,
 * at least 55 operators must be implemented, and at least 95 % of the cases of implemented operators (expanded
 * function bodies included) must pass.
 */
class NodeSuiteYardstickTest {

    @Test
    void nodeSuiteFigures() throws Exception {
        String data = System.getProperty("vela.data", "");
        Path node = Path.of(data, "onnx", "node");
        assumeTrue(!data.isEmpty() && Files.isDirectory(node), "ONNX node suite not found under -Dvela.data; skipping");
        CaseIndex index = CaseIndex.read(node.getParent().resolve("node-index.csv"));
        SuiteRunner runner = new SuiteRunner(
                new CaseRunner(KernelRegistry.reference(), index, CaseRunner.RTOL, CaseRunner.ATOL), 60_000);
        List<CaseResult> results = runner.run(SuiteRunner.caseDirectories(node, null), r -> {});
        SuiteReport report = new SuiteReport(results);
        System.out.println("[node suite] " + report.summary());

        Map<String, List<CaseResult>> byOp = results.stream().collect(Collectors.groupingBy(CaseResult::op));
        List<String> implemented = byOp.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(r -> r.status() != CaseStatus.UNSUPPORTED))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        long passed = implemented.stream()
                .flatMap(op -> byOp.get(op).stream())
                .filter(r -> r.status() == CaseStatus.PASSED)
                .count();
        long ran = implemented.stream()
                .flatMap(op -> byOp.get(op).stream())
                .filter(r -> r.status() != CaseStatus.UNSUPPORTED)
                .count();
        System.out.printf(
                "[node suite] %d operators implemented; %d of %d of their runnable cases pass (%.1f %%)%n",
                implemented.size(), passed, ran, 100.0 * passed / ran);

        assertThat(results.stream().filter(r -> r.status() == CaseStatus.ERROR))
                .as("cases that crashed")
                .isEmpty();
        assertThat(implemented.size()).isGreaterThanOrEqualTo(55);
        long casesOfImplementedOps =
                implemented.stream().mapToLong(op -> byOp.get(op).size()).sum();
        assertThat((double) passed / ran)
                .as("pass rate among runnable cases of implemented ops")
                .isGreaterThanOrEqualTo(0.95);
        assertThat(passed)
                .as("passed of %d cases whose op is implemented", casesOfImplementedOps)
                .isGreaterThan(1000);
    }
}
