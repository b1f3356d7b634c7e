package dev.vela.runtime.cli;

import static dev.vela.runtime.cli.CliRun.cli;
import static dev.vela.runtime.testing.Onnx.FLOAT;
import static dev.vela.runtime.testing.Onnx.floatTensor;
import static dev.vela.runtime.testing.Onnx.model;
import static dev.vela.runtime.testing.Onnx.node;
import static dev.vela.runtime.testing.Onnx.valueInfo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.Gson;
import dev.vela.runtime.cli.CliRun.Result;
import dev.vela.runtime.testing.Proto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    private static final AtomicBoolean ABSENCE_REPORTED = new AtomicBoolean();

    @TempDir
    Path dir;

    /** stdout and stderr of one CLI call, and its exit code. */
    /** y = Relu(MatMul(x, w) + b), x float[1,64], w [64,64]: three nodes of clearly different cost. */
    private Path threeNodeModel() throws Exception {
        float[] w = new float[64 * 64];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i % 7 - 3) / 10f;
        }
        float[] b = new float[64];
        Proto graph = Proto.message()
                .msg(1, node("mm \"first\"", "MatMul", new String[] {"x", "w"}, new String[] {"m"}))
                .msg(1, node("add", "Add", new String[] {"m", "b"}, new String[] {"s"}))
                .msg(1, node("relu", "Relu", new String[] {"s"}, new String[] {"y"}))
                .str(2, "three")
                .msg(5, floatTensor("w", new long[] {64, 64}, w))
                .msg(5, floatTensor("b", new long[] {64}, b))
                .msg(11, valueInfo("x", FLOAT, 1, 64))
                .msg(12, valueInfo("y", FLOAT, 1, 64));
        Path file = dir.resolve("three.onnx");
        Files.write(file, model(graph));
        return file;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Path file) throws Exception {
        return new Gson().fromJson(Files.readString(file), Map.class);
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonReportHasTheSchemaAndOpsSortedByTime() throws Exception {
        Path model = threeNodeModel();
        Path report = dir.resolve("out/r.json");
        Result r =
                cli("bench", "--model", model.toString(), "--warmup", "1", "--runs", "5", "--json", report.toString());
        assertThat(r.code()).as(r.err()).isZero();

        Map<String, Object> j = json(report);
        assertThat(j)
                .containsKeys("model", "threads", "runs", "latencyMs", "arenaBytes", "arenaLowerBoundBytes", "ops")
                .doesNotContainKey("compare");
        assertThat(j.get("model")).isEqualTo(model.toString());
        assertThat(j.get("threads")).isEqualTo(1.0);
        assertThat(j.get("runs")).isEqualTo(5.0);
        Map<String, Object> latency = (Map<String, Object>) j.get("latencyMs");
        double p50 = (Double) latency.get("p50");
        double p90 = (Double) latency.get("p90");
        double p99 = (Double) latency.get("p99");
        assertThat(p50).isPositive().isLessThanOrEqualTo(p90);
        assertThat(p90).isLessThanOrEqualTo(p99);
        // MatMul output m (256 B) and sum s (256 B, or merged in place) are the intermediates
        assertThat((Double) j.get("arenaBytes")).isGreaterThanOrEqualTo((Double) j.get("arenaLowerBoundBytes"));
        assertThat((Double) j.get("arenaLowerBoundBytes")).isGreaterThanOrEqualTo(256.0);

        List<Map<String, Object>> ops = (List<Map<String, Object>>) j.get("ops");
        assertThat(ops).hasSize(3);
        assertThat(ops).extracting(o -> o.get("node")).containsExactlyInAnyOrder("mm \"first\"", "add", "relu");
        assertThat(ops).allSatisfy(o -> {
            assertThat(o).containsKeys("node", "op", "provider", "ms");
            assertThat(o.get("provider")).isEqualTo("vela-reference");
        });
        List<Double> ms = new ArrayList<>();
        ops.forEach(o -> ms.add((Double) o.get("ms")));
        assertThat(ms).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(ops.stream()
                        .filter(o -> o.get("node").equals("mm \"first\""))
                        .findFirst()
                        .orElseThrow()
                        .get("op"))
                .isEqualTo("MatMul");

        // the printed table: same order, nothing of a progress bar on stdout
        assertThat(r.out())
                .contains("latency p50")
                .contains("arena ")
                .contains("heap    peak")
                .contains("per-operator time")
                .doesNotContain("\r")
                .doesNotContain("compare");
        List<Integer> positions = new ArrayList<>();
        for (Map<String, Object> o : ops) {
            positions.add(r.out().indexOf("\n" + o.get("node") + " "));
        }
        assertThat(positions).doesNotContain(-1).isSorted();
    }

    @Test
    void givenInputsAndThreadsAreUsed() throws Exception {
        Path model = threeNodeModel();
        Path x = dir.resolve("x.npy");
        float[] values = new float[64];
        dev.vela.runtime.io.Npy.write(x, dev.vela.spi.Tensor.ofFloats(dev.vela.spi.Shape.of(1, 64), values));
        Path report = dir.resolve("r.json");
        Result r = cli(
                "bench",
                "--model",
                model.toString(),
                "--input",
                "x=" + x,
                "--threads",
                "2",
                "--warmup",
                "0",
                "--runs",
                "2",
                "--json",
                report.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(json(report).get("threads")).isEqualTo(2.0);
        assertThat(r.out()).contains("2 timed after 1 warm-up, 2 thread(s)"); // --warmup 0 still runs once first
    }

    @Test
    void badCountsAndUnknownInputsAreRefused() throws Exception {
        Path model = threeNodeModel();
        Result zero = cli("bench", "--model", model.toString(), "--runs", "0");
        assertThat(zero.code()).isNotZero();
        assertThat(zero.err()).contains("--runs and --threads must be at least 1");
        Path x = dir.resolve("z.npy");
        dev.vela.runtime.io.Npy.write(x, dev.vela.spi.Tensor.ofFloats(dev.vela.spi.Shape.of(1), 1f));
        Result unknown = cli("bench", "--model", model.toString(), "--input", "nope=" + x, "--runs", "1");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("nope").doesNotContain("\tat ");
    }

    @Test
    void timedWarmupKeepsRunningUntilItsTimeHasPassed() throws Exception {
        Path model = threeNodeModel();
        Path report = dir.resolve("w.json");
        long start = System.nanoTime();
        Result r = cli(
                "bench",
                "--model",
                model.toString(),
                "--warmup",
                "2",
                "--warmup-seconds",
                "0.4",
                "--runs",
                "3",
                "--json",
                report.toString());
        long elapsedNanos = System.nanoTime() - start;
        assertThat(r.code()).as(r.err()).isZero();
        // a run of this model takes microseconds: 0.4 s of warm-up is far more than the 2 runs asked for
        double warmed = (Double) json(report).get("warmup");
        assertThat(warmed).isGreaterThan(100);
        assertThat(r.out()).contains("timed after " + (long) warmed + " warm-up");
        assertThat(elapsedNanos).isGreaterThanOrEqualTo(400_000_000L);
    }

    @Test
    void warmupSecondsOutOfRangeAreRefused() throws Exception {
        Path model = threeNodeModel();
        for (String bad : List.of("-1", "NaN", "7200")) {
            Result r = cli("bench", "--model", model.toString(), "--warmup-seconds", bad, "--runs", "1");
            assertThat(r.code()).as(bad).isNotZero();
            assertThat(r.err()).as(bad).contains("--warmup-seconds must be between 0 and 3600");
        }
    }

    // ---- --compare on the shared data (-Dvela.data), engines on the test class path ----

    private static Path data(String relative) {
        String root = System.getProperty("vela.data", "");
        Path file = root.isEmpty() ? null : Path.of(root, relative);
        boolean present = file != null && Files.isRegularFile(file);
        String message = "external data not found at '" + root + "' (set -Dvela.data to the shared data folder);"
                + " skipping bench --compare tests";
        if (!present && !ABSENCE_REPORTED.getAndSet(true)) {
            System.out.println("[bench data] " + message);
        }
        assumeTrue(present, message);
        return file;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> compare(Path model, String... extra) throws Exception {
        Path report = dir.resolve("c.json");
        List<String> args = new ArrayList<>(List.of(
                "bench",
                "--model",
                model.toString(),
                "--warmup",
                "1",
                "--runs",
                "3",
                "--compare",
                "--json",
                report.toString()));
        args.addAll(List.of(extra));
        Result r = cli(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("compare ").contains("vela/engine");
        Map<String, Object> c = (Map<String, Object>) json(report).get("compare");
        assertThat(c).containsKeys("engine", "latencyMs", "ratio", "maxAbsDiff");
        double ratio = (Double) c.get("ratio");
        double velaP50 = (Double) ((Map<String, Object>) json(report).get("latencyMs")).get("p50");
        double engineP50 = (Double) ((Map<String, Object>) c.get("latencyMs")).get("p50");
        assertThat(engineP50).isPositive();
        assertThat(ratio).isPositive().isCloseTo(velaP50 / engineP50, org.assertj.core.api.Assertions.within(1e-9));
        return c;
    }

    @Test
    void compareMnist8WithOnnxRuntime() throws Exception {
        Map<String, Object> c = compare(data("onnx/models/mnist_8/model.onnx"));
        assertThat((String) c.get("engine")).startsWith("onnxruntime 1.29");
        assertThat(c.get("diffKind")).isEqualTo("float");
        assertThat((Double) c.get("maxAbsDiff")).isLessThan(1e-3); // logits of magnitude ~10, float32 sums
    }

    @Test
    void compareMlperfTinyKeywordSpottingWithTflite() throws Exception {
        Map<String, Object> c = compare(data("tflite/mlcommons-tiny/keyword_spotting__kws_ref_model.tflite"));
        // the peer is what applications run: TFLite with its default XNNPACK delegate, which takes all but the
        // AveragePool and Softmax of this int8 model
        assertThat((String) c.get("engine")).startsWith("tflite 2.20").endsWith("+ XNNPACK");
        assertThat((String) c.get("placement"))
                .matches("TfLiteXNNPackDelegate took \\d+ of \\d+ operators in \\d+ partitions?");
        assertThat(c.get("diffKind")).isEqualTo("dequantized");
        // softmax output, scale 1/256: at most one quantization step apart
        assertThat((Double) c.get("maxAbsDiff")).isLessThanOrEqualTo(1.0 / 256 + 1e-9);
    }

    @Test
    void comparePeerIsTfliteWithXnnpackOnEveryOperatorOfAFloatModel() throws Exception {
        Map<String, Object> c = compare(data("tflite/mlcommons-tiny/anomaly_detection__ad01_fp32.tflite"));
        String placement = (String) c.get("placement");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "TfLiteXNNPackDelegate took (\\d+) of (\\d+) operators in 1 partition")
                .matcher(placement);
        assertThat(m.matches()).as(placement).isTrue();
        assertThat(m.group(1)).isEqualTo(m.group(2));
        assertThat(Integer.parseInt(m.group(2))).isGreaterThan(5);
        assertThat((Double) c.get("maxAbsDiff")).isLessThan(1e-3);
    }

    @Test
    void builtinPeerKernelsAreAnExplicitChoice() throws Exception {
        Map<String, Object> c =
                compare(data("tflite/mlcommons-tiny/anomaly_detection__ad01_fp32.tflite"), "--peer-kernels", "builtin");
        assertThat((String) c.get("engine")).endsWith("(builtin kernels, no XNNPACK)");
        assertThat((String) c.get("placement")).startsWith("no delegate: all ");
    }

    @Test
    void builtinPeerKernelsAreRefusedForOnnxAndWithoutCompare() throws Exception {
        Path mnist = data("onnx/models/mnist_8/model.onnx");
        Result onnx =
                cli("bench", "--model", mnist.toString(), "--runs", "1", "--compare", "--peer-kernels", "builtin");
        assertThat(onnx.code()).isNotZero();
        assertThat(onnx.err()).contains("ONNX Runtime").contains("builtin").doesNotContain("\tat ");
        Result alone = cli("bench", "--model", mnist.toString(), "--runs", "1", "--peer-kernels", "builtin");
        assertThat(alone.code()).isNotZero();
        assertThat(alone.err()).contains("--peer-kernels needs --compare");
    }
}
