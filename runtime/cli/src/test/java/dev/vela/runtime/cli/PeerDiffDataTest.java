package dev.vela.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vela.runtime.Model;
import dev.vela.runtime.debug.DiffTolerance;
import dev.vela.runtime.debug.ModelDiffTest;
import dev.vela.runtime.partition.Partitioner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code vela diff --peer} with the peers on the test class path ({@code -Dvela.data}): Vela against TensorFlow
 * Lite's builtin kernels and against ONNX Runtime, value by value (the peers' own intermediate values).
 */
class PeerDiffDataTest {

    static Path data() {
        String root = System.getProperty("vela.data", "");
        Path dir = root.isEmpty() ? null : Path.of(root);
        assumeTrue(
                dir != null && Files.isDirectory(dir.resolve("tflite/mlcommons-tiny")),
                "external data not found: set -Dvela.data=<shared data folder> (see the data README)");
        return dir;
    }

    @Test
    void vwwInt8AgreesWithTflitesBuiltinKernelsOnEveryIntermediateValue() {
        Result r = run(
                "diff",
                "--peer",
                "--model",
                data().resolve("tflite/mlcommons-tiny/" + "visual_wake_words__vww_96_int8.tflite")
                        .toString());
        System.out.println(r.out);
        assertThat(r.code).isZero();
        assertThat(r.out)
                .contains(
                        "baseline: tflite 2.20.0 (builtin kernels, no XNNPACK)",
                        "Identity",
                        "the runs agree: every compared value is within the tolerance");
        assertThat(okRows(r.out))
                .as("values compared with TFLite's and within the tolerance")
                .isGreaterThan(25);
    }

    /**
     * A planted one-step error in Vela's AveragePool (the reference's kernels otherwise): the table is per node, so
     * the 27 convolutions before it agree with TFLite's own intermediate tensors and the pool is named.
     */
    @Test
    void aPlantedErrorMidGraphIsNamedAtItsNodeAgainstTflitesIntermediates() throws Exception {
        Path file = data().resolve("tflite/mlcommons-tiny/visual_wake_words__vww_96_int8.tflite");
        Model planted = Model.load(file, Partitioner.of(ModelDiffTest.planted("AveragePool", 1)));
        StringWriter text = new StringWriter();
        int code = new PeerDiff(file, Map.of(), 42, 1).run(planted, DiffTolerance.POLICY, new PrintWriter(text));
        String out = text.toString();
        System.out.println(out);
        assertThat(code).isEqualTo(1);
        String firstLine = out.lines()
                .filter(l -> l.contains("FIRST DIVERGENCE"))
                .findFirst()
                .orElseThrow();
        assertThat(firstLine).contains("AveragePool", "planted", "1/");
        assertThat(okRows(out.substring(0, out.indexOf(firstLine))))
                .as("values before the planted node, all within the tolerance")
                .isGreaterThan(25);
        assertThat(out).contains("first divergence: node '", "(AveragePool on planted)");
    }

    /** An ONNX model: ONNX Runtime's value of every node output, one planted float error in the middle of mnist. */
    @Test
    void aPlantedErrorMidGraphIsNamedAtItsNodeAgainstOnnxRuntimesIntermediates() throws Exception {
        Path file = data().resolve("onnx/models/mnist_8/model.onnx");
        Model planted = Model.load(file, Partitioner.of(ModelDiffTest.planted("MaxPool", 0.5f)));
        StringWriter text = new StringWriter();
        int code = new PeerDiff(file, Map.of(), 42, 1).run(planted, DiffTolerance.POLICY, new PrintWriter(text));
        String out = text.toString();
        System.out.println(out);
        assertThat(code).isEqualTo(1);
        String firstLine = out.lines()
                .filter(l -> l.contains("FIRST DIVERGENCE"))
                .findFirst()
                .orElseThrow();
        assertThat(firstLine).contains("MaxPool", "planted");
        assertThat(okRows(out.substring(0, out.indexOf(firstLine))))
                .as("values before the planted node, compared with ONNX Runtime's")
                .isGreaterThanOrEqualTo(2);
    }

    /** Rows whose verdict is "ok": values compared with the peer's and within the tolerance. */
    private static long okRows(String table) {
        return table.lines().filter(l -> l.endsWith("  ok")).count();
    }

    @Test
    void ad01Int8PartsFromTfliteByOneStepInItsFullyConnectedRequantization() {
        Result r = run(
                "diff",
                "--peer",
                "--model",
                data().resolve("tflite/mlcommons-tiny/" + "anomaly_detection__ad01_int8.tflite")
                        .toString());
        System.out.println(r.out);
        assertThat(r.code).isEqualTo(1);
        // TFLite 2.20's reference FULLY_CONNECTED requantizes in double, Vela (like TFLite Micro) in fixed point
        assertThat(r.out)
                .contains(
                        "FIRST DIVERGENCE",
                        "first divergence: node 'FULLY_CONNECTED_9' (Gemm on vela-reference), value 'Identity': 1 of"
                                + " 640 elements",
                        "(subject 19, baseline 20)");
        // the nine layers before it agree with TFLite's intermediate tensors exactly
        assertThat(okRows(r.out)).isEqualTo(9);
        Result withinOneStep = run(
                "diff",
                "--peer",
                "--integer-steps",
                "1",
                "--model",
                data().resolve("tflite/mlcommons-tiny/anomaly_detection__ad01_int8.tflite")
                        .toString());
        assertThat(withinOneStep.code).as(withinOneStep.out).isZero();
    }

    @Test
    void mnistOnnxAgreesWithOnnxRuntimeWithinTheFloatPolicy() {
        Result r = run(
                "diff",
                "--peer",
                "--model",
                data().resolve("onnx/models/mnist_8/model.onnx").toString());
        System.out.println(r.out);
        assertThat(r.out).contains("baseline: onnxruntime", "Plus214_Output_0");
        assertThat(r.code).isZero();
    }

    record Result(int code, String out) {}

    static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        int code;
        try {
            code = VelaCli.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(code, buffer.toString(StandardCharsets.UTF_8));
    }
}
