package dev.vela.runtime.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.onnx.OnnxTensorDecoder;
import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.VelaException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every model of the external data folder ({@code -Dvela.data}) that loads and runs: the planned arena gives outputs
 * bit for bit equal to unplanned runs (first, planned and repeated runs; earlier results are not overwritten by later
 * runs), and the arena is within 5% of its lower bound (for arenas under 4 KiB: within one alignment unit per buffer). Prints the arena table at the end. ONNX models run on their
 * first test set, TFLite models on seeded random inputs. Select a subset with {@code -Dvela.arena.filter=REGEX}.
 */
class ArenaDataTest {

    private static final List<String> ROWS = new CopyOnWriteArrayList<>();

    private static Path dataRoot() {
        String data = System.getProperty("vela.data", "");
        Path root = data.isEmpty() ? null : Path.of(data);
        boolean present = root != null && Files.isDirectory(root);
        if (!present) {
            System.out.println("[arena data] external data not found (set -Dvela.data); skipping");
        }
        assumeTrue(present, "external data not found");
        return root;
    }

    @TestFactory
    Stream<DynamicTest> arenaMatchesUnplannedRunsAndItsLowerBound() throws Exception {
        Path root = dataRoot();
        String filter = System.getProperty("vela.arena.filter", "");
        List<Path> models = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("onnx/models"))) {
            files.filter(f -> f.getFileName().toString().equals("model.onnx"))
                    .sorted()
                    .forEach(models::add);
        }
        try (Stream<Path> files = Files.walk(root.resolve("tflite"))) {
            files.filter(f -> f.getFileName().toString().endsWith(".tflite"))
                    .sorted()
                    .forEach(models::add);
        }
        return models.stream()
                .filter(m -> filter.isEmpty()
                        || java.util.regex.Pattern.compile(filter)
                                .matcher(m.toString())
                                .find())
                .map(m -> DynamicTest.dynamicTest(root.relativize(m).toString(), () -> check(root, m)));
    }

    private static void check(Path root, Path file) throws Exception {
        String name = root.relativize(file).toString();
        Model model;
        Map<String, Tensor> feed;
        Map<String, Tensor> expected;
        try {
            model = Model.load(file);
            feed = inputs(model, file);
            try (Session plain = model.newSession().withMemoryPlanning(false)) {
                expected = plain.run(feed);
            }
        } catch (VelaException e) {
            return; // not runnable here: refusals are the business of the import and kernel tests
        }
        try (Session planned = model.newSession()) {
            // each run starts from the initial state (LSTM/SVDF models keep state between runs of a session)
            Map<String, Tensor> first = planned.run(feed);
            Map<String, Tensor> second = planned.reset().run(feed);
            Map<String, Tensor> third = planned.reset().run(feed);
            for (String out : expected.keySet()) {
                byte[] want = expected.get(out).toByteArray();
                assertThat(first.get(out).toByteArray())
                        .as(out + " (measuring run)")
                        .isEqualTo(want);
                assertThat(second.get(out).toByteArray())
                        .as(out + " (planned run)")
                        .isEqualTo(want);
                assertThat(third.get(out).toByteArray())
                        .as(out + " (repeated run)")
                        .isEqualTo(want);
                assertThat(second.get(out).toByteArray())
                        .as(out + " (kept after a later run)")
                        .isEqualTo(want);
            }
            ArenaFigures a = planned.arena().orElseThrow();
            ROWS.add(String.format(
                    "| %s | %d | %d | %.3f | %d | %d |",
                    name, a.arenaBytes(), a.lowerBoundBytes(), a.ratio(), a.buffers(), a.inPlace()));
            // below 4 KiB the 64-byte alignment of each buffer, not the placement, dominates the ratio
            long allowed = a.lowerBoundBytes() >= 4096
                    ? (long) Math.floor(a.lowerBoundBytes() * 1.05)
                    : a.lowerBoundBytes() + (long) MemoryPlanner.ALIGNMENT * a.buffers();
            assertThat(a.arenaBytes()).as("arena of " + name).isLessThanOrEqualTo(allowed);
        }
    }

    /** ONNX models with a test set run on it; the others on seeded random values of the declared types. */
    private static Map<String, Tensor> inputs(Model model, Path file) throws Exception {
        Path set = file.resolveSibling("test_data_set_0");
        Map<String, Tensor> feed = new LinkedHashMap<>();
        List<ValueSpec> declared = model.inputs();
        if (Files.isDirectory(set)) {
            for (int i = 0; i < declared.size(); i++) {
                Path pb = set.resolve("input_" + i + ".pb");
                if (Files.exists(pb)) {
                    feed.put(
                            declared.get(i).name(),
                            OnnxTensorDecoder.readFile(pb).tensor());
                }
            }
            if (feed.size() == declared.size()) {
                return feed;
            }
            feed.clear();
        }
        Random random = new Random(42);
        for (ValueSpec in : declared) {
            feed.put(in.name(), randomTensor(in, random));
        }
        return feed;
    }

    private static Tensor randomTensor(ValueSpec in, Random random) {
        DataType type = in.dataType() == null ? DataType.FLOAT32 : in.dataType();
        int[] dims = new int[in.hasShape() ? in.rank() : 0];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = in.dim(i) == ValueSpec.UNKNOWN ? 1 : (int) in.dim(i);
        }
        Tensor t = Tensor.allocate(TensorType.of(type, dims));
        if (type == DataType.FLOAT32) {
            for (int i = 0; i < t.elementCount(); i++) {
                t.setDouble(i, random.nextFloat() * 2 - 1);
            }
        } else if (type == DataType.INT8 || type == DataType.UINT8 || type == DataType.INT16) {
            ByteBuffer b = t.bytes();
            byte[] bytes = new byte[b.remaining()];
            random.nextBytes(bytes);
            b.put(bytes);
        } else {
            for (int i = 0; i < t.elementCount(); i++) {
                t.setLong(i, random.nextInt(2));
            }
        }
        return t;
    }

    @AfterAll
    static void printTable() {
        if (ROWS.isEmpty()) {
            return;
        }
        List<String> rows = new ArrayList<>(ROWS);
        rows.sort(null);
        StringBuilder sb = new StringBuilder("[arena data] ")
                .append(rows.size())
                .append(" models\n")
                .append(
                        "| model | arena bytes | lower bound | ratio | buffers | in place |\n|---|---|---|---|---|---|\n");
        rows.forEach(r -> sb.append(r).append('\n'));
        System.out.println(sb);
    }
}
