package dev.vela.runtime.cli;

import static dev.vela.runtime.testing.Onnx.addReluGraph;
import static dev.vela.runtime.testing.Onnx.floatTensor;
import static dev.vela.runtime.testing.Onnx.model;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.runtime.io.Npy;
import dev.vela.runtime.testing.Onnx;
import dev.vela.runtime.testing.Proto;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VelaCliTest {

    @TempDir
    Path dir;

    private String runCli(String... args) {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            int code = VelaCli.execute(args);
            assertThat(code).as("exit code, output: %s", buffer).isZero();
        } finally {
            System.setOut(oldOut);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runWritesEachOutputAsNpy() throws Exception {
        Path modelFile = dir.resolve("m.onnx");
        Files.write(modelFile, model(addReluGraph()));
        Path x = dir.resolve("x.npy");
        Npy.write(x, Tensor.ofFloats(Shape.of(1, 3), -5, 1, 1));
        Path out = dir.resolve("out");
        runCli("run", "--model", modelFile.toString(), "--input", "x=" + x, "--output-dir", out.toString());
        Tensor y = Npy.read(out.resolve("y.npy"));
        assertThat(y.toFloatArray()).containsExactly(0, 0, 4);
    }

    @Test
    void runAlsoTakesOnnxTensorProtoInputs() throws Exception {
        Path modelFile = dir.resolve("m.onnx");
        Files.write(modelFile, model(addReluGraph()));
        Path x = dir.resolve("input_0.pb");
        Files.write(x, floatTensor("x", new long[] {1, 3}, -5f, 1f, 1f).toBytes());
        Path out = dir.resolve("out");
        runCli("run", "--model", modelFile.toString(), "--input", "x=" + x, "--output-dir", out.toString());
        assertThat(Npy.read(out.resolve("y.npy")).toFloatArray()).containsExactly(0, 0, 4);
    }

    @Test
    void optimizeFusesMatMulPlusBiasIntoOneGemmWithTheSameResult() throws Exception {
        Proto graph = Proto.message()
                .msg(1, Onnx.node("mm", "MatMul", new String[] {"x", "B"}, new String[] {"t"}))
                .msg(1, Onnx.node("bias", "Add", new String[] {"t", "c"}, new String[] {"y"}))
                .str(2, "dense")
                .msg(5, floatTensor("B", new long[] {2, 3}, 1f, 2f, 3f, 4f, 5f, 6f))
                .msg(5, floatTensor("c", new long[] {3}, 0.5f, -1f, 2f))
                .msg(11, Onnx.valueInfo("x", Onnx.FLOAT, 1, 2))
                .msg(12, Onnx.valueInfo("y", Onnx.FLOAT, 1, 3));
        Path modelFile = dir.resolve("dense.onnx");
        Files.write(modelFile, model(graph));
        assertThat(runCli("inspect", "--model", modelFile.toString())).contains("operators (2 nodes)");
        assertThat(runCli("inspect", "--optimize", "--model", modelFile.toString()))
                .contains("operators (1 nodes)")
                .contains("Gemm");
        Path x = dir.resolve("x.npy");
        Npy.write(x, Tensor.ofFloats(Shape.of(1, 2), 1, -1));
        for (String flag : new String[] {"--optimize", "--threads=1"}) {
            Path out = dir.resolve("out" + flag.length());
            runCli("run", flag, "--model", modelFile.toString(), "--input", "x=" + x, "--output-dir", out.toString());
            // [1, -1] x B = [-3, -3, -3], plus c
            assertThat(Npy.read(out.resolve("y.npy")).toFloatArray()).containsExactly(-2.5f, -4f, -1f);
        }
    }

    @Test
    void runReportsVelaErrorsWithoutStackTrace() throws Exception {
        Path modelFile = dir.resolve("m.onnx");
        Files.write(modelFile, model(addReluGraph()));
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = VelaCli.execute(
                    "run",
                    "--model",
                    modelFile.toString(),
                    "--output-dir",
                    dir.resolve("o").toString());
            assertThat(code).isEqualTo(1);
        } finally {
            System.setErr(oldErr);
        }
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("missing input 'x'")
                .doesNotContain("\tat ");
    }

    private void writeCase(Path root, String name, byte[] modelBytes, Proto input, Proto output) throws Exception {
        Path set = root.resolve(name).resolve("test_data_set_0");
        Files.createDirectories(set);
        Files.write(root.resolve(name).resolve("model.onnx"), modelBytes);
        Files.write(set.resolve("input_0.pb"), input.toBytes());
        Files.write(set.resolve("output_0.pb"), output.toBytes());
    }

    @Test
    void onnxSuiteClassifiesAndReports() throws Exception {
        Path suite = dir.resolve("node");
        Proto x = floatTensor("x", new long[] {1, 3}, -1f, 0f, 2f);
        writeCase(suite, "test_pass", model(addReluGraph()), x, floatTensor("y", new long[] {1, 3}, 0f, 0f, 5f));
        // 1e-3 relative error is still within tolerance (rtol 1e-3)
        writeCase(
                suite,
                "test_pass_tolerance",
                model(addReluGraph()),
                x,
                floatTensor("y", new long[] {1, 3}, 0f, 0f, 5.004f));
        writeCase(suite, "test_fail_values", model(addReluGraph()), x, floatTensor("y", new long[] {1, 3}, 0f, 1f, 5f));
        writeCase(suite, "test_fail_shape", model(addReluGraph()), x, floatTensor("y", new long[] {3}, 0f, 0f, 5f));
        Proto unknownOp = Proto.message()
                .msg(1, Onnx.node("n", "Frobnicate", new String[] {"x"}, new String[] {"y"}))
                .msg(11, Onnx.valueInfo("x", Onnx.FLOAT, 1, 3))
                .msg(12, Onnx.valueInfo("y", Onnx.FLOAT, 1, 3));
        writeCase(suite, "test_unsupported_op", model(unknownOp), x, x);
        writeCase(suite, "test_error_truncated", java.util.Arrays.copyOf(model(addReluGraph()), 20), x, x);
        Files.writeString(
                dir.resolve("node-index.csv"),
                "case,op_type,op_source\ntest_pass,AddRelu,single-node\n\"test_fail_values\",\"Add\",x\n");
        Path report = dir.resolve("r.json");
        Path md = dir.resolve("cov.md");
        String out = runCli("onnx-suite", suite.toString(), "--report", report.toString(), "--markdown", md.toString());

        assertThat(out).contains("6 cases: 2 passed, 2 failed, 1 unsupported, 1 errors");
        assertThat(out)
                .contains("FAILED test_fail_values [Add]")
                .contains("UNSUPPORTED test_unsupported_op [Frobnicate]")
                .contains("ERROR test_error_truncated")
                .doesNotContain("test_pass ");
        String json = Files.readString(report);
        assertThat(json).startsWith("{\"passed\":2,\"failed\":2,\"unsupported\":1,\"errors\":1,\"cases\":[");
        assertThat(json).contains("{\"name\":\"test_pass\",\"op\":\"AddRelu\",\"status\":\"passed\",\"detail\":\"\"}");
        assertThat(json)
                .contains("\"name\":\"test_fail_values\",\"op\":\"Add\",\"status\":\"failed\"")
                .contains("first at index 1: got 0.0, expected 1.0");
        assertThat(json).contains("has shape [1x3], expected [3]");
        String table = Files.readString(md);
        assertThat(table)
                .contains(
                        "| op | fp32 | int8 | uint8 | int16x8 | suite cases | passed | failed | unsupported | error |")
                .containsPattern(
                        "\\| Add \\| ✓ \\|[^\\n]*\\| 3 \\| 1 \\| 2 \\| 0 \\| 0 \\|") // test_fail_values from the index,
                // the others from their first node
                .containsPattern("\\| \\? \\|[^\\n]*\\| 1 \\| 0 \\| 0 \\| 0 \\| 1 \\|")
                .containsPattern("\\| Frobnicate \\|[^\\n]*\\| 1 \\| 0 \\| 0 \\| 1 \\| 0 \\|")
                .containsPattern("\\| \\*\\*total\\*\\* \\|[^\\n]*\\| 6 \\| 2 \\| 2 \\| 1 \\| 1 \\|");
        assertThat(table.indexOf("| Add ")).isLessThan(table.indexOf("| AddRelu "));

        String filtered = runCli("onnx-suite", suite.toString(), "--report", report.toString(), "--filter", "fail_");
        assertThat(filtered).contains("2 cases: 0 passed, 2 failed");
    }
}
