package dev.vela.runtime.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.onnx.OnnxTensorDecoder;
import dev.vela.runtime.pack.PackageReader;
import dev.vela.runtime.passes.PassTiming;
import dev.vela.runtime.passes.Passes;
import dev.vela.spi.Tensor;
import dev.vela.spi.VelaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every model of the shared data that runs today (ONNX {@code onnx/models/**}, TFLite {@code mlcommons-tiny} and
 * {@code tflite-micro}) converts to {@code .vela} with the default passes, loads from the package, and gives the
 * original's outputs (ONNX: on the inputs of each of its test data sets; TFLite: on two seeded random samples): float
 * values within the float32 policy (|a-e| &lt;= 1e-5 +
 * 1e-4|e|), integer values bit-exact. Models the runtime cannot load or run today are skipped by name (and counted).
 * Each model converts a second time with the other layout (ONNX to NHWC, TFLite to NCHW) and activation fusion added,
 * under the same check. Prints per model and in total: bytes before and after, nodes, time per pass.
 */
class ConvertModelsDataTest {

    private static final Map<String, double[]> PASS_TOTALS = new TreeMap<>();
    private static final long[] TOTALS = new long[4]; // converted, skipped, bytes before, bytes after
    private static final long[] LAYOUT = new long[3]; // converted to the other layout, nodes before, nodes after

    @TempDir
    static Path work;

    private static Path data() {
        String data = System.getProperty("vela.data");
        Path dir = data == null ? null : Path.of(data);
        assumeTrue(
                dir != null && Files.isDirectory(dir.resolve("onnx/models")),
                "external models not found: set -Dvela.data=<shared data folder> (see the data README)");
        return dir;
    }

    @TestFactory
    Stream<DynamicTest> everyRunnableModelConvertsAndRunsTheSame() throws IOException {
        Path dir = data();
        List<Path> models = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir.resolve("onnx/models"))) {
            files.filter(f -> f.getFileName().toString().equals("model.onnx"))
                    .sorted()
                    .forEach(models::add);
        }
        for (String folder : List.of("mlcommons-tiny", "tflite-micro")) {
            try (Stream<Path> files = Files.list(dir.resolve("tflite").resolve(folder))) {
                files.filter(f -> f.toString().endsWith(".tflite")).sorted().forEach(models::add);
            }
        }
        String only = System.getProperty("vela.convert.filter");
        List<Path> chosen = models.stream()
                .filter(m -> only == null || m.toString().matches(".*" + only + ".*"))
                .toList();
        Stream<DynamicTest> defaults = chosen.stream()
                .map(m -> DynamicTest.dynamicTest(
                        dir.relativize(m).toString(), () -> check(dir.relativize(m), m, DEFAULT)));
        Stream<DynamicTest> layout = chosen.stream()
                .map(m -> DynamicTest.dynamicTest(
                        "other layout: " + dir.relativize(m), () -> check(dir.relativize(m), m, OTHER_LAYOUT)));
        return Stream.concat(defaults, layout);
    }

    /** The default passes. */
    private static final String DEFAULT = "default";

    /** The default passes, then conversion to the other layout and activation fusion into quantized nodes. */
    private static final String OTHER_LAYOUT = "other-layout";

    private static List<String> passNames(String variant, Path source) {
        List<String> names = new ArrayList<>(Passes.defaultNames());
        if (variant.equals(OTHER_LAYOUT)) {
            names.add(source.toString().endsWith(".onnx") ? "layout-nhwc" : "layout-nchw");
            names.add("fuse-activations");
        }
        return names;
    }

    private static void check(Path name, Path source, String variant) throws IOException {
        Model original;
        List<Map<String, Tensor>> samples;
        List<Map<String, Tensor>> expected = new ArrayList<>();
        try {
            original = Model.load(source);
            samples = source.toString().endsWith(".onnx")
                    ? testDataSets(source.getParent(), original)
                    : SampleInputs.random(original.inputs(), 2, 42);
            try (Session s = original.newSession()) {
                for (Map<String, Tensor> sample : samples) {
                    expected.add(s.run(sample));
                }
            }
        } catch (VelaException | IllegalArgumentException | UnsupportedOperationException e) {
            if (variant.equals(DEFAULT)) {
                synchronized (TOTALS) {
                    TOTALS[1]++;
                }
            }
            assumeTrue(false, "does not run today: " + e.getMessage());
            return;
        }
        Path target = work.resolve(variant + "_" + name.toString().replace('/', '_') + ".vela");
        Conversion c = Conversion.run(source, target, Passes.byNames(passNames(variant, source)));
        Model converted = Model.load(target);
        assertThat(converted.inputs())
                .extracting(ValueSpec::name)
                .containsExactlyElementsOf(
                        original.inputs().stream().map(ValueSpec::name).toList());
        assertThat(PackageReader.read(target).metadata().sourceName())
                .isEqualTo(source.getFileName().toString());
        try (Session s = converted.newSession()) {
            for (int k = 0; k < samples.size(); k++) {
                Map<String, Tensor> actual = s.run(samples.get(k));
                for (ValueSpec out : original.outputs()) {
                    compare(out.name(), expected.get(k).get(out.name()), actual.get(out.name()));
                }
            }
        }
        if (variant.equals(OTHER_LAYOUT)) {
            synchronized (LAYOUT) {
                LAYOUT[0]++;
                LAYOUT[1] += c.before().nodes().size();
                LAYOUT[2] += c.after().nodes().size();
            }
            return;
        }
        System.out.printf(
                Locale.ROOT,
                "%s: %d -> %d bytes, %d -> %d nodes%n",
                name,
                c.sizeBefore(),
                c.sizeAfter(),
                c.before().nodes().size(),
                c.after().nodes().size());
        synchronized (TOTALS) {
            TOTALS[0]++;
            TOTALS[2] += c.sizeBefore();
            TOTALS[3] += c.sizeAfter();
            for (PassTiming t : c.timings()) {
                double[] v = PASS_TOTALS.computeIfAbsent(t.name(), k -> new double[2]);
                v[0] += t.millis();
                v[1] += t.nodesBefore() - t.nodesAfter();
            }
        }
    }

    /** The inputs of the model's ONNX test data sets ({@code test_data_set_K/input_N.pb}), one sample per set. */
    private static List<Map<String, Tensor>> testDataSets(Path dir, Model model) throws IOException {
        List<Path> sets;
        try (Stream<Path> files = Files.list(dir)) {
            sets = files.filter(f -> f.getFileName().toString().startsWith("test_data_set_"))
                    .sorted()
                    .toList();
        }
        List<Map<String, Tensor>> samples = new ArrayList<>();
        for (Path set : sets) {
            Map<String, Tensor> sample = new java.util.LinkedHashMap<>();
            for (int i = 0; i < model.inputs().size(); i++) {
                sample.put(
                        model.inputs().get(i).name(),
                        OnnxTensorDecoder.readFile(set.resolve("input_" + i + ".pb"))
                                .tensor());
            }
            samples.add(sample);
        }
        return samples;
    }

    private static void compare(String name, Tensor e, Tensor a) {
        assertThat(a).as("output %s", name).isNotNull();
        assertThat(a.type()).as("type of %s", name).isEqualTo(e.type());
        if (!e.dataType().isFloatingPoint()) {
            assertThat(a.toByteArray()).as("bit-exact %s", name).isEqualTo(e.toByteArray());
            return;
        }
        for (int i = 0; i < e.elementCount(); i++) {
            double ev = e.getDouble(i);
            double av = a.getDouble(i);
            if (Double.isNaN(ev)) {
                assertThat(av).as("%s[%d]", name, i).isNaN();
            } else {
                assertThat(Math.abs(av - ev))
                        .as("%s[%d]: %s vs %s", name, i, av, ev)
                        .isLessThanOrEqualTo(1e-5 + 1e-4 * Math.abs(ev));
            }
        }
    }

    @AfterAll
    static void printTotals() {
        if (TOTALS[0] + TOTALS[1] == 0) {
            return;
        }
        System.out.printf(
                Locale.ROOT,
                "converted %d models (%d skipped: do not run today); %d -> %d bytes%n",
                TOTALS[0],
                TOTALS[1],
                TOTALS[2],
                TOTALS[3]);
        System.out.printf(
                Locale.ROOT,
                "converted %d models to the other layout; %d -> %d nodes%n",
                LAYOUT[0],
                LAYOUT[1],
                LAYOUT[2]);
        PASS_TOTALS.forEach((pass, v) ->
                System.out.printf(Locale.ROOT, "  %-20s %9.1f ms total, %d nodes removed%n", pass, v[0], (long) v[1]));
    }
}
