package dev.vela.runtime.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vela.runtime.plugin.KernelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The node suite's 4-bit cases ({@code -Dvela.data}; they were all {@code unsupported} before the SPI had int4):
 * int4/uint4 tensors are packed two per byte, low nibble first. QuantizeLinear and DequantizeLinear (saturating),
 * Cast and CastLike from and to int4/uint4 (wrapping, as ONNX's reference outputs do: 8 becomes -8), expanded
 * function bodies included, must all pass.
 */
class NodeSuiteInt4Test {

    @Test
    void fourBitCases() throws Exception {
        String data = System.getProperty("vela.data", "");
        Path node = Path.of(data, "onnx", "node");
        assumeTrue(!data.isEmpty() && Files.isDirectory(node), "ONNX node suite not found under -Dvela.data; skipping");
        CaseIndex index = CaseIndex.read(node.getParent().resolve("node-index.csv"));
        SuiteRunner runner = new SuiteRunner(
                new CaseRunner(KernelRegistry.reference(), index, CaseRunner.RTOL, CaseRunner.ATOL), 60_000);
        List<CaseResult> results =
                runner.run(SuiteRunner.caseDirectories(node, Pattern.compile("(?i)u?int4(_|$)")), r -> {});
        results.forEach(r -> System.out.println("[int4] " + r.name() + ": " + r.status()
                + (r.status() == CaseStatus.PASSED ? "" : " (" + r.detail() + ")")));

        List<CaseResult> quantize = results.stream()
                .filter(r -> r.name().contains("quantizelinear"))
                .toList();
        assertThat(quantize)
                .extracting(CaseResult::name)
                .containsExactlyInAnyOrder(
                        "test_dequantizelinear_int4",
                        "test_dequantizelinear_uint4",
                        "test_quantizelinear_int4",
                        "test_quantizelinear_uint4");
        assertThat(quantize)
                .allSatisfy(r ->
                        assertThat(r.status()).as(r.name() + ": " + r.detail()).isEqualTo(CaseStatus.PASSED));
        assertThat(results)
                .hasSize(34)
                .allSatisfy(r ->
                        assertThat(r.status()).as(r.name() + ": " + r.detail()).isEqualTo(CaseStatus.PASSED));
    }
}
