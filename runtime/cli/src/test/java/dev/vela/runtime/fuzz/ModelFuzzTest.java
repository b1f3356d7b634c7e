package dev.vela.runtime.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.cli.VelaCli;
import dev.vela.runtime.exec.Allocation;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.VelaException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Fuzzes the importers, the planner and the executor with structure-aware mutations of real models from the shared
 * data ({@code -Dvela.data}, skipped with one message when absent): ONNX models decoded field by field, one
 * constrained value changed, re-encoded ({@link OnnxMutator}); TFLite models patched in place at offsets resolved
 * through the flatbuffer schema ({@link TfliteMutator}). Every case runs {@code vela inspect} on the file and, when
 * the model loads, one session run on zero inputs, in a worker thread with a time limit, and must end in one of:
 * a {@link VelaException} whose message names the file (load) or the node or tensor (run) and carries no raw JDK
 * exception; or outputs whose shapes equal the declared ones. An OutOfMemoryError, any other exception or a case
 * over its time limit fails the test.
 *
 * <p>Switches: {@code -Dvela.fuzz.seed} (default 20261207; every case derives its own generator from the seed and its
 * index, so a failure replays with {@code -Dvela.fuzz.seed=S -Dvela.fuzz.case=I}), {@code -Dvela.fuzz.seconds}
 * (the budget, default 40), {@code -Dvela.fuzz.caseSeconds} (per-case limit, default 20). The test runs in its own
 * JVM with a 768 MiB heap and 512 MiB of direct memory (runtime/pom.xml), so a huge allocation must be refused, not
 * attempted; the {@code fuzz-soak} profile raises the budget to 10 minutes.
 */
class ModelFuzzTest {

    /** Inputs above this are not fed (inspect still runs): a valid model may legitimately need them. */
    private static final long MAX_FEED_BYTES = 32L << 20;
    /** A JDK exception's class name inside a message means a raw failure leaked through a wrapper. */
    private static final Pattern RAW_JDK = Pattern.compile("java\\.(lang|util|nio|io)\\.[A-Za-z]+(Exception|Error)");

    private static final String[] ONNX_SEEDS = {
        "onnx/models/mnist_8/model.onnx",
        "onnx/node/test_conv_with_strides_padding/model.onnx",
        "onnx/node/test_maxpool_2d_pads/model.onnx",
        "onnx/node/test_averagepool_2d_pads/model.onnx",
        "onnx/node/test_lppool_2d_dilations/model.onnx",
        "onnx/node/test_convtranspose_pads/model.onnx",
        "onnx/node/test_softmax_axis_1/model.onnx",
        "onnx/node/test_qlinearconv/model.onnx",
        "onnx/node/test_qlinearmatmul_2D_uint8_float32/model.onnx",
        "onnx/node/test_reshape_extended_dims/model.onnx",
        "onnx/node/test_resize_upsample_scales_nearest/model.onnx",
        "onnx/node/test_gemm_default_single_elem_vector_bias/model.onnx"
    };
    private static final String[] TFLITE_SEEDS = {
        "tflite/tflite-micro/hello_world_int8.tflite",
        "tflite/tflite-micro/network_tester_dwconv_int8.tflite",
        "tflite/tflite-micro/trained_lstm_int8.tflite",
        "tflite/mlcommons-tiny/keyword_spotting__kws_ref_model.tflite",
        "tflite/mlcommons-tiny/anomaly_detection__ad01_int8.tflite",
        "tflite/mlcommons-tiny/visual_wake_words__vww_96_int8.tflite",
        "tflite/tflite-micro/person_detect.tflite",
        "tflite/mlcommons-tiny/image_classification__pretrainedResnet_quant.tflite"
    };

    @TempDir
    Path dir;

    private record Seed(String name, byte[] bytes, boolean tflite) {}

