package dev.vela.runtime.bench.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vela.runtime.cli.VelaCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vela bench --accuracy} on the labelled material of the shared data ({@code -Dvela.data}): the person BMPs
 * with the MLPerf Tiny VWW models, the MNIST digit PNGs with TFLite Micro's MNIST LSTM, the streaming-wake-word
 * calibration {@code .npz} with its model. Labels files are written at test time (nothing is copied). The figures
 * asserted are the ones the runs give (integer kernels: deterministic), printed for the README.
 */
class AccuracyBenchDataTest {
    @TempDir
    Path dir;

    static Path data() {
        String root = System.getProperty("vela.data", "");
        Path dir = root.isEmpty() ? null : Path.of(root);
        assumeTrue(
                dir != null && Files.isDirectory(dir.resolve("tflite/tflite-micro-testdata")),
                "external data not found: set -Dvela.data=<shared data folder> (see the data README)");
        return dir;
    }

    @Test
    void vwwInt8OnThePersonBmpsAgreesWithTheFloatModel() throws Exception {
        Path data = data();
        Path testdata = data.resolve("tflite/tflite-micro-testdata");
        Path labels = dir.resolve("vww.txt");
        Files.writeString(
                labels,
                testdata.resolve("person.bmp").toAbsolutePath() + " person\n"
                        + testdata.resolve("no_person.bmp").toAbsolutePath() + " no_person\n");
        Path json = dir.resolve("vww.json");
        String out = run(
                "bench",
                "--model",
                data.resolve("tflite/mlcommons-tiny/visual_wake_words__vww_96_int8.tflite")
                        .toString(),
                "--accuracy",
                labels.toString(),
                "--classes",
                "no_person,person",
                "--agree-with",
                data.resolve("tflite/mlcommons-tiny/visual_wake_words__vww_96_float.tflite")
                        .toString(),
                "--json",
                json.toString());
        System.out.println(out);
        // MLPerf Tiny's VWW (classes non-person, person; inputs RGB in [0, 1]) calls TFLite Micro's person.bmp, a grey
        // picture made for another model (person_detect), no-person: the int8 and the float model alike
        assertThat(out)
                .contains(
                        "2 samples, 2 classes",
                        "top-1 50.00% (1/2)",
                        "top-5 n/a",
                        "person.bmp: 1 -> 0",
                        "same top-1 on 100.00% of samples; its top-1 50.00%");
        assertThat(Files.readString(json)).contains("\"top1\": 0.5", "\"top1Agreement\": 1.0");
    }

    @Test
    void mnistLstmOnTheDigitPngs() throws Exception {
        Path data = data();
        Path samples = data.resolve("tflite/tflite-micro-testdata/mnist_lstm_samples");
        StringBuilder labels = new StringBuilder();
        for (int digit = 0; digit < 10; digit++) {
            labels.append(samples.resolve("sample" + digit + ".png").toAbsolutePath())
                    .append(' ')
                    .append(digit)
                    .append('\n');
        }
        Files.writeString(dir.resolve("mnist.txt"), labels);
        String out = run(
                "bench",
                "--model",
                data.resolve("tflite/tflite-micro/trained_lstm_int8.tflite").toString(),
                "--accuracy",
                dir.resolve("mnist.txt").toString(),
                "--agree-with",
                data.resolve("tflite/tflite-micro/trained_lstm.tflite").toString());
        System.out.println(out);
        assertThat(out)
                .contains(
                        "10 samples, 10 classes",
                        "top-1 100.00% (10/10)",
                        "top-5 100.00%",
                        "same top-1 on 100.00% of samples; its top-1 100.00%");
    }

    @Test
    void streamingWakeWordOnItsNpz() throws Exception {
        Path data = data();
        String out = run(
                "bench",
                "--model",
                data.resolve("tflite/mlcommons-tiny/streaming_wakeword__str_ww_ref_model" + ".tflite")
                        .toString(),
                "--accuracy",
                data.resolve("tflite/golden/mlperf_tiny_sww_calibration_samples" + ".npz")
                        .toString(),
                "--agree-with",
                "reference");
        System.out.println(out);
        assertThat(out)
                .contains(
                        "45 samples, 3 classes", "same top-1 on 100.00% of samples", "max |score difference| 0.00000");
    }

    static String run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            assertThat(VelaCli.execute(args))
                    .as("exit code, output: %s", buffer)
                    .isZero();
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
