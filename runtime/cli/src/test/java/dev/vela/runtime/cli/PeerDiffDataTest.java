package dev.vela.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code vela diff --peer} with the peers on the test class path ({@code -Dvela.data}): Vela against TensorFlow
 * Lite's builtin kernels and against ONNX Runtime, output by output.
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
    void vwwInt8AgreesWithTflitesBuiltinKernels() {
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
                        "ok",
                        "agree: every output is within the tolerance");
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
                        "first divergence: output 'Identity': 1 of 640 elements",
                        "(Vela 19, peer 20)");
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