    @Test
    void mutatedModelsFailCleanlyOrRunWithTheDeclaredShapes() throws Exception {
        Path data = Path.of(System.getProperty("vela.data", "../shared/data"));
        List<Seed> seeds = seeds(data);
        assumeTrue(
                !seeds.isEmpty(),
                "ModelFuzzTest skipped: no models under " + data.toAbsolutePath()
                        + " (set -Dvela.data=<shared data folder>)");
        long seed = Long.getLong("vela.fuzz.seed", 20261207L);
        long budgetNanos = TimeUnit.SECONDS.toNanos(Long.getLong("vela.fuzz.seconds", 40L));
        long caseSeconds = Long.getLong("vela.fuzz.caseSeconds", 20L);
        Long only = Long.getLong("vela.fuzz.case");
        System.out.println("ModelFuzzTest: seed " + seed + ", budget " + TimeUnit.NANOSECONDS.toSeconds(budgetNanos)
                + " s, " + seeds.size() + " seed models; replay one case with -Dvela.fuzz.seed=" + seed
                + " -Dvela.fuzz.case=<index>");
        Map<CaseOutcome, Integer> outcomes = new EnumMap<>(CaseOutcome.class);
        Map<String, Integer> kinds = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        ExecutorService worker = newWorker();
        long start = System.nanoTime();
        int cases = 0;
        try {
            for (long index = only != null ? only : 0; System.nanoTime() - start < budgetNanos; index++) {
                Random random = new Random(seed * 1_000_003L + index);
                Seed s = seeds.get(random.nextInt(seeds.size()));
                Mutation m = mutate(s, s.bytes(), random);
                if (m != null && random.nextInt(3) == 0) {
                    // one case in three stacks a second mutation, to reach checks behind the first one
                    Mutation second = mutate(s, m.bytes(), random);
                    if (second != null) {
                        m = new Mutation(
                                m.kind() + "+" + second.kind(), m.detail() + "; " + second.detail(), second.bytes());
                    }
                }
                if (m != null) {
                    cases++;
                    kinds.merge(
                            (s.tflite() ? "tflite " : "onnx ") + m.kind().replaceAll("\\+.*", "+"), 1, Integer::sum);
                    String label =
                            "case " + index + " (seed " + seed + "): " + s.name() + ", " + m.kind() + ": " + m.detail();
                    String file = "case" + index + (s.tflite() ? ".tflite" : ".onnx");
                    byte[] mutated = m.bytes();
                    Future<CaseOutcome> f = worker.submit(() -> runCase(file, mutated));
                    try {
                        outcomes.merge(f.get(caseSeconds, TimeUnit.SECONDS), 1, Integer::sum);
                    } catch (TimeoutException e) {
                        f.cancel(true);
                        worker.shutdownNow();
                        worker = newWorker();
                        failures.add(label + ": no result within " + caseSeconds + " s (hang?)");
                    } catch (ExecutionException e) {
                        failures.add(label + ": " + e.getCause() + where(e.getCause()));
                    }
                }
                if (only != null) {
                    break;
                }
            }
        } finally {
            worker.shutdownNow();
        }
        System.out.println(
                "ModelFuzzTest: " + cases + " cases in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
                        + " ms: " + outcomes + "; mutations " + kinds);
        failures.forEach(f -> System.out.println("ModelFuzzTest FAILED " + f));
        assertThat(failures)
                .as("failing cases (replay with -Dvela.fuzz.seed and -Dvela.fuzz.case)")
                .isEmpty();
        assertThat(cases).as("cases run").isPositive();
    }

    private static Mutation mutate(Seed s, byte[] bytes, Random random) {
        try {
            return s.tflite() ? TfliteMutator.mutate(bytes, random) : OnnxMutator.mutate(bytes, random);
        } catch (RuntimeException e) {
            return null; // a first mutation can leave nothing the second one can walk (e.g. a vector length)
        }
    }

