package dev.vela.runtime.tflite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.io.Npy;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Bit-exact goldens made by TFLite's reference kernels, run through the real importer, {@link Model} and
 * {@link Session}: the 127 single-operator int16x8 "seanet" models of TFLite Micro (input CSVs in, golden CSV out),
 * the DTLN int8 noise suppressor (two LSTMs; TFLM requires an exact match) and the network_tester depthwise model.
 */
class TfliteGoldensTest {

    @TestFactory
    Stream<DynamicTest> seanetSingleOperatorGoldens() throws IOException {
        Path root = TfliteData.require().resolve("tflite-micro-seanet");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path model : files.filter(f -> f.toString().endsWith(".tflite"))
                            .sorted()
                            .toList()) {
                        String base = model.getFileName().toString().replace(".tflite", "");
                        tests.add(
                                DynamicTest.dynamicTest(dir.getFileName() + "/" + base, () -> checkSeanet(dir, base)));
                    }
                }
            }
        }
        assertThat(tests).hasSize(127);
        return tests.stream();
    }

    private static void checkSeanet(Path dir, String base) throws IOException {
        Model model = Model.load(dir.resolve(base + ".tflite"));
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (int i = 0; i < model.inputs().size(); i++) {
            ValueSpec spec = model.inputs().get(i);
            inputs.put(spec.name(), fromCsv(spec, csv(dir, base + "_input" + i + "_")));
        }
        Tensor y;
        try (Session session = model.newSession()) {
            y = session.run(inputs).values().iterator().next();
        }
        long[] golden = readCsv(csv(dir, base + "_golden_"));
        assertThat(y.elementCount()).isEqualTo(golden.length);
        assertThat(values(y)).as(base).containsExactly(golden);
    }

    @Test
    void dtlnInt8GoldenIsMatchedExactly() throws IOException {
        Path data = TfliteData.require();
        Model model = Model.load(data.resolve("tflite-micro").resolve("dtln_noise_suppression.tflite"));
        Tensor x = bytesAs(model.inputs().get(0), Npy.read(data.resolve("golden/dtln_input_int8_1x1x257.npy")));
        Tensor expected = Npy.read(data.resolve("golden/dtln_golden_output_int8_1x1x257.npy"));
        try (Session session = model.newSession()) {
            Tensor y = session.run(Map.of(model.inputs().get(0).name(), x))
                    .values()
                    .iterator()
                    .next();
            assertThat(y.toByteArray()).containsExactly(expected.toByteArray());
        }
    }

    @Test
    void networkTesterDepthwiseGoldenIsMatchedExactly() throws IOException {
        Path golden = TfliteData.require().resolve("golden");
        // the model travels as a uint8 array, exactly as TFLM's network_tester embeds it
        byte[] modelBytes = Npy.read(golden.resolve("network_tester_model.npy")).toByteArray();
        Model model =
                Model.fromBytes("network_tester_model.tflite", modelBytes, Partitioner.of(KernelRegistry.reference()));
        assertThat(model.graph().nodes()).extracting(n -> n.op().toString()).containsExactly("Conv");
        Tensor x = bytesAs(model.inputs().get(0), Npy.read(golden.resolve("network_tester_input.npy")));
        Tensor expected = Npy.read(golden.resolve("network_tester_expected_output.npy"));
        try (Session session = model.newSession()) {
            Tensor y = session.run(Map.of(model.inputs().get(0).name(), x))
                    .values()
                    .iterator()
                    .next();
            assertThat(y.toByteArray()).containsExactly(expected.toByteArray());
        }
    }

    private static long[] values(Tensor t) {
        long[] out = new long[t.elementCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getLong(i);
        }
        return out;
    }

    /** The raw bytes of a stored array as a plain tensor of the declared input type and shape. */
    private static Tensor bytesAs(ValueSpec spec, Tensor raw) {
        Tensor t = Tensor.allocate(TensorType.of(spec.dataType(), shape(spec)));
        t.bytes().put(raw.toByteArray());
        return t;
    }

    private static Shape shape(ValueSpec spec) {
        int[] dims = new int[spec.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = (int) spec.dim(i);
        }
        return Shape.of(dims);
    }

    private static Tensor fromCsv(ValueSpec spec, Path csv) throws IOException {
        long[] values = readCsv(csv);
        Tensor t = Tensor.allocate(TensorType.of(spec.dataType(), shape(spec)));
        assertThat(values).as("values in %s", csv.getFileName()).hasSize(t.elementCount());
        for (int i = 0; i < values.length; i++) {
            t.setLong(i, values[i]);
        }
        return t;
    }

    private static Path csv(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)
                            && f.toString().endsWith(".csv"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no " + prefix + "*.csv in " + dir));
        }
    }

    private static long[] readCsv(Path csv) throws IOException {
        String text = Files.readString(csv).trim();
        if (text.endsWith(",")) {
            text = text.substring(0, text.length() - 1);
        }
        return Stream.of(text.split("[,\\s]+"))
                .filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong)
                .toArray();
    }
}