    /** The first frames of the original failure, so a report shows where it came from without a replay. */
    private static String where(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        StringBuilder sb = new StringBuilder();
        StackTraceElement[] frames = root.getStackTrace();
        for (int i = 0; i < Math.min(4, frames.length); i++) {
            sb.append("\n    at ").append(frames[i]);
        }
        return sb.toString();
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "model-fuzz");
            t.setDaemon(true);
            return t;
        });
    }

    private static List<Seed> seeds(Path data) throws IOException {
        List<Seed> seeds = new ArrayList<>();
        for (String s : ONNX_SEEDS) {
            Path p = data.resolve(s);
            if (Files.isRegularFile(p)) {
                seeds.add(new Seed(s, Files.readAllBytes(p), false));
            }
        }
        for (String s : TFLITE_SEEDS) {
            Path p = data.resolve(s);
            if (Files.isRegularFile(p)) {
                seeds.add(new Seed(s, Files.readAllBytes(p), true));
            }
        }
        return seeds;
    }

    /** Inspect through the CLI, then load and run once through the API; throws AssertionError on a bad outcome. */
    private CaseOutcome runCase(String fileName, byte[] bytes) throws IOException {
        Path file = dir.resolve(fileName);
        Files.write(file, bytes);
        inspect(file);
        Model model;
        try {
            model = Model.load(file, Partitioner.of(KernelRegistry.reference()));
        } catch (VelaException e) {
            requireClean(e, fileName, true);
            return CaseOutcome.REFUSED_AT_LOAD;
        } catch (OutOfMemoryError e) {
            throw new AssertionError("OutOfMemoryError loading " + fileName, e);
        } finally {
            Files.deleteIfExists(file);
        }
        Map<String, Tensor> feed = new LinkedHashMap<>();
        for (ValueSpec in : model.inputs()) {
            TensorType type = zeroType(in);
            if (type == null || Allocation.bytes(type) > MAX_FEED_BYTES) {
                return CaseOutcome.INSPECTED_ONLY;
            }
            feed.put(in.name(), Tensor.allocate(type));
        }
        try (Session session = model.newSession()) {
            Map<String, Tensor> out = session.run(feed);
            for (ValueSpec declared : model.outputs()) {
                Tensor t = out.get(declared.name());
                assertThat(t)
                        .as("output '" + declared.name() + "' of " + fileName)
                        .isNotNull();
                if (declared.hasShape()) {
                    long[] dims = declared.dims();
                    int[] actual = t.shape().dims();
                    assertThat(actual.length)
                            .as("rank of output '" + declared.name() + "'")
                            .isEqualTo(dims.length);
                    for (int i = 0; i < dims.length; i++) {
                        if (dims[i] != ValueSpec.UNKNOWN) {
                            assertThat((long) actual[i])
                                    .as("dim " + i + " of output '" + declared.name() + "'")
                                    .isEqualTo(dims[i]);
                        }
                    }
                }
            }
            return CaseOutcome.RAN;
        } catch (VelaException e) {
            requireClean(e, fileName, false);
            return CaseOutcome.REFUSED_AT_RUN;
        } catch (OutOfMemoryError e) {
            throw new AssertionError("OutOfMemoryError running " + fileName, e);
        }
    }

    /** {@code vela inspect --model FILE}: exit 0, or 1 with a "vela: ..." message naming the file; never a crash. */
    private static void inspect(Path file) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Throwable[] raw = new Throwable[1];
        CommandLine cli =
                new CommandLine(new VelaCli()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            raw[0] = e;
            return 1;
        });
        int code = cli.execute("inspect", "--model", file.toString());
        if (raw[0] instanceof VelaException v) {
            requireClean(v, file.getFileName().toString(), true);
        } else if (raw[0] != null) {
            throw new AssertionError("inspect failed with " + raw[0], raw[0]);
        } else {
            assertThat(code).as("inspect exit code; stderr: " + err).isZero();
        }
    }

    private static void requireClean(VelaException e, String fileName, boolean atLoad) {
        String m = String.valueOf(e.getMessage());
        if (RAW_JDK.matcher(m).find() || m.contains("\n\tat ")) {
            throw new AssertionError("raw JDK failure in the message: " + m, e);
        }
        if (atLoad && !m.contains(fileName)) {
            throw new AssertionError("load error does not name the file " + fileName + ": " + m, e);
        }
        if (!atLoad
                && !(m.contains(fileName) || m.contains("node '") || m.contains("output '") || m.contains("input '"))) {
            throw new AssertionError("run error names neither the file, a node nor a tensor: " + m, e);
        }
    }

    /** Zeros of the declared type (unknown dimensions 1, float32 when undeclared); null when it cannot be one. */
    private static TensorType zeroType(ValueSpec in) {
        DataType type = in.dataType() == null ? DataType.FLOAT32 : in.dataType();
        if (!in.hasShape()) {
            return TensorType.of(type, Shape.scalar());
        }
        long[] dims = in.dims();
        long elements = 1;
        int[] ints = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            long d = dims[i] == ValueSpec.UNKNOWN ? 1 : dims[i];
            if (d > Integer.MAX_VALUE) {
                return null;
            }
            ints[i] = (int) d;
            elements = Math.min(elements * Math.max(d, 1), Integer.MAX_VALUE + 1L);
        }
        if (elements > Integer.MAX_VALUE) {
            return null;
        }
        Shape shape = Shape.of(ints);
        return in.quantization().isPresent()
                ? TensorType.quantized(type, shape, in.quantization().get())
                : TensorType.of(type, shape);
    }
}
