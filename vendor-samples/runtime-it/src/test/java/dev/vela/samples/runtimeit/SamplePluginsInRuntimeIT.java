package dev.vela.samples.runtimeit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.partition.NodePlacement;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.passes.Optimization;
import dev.vela.runtime.plugin.AdmittedProvider;
import dev.vela.runtime.plugin.PluginLoader;
import dev.vela.runtime.plugin.PluginSet;
import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.admission.TrustStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The samples as a deployment uses them: the jars the build packaged and the certificates the gate signed
 * with the samples' DEVELOPMENT-ONLY key are copied into a plugins directory, the runtime admits them by
 * trusting that key, and MLPerf Tiny's visual wake words model runs with int8 convolutions on
 * {@code native-npu}, float32 convolutions and fully connected layers on {@code java-cpu}, and the rest on the
 * reference kernels, with the same outputs as a reference-only run.
 */
class SamplePluginsInRuntimeIT {

    private static final String NPU = "native-npu";
    private static final String CPU = "java-cpu";
    private static final String REFERENCE = "vela-reference";

    private static Path plugins;
    private static PluginSet admitted;

    @BeforeAll
    static void deployPlugins() throws IOException {
        Path samples = Path.of(System.getProperty("samples.dir", ".."));
        String version = System.getProperty("samples.version", "0.1.0-SNAPSHOT");
        plugins = Path.of(System.getProperty("samples.plugins", "target/plugins"));
        Files.createDirectories(plugins);
        for (String sample : List.of("java-cpu", "native-npu")) {
            String base = "vela-sample-" + sample + "-" + version;
            Path target = samples.resolve(sample).resolve("target");
            Files.copy(
                    target.resolve(base + ".jar"), plugins.resolve(base + ".jar"), StandardCopyOption.REPLACE_EXISTING);
            // the gate's certificate, under the name it has as Maven's attached artifact, beside the jar
            Files.copy(
                    target.resolve("vela").resolve(base + "-vela-cert.json"),
                    plugins.resolve(base + "-vela-cert.json"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        TrustStore trust =
                TrustStore.load(samples.resolve("dev-keys").resolve("vela-samples-DEVELOPMENT-ONLY.pub.pem"));
        admitted = new PluginLoader(trust, false).pluginsDirectory(plugins).load();
    }

    /** @return the providers admitted from the certified sample jars (after {@link #deployPlugins()}) */
    static PluginSet admitted() {
        return admitted;
    }

    private static Path model(String name) {
        String data = System.getProperty("vela.data");
        Path file = data == null ? null : Path.of(data, "tflite", "mlcommons-tiny", name);
        assumeTrue(file != null && Files.isRegularFile(file), "external test data absent (-Dvela.data): " + name);
        return file;
    }

    @Test
    void bothSamplesAreAdmittedAsCertifiedWithTheirClaims() {
        assertThat(admitted.refusals()).isEmpty();
        assertThat(admitted.developmentMode()).isFalse();
        Map<String, AdmittedProvider> byId =
                admitted.admitted().stream().collect(Collectors.toMap(AdmittedProvider::id, a -> a));
        assertThat(byId).containsKeys(NPU, CPU, REFERENCE);
        assertThat(byId.get(NPU).certified()).isTrue();
        assertThat(byId.get(CPU).certified()).isTrue();
        assertThat(byId.get(NPU).origin()).endsWith(".jar");
        // verify, then load: the classes come from the verified bytes in memory, not from the file
        for (String id : List.of(NPU, CPU)) {
            AdmittedProvider a = byId.get(id);
            String sha256;
            try {
                sha256 = dev.vela.spi.admission.CertificateVerifier.sha256Hex(Path.of(a.origin()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            assertThat(a.provider()
                            .getClass()
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation())
                    .hasToString("vela-plugin:/" + sha256 + "/");
        }
        assertThat(byId.get(NPU).claims())
                .extracting(c -> c.op() + "/" + c.dataType().label() + "/" + c.layout())
                .containsExactlyInAnyOrder(
                        "Add/int8/ANY",
                        "AveragePool/int8/NHWC",
                        "Conv/int8/NHWC",
                        "Gemm/int8/ANY",
                        "MaxPool/int8/NHWC",
                        "Pad/int8/ANY",
                        "ReduceMean/int8/ANY",
                        "Softmax/int8/ANY",
                        "Transpose/int8/ANY");
        assertThat(byId.get(CPU).claims()).hasSize(18).allMatch(c -> c.dataType() == DataType.FLOAT32);
    }

    @Test
    void int8ConvolutionsRunOnTheNpuBitExactly() {
        Path file = model("visual_wake_words__vww_96_int8.tflite");
        // per-node kernels: native-npu's delegate is compared with them in DelegateOnRealModelsIT
        Model plugged = Model.load(file, Partitioner.of(admitted, List.of()).withoutDelegates());
        Map<String, Tensor> feed = randomInputs(plugged, 7);
        Map<String, Tensor> got;
        List<NodePlacement> placement;
        try (Session s = plugged.newSession()) {
            got = s.run(feed);
            placement = s.placement().nodes();
        }
        assertThat(providersOf(placement, "Conv", DataType.INT8)).containsExactly(NPU);
        assertThat(placement)
                .filteredOn(p -> p.claim().op().toString().equals("Conv"))
                .hasSize(27);
        // Reshape is claimed by neither sample
        assertThat(providersOf(placement, "Reshape", DataType.INT8)).containsExactly(REFERENCE);
        assertThat(placement).extracting(NodePlacement::provider).doesNotContain(CPU);

        Map<String, Tensor> expected = referenceRun(file, feed);
        assertThat(got.keySet()).isEqualTo(expected.keySet());
        expected.forEach((name, t) -> {
            assertThat(got.get(name).type()).isEqualTo(t.type());
            assertThat(got.get(name).toByteArray())
                    .as("output %s, bit-exact", name)
                    .isEqualTo(t.toByteArray());
        });
    }

    @Test
    void floatConvolutionsAndFullyConnectedRunOnJavaCpuWithinTolerance() {
        Path file = model("visual_wake_words__vww_96_float.tflite");
        Model plugged = Model.load(file, Partitioner.of(admitted, List.of()));
        Map<String, Tensor> feed = randomInputs(plugged, 11);
        Map<String, Tensor> got;
        List<NodePlacement> placement;
        try (Session s = plugged.newSession()) {
            got = s.run(feed);
            placement = s.placement().nodes();
        }
        assertThat(providersOf(placement, "Conv", DataType.FLOAT32)).containsExactly(CPU);
        assertThat(providersOf(placement, "Gemm", DataType.FLOAT32)).containsExactly(CPU);
        assertThat(providersOf(placement, "Reshape", DataType.FLOAT32)).containsExactly(REFERENCE);
        assertThat(providersOf(placement, "Softmax", DataType.FLOAT32)).containsExactly(REFERENCE);
        assertThat(placement).extracting(NodePlacement::provider).doesNotContain(NPU);

        Map<String, Tensor> expected = referenceRun(file, feed);
        assertWithinTolerance(expected, got);
    }

    @Test
    void optimizationFusesActivationsOnlyWhereAPluginAppliesThem() {
        Path file = model("visual_wake_words__vww_96_float.tflite");
        Partitioner partitioner = Partitioner.of(admitted, List.of());
        Model imported = Model.load(file, partitioner);
        Model optimized =
                Model.of(file.toString(), Optimization.forProviders(imported.graph(), partitioner), partitioner);
        long relusBefore = count(imported, "Relu");
        long fusedNodes = optimized.graph().nodes().stream()
                .filter(n -> n.attributes().has("activation"))
                .count();
        assertThat(relusBefore).isPositive();
        assertThat(fusedNodes).as("Conv/Gemm nodes that took their Relu").isPositive();
        assertThat(count(optimized, "Relu")).isEqualTo(relusBefore - fusedNodes);

        Map<String, Tensor> feed = randomInputs(optimized, 12);
        Map<String, Tensor> got;
        try (Session s = optimized.newSession()) {
            got = copy(s.run(feed));
            // every node carrying the attribute runs on the plugin that accepted it, never on the reference
            List<NodePlacement> placement = s.placement().nodes();
            assertThat(providersOf(placement, "Conv", DataType.FLOAT32)).containsExactly(CPU);
        }
        Map<String, Tensor> expected = referenceRun(file, feed);
        assertWithinTolerance(expected, got);

        // with only the reference (whose float kernels refuse the attribute) nothing is fused
        Model referenceOnly = Model.load(file);
        Partitioner fallbackOnly = referenceOnly.partitioner();
        assertThat(Optimization.forProviders(referenceOnly.graph(), fallbackOnly)
                        .nodes())
                .noneMatch(n -> n.attributes().has("activation"));
    }

    @Test
    void optimizedMnistFoldsBiasAddsAndFusesReluIntoJavaCpuConvs() {
        String data = System.getProperty("vela.data");
        Path file = data == null ? null : Path.of(data, "onnx", "models", "mnist_8", "model.onnx");
        assumeTrue(file != null && Files.isRegularFile(file), "external test data absent (-Dvela.data): mnist_8");
        Partitioner partitioner = Partitioner.of(admitted, List.of());
        Model imported = Model.load(file, partitioner);
        Model optimized =
                Model.of(file.toString(), Optimization.forProviders(imported.graph(), partitioner), partitioner);
        assertThat(imported.graph().nodes()).hasSize(12);
        // Conv(+bias Add, +Relu) x2, MaxPool x2, the input Reshape, and MatMul + Add as one Gemm
        assertThat(optimized.graph().nodes())
                .extracting(n -> n.op().name())
                .containsExactly("Conv", "MaxPool", "Conv", "MaxPool", "Reshape", "Gemm");
        assertThat(optimized.graph().nodes().stream().filter(n -> n.attributes().has("activation")))
                .hasSize(2);
        Map<String, Tensor> feed = randomInputs(optimized, 13);
        Map<String, Tensor> got;
        try (Session s = optimized.newSession()) {
            got = copy(s.run(feed));
        }
        assertWithinTolerance(referenceRun(file, feed), got);
    }

    /** Same outputs, each element within 1e-4 + 1e-3 |expected| (java-cpu's float results against the reference). */
    private static void assertWithinTolerance(Map<String, Tensor> expected, Map<String, Tensor> got) {
        assertThat(got.keySet()).isEqualTo(expected.keySet());
        expected.forEach((name, t) -> {
            float[] want = t.toFloatArray();
            float[] have = got.get(name).toFloatArray();
            assertThat(have).hasSameSizeAs(want);
            for (int i = 0; i < want.length; i++) {
                assertThat(have[i])
                        .as("output %s[%d]", name, i)
                        .isCloseTo(want[i], within(1e-4f + 1e-3f * Math.abs(want[i])));
            }
        });
    }

    private static long count(Model model, String op) {
        return model.graph().nodes().stream()
                .filter(n -> n.op().name().equals(op))
                .count();
    }

    /** @return the distinct providers that run nodes of this op and input type */
    private static Set<String> providersOf(List<NodePlacement> placement, String op, DataType type) {
        return placement.stream()
                .filter(p -> p.claim().op().toString().equals(op) && p.claim().dataType() == type)
                .map(NodePlacement::provider)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Tensor> referenceRun(Path file, Map<String, Tensor> feed) {
        Model reference = Model.load(file);
        try (Session s = reference.newSession()) {
            assertThat(s.run(feed)).isNotEmpty();
            assertThat(s.placement().nodes())
                    .extracting(NodePlacement::provider)
                    .containsOnly(REFERENCE);
            return copy(s.run(feed));
        }
    }

    private static Map<String, Tensor> copy(Map<String, Tensor> outputs) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        outputs.forEach((k, v) -> {
            Tensor c = Tensor.allocate(v.type());
            c.copyFrom(v);
            out.put(k, c);
        });
        return out;
    }

    /** Seeded random inputs of the declared types: int8 over its whole range, float32 in [0, 1). */
    static Map<String, Tensor> randomInputs(Model model, long seed) {
        Random random = new Random(seed);
        Map<String, Tensor> feed = new LinkedHashMap<>();
        for (ValueSpec in : model.inputs()) {
            int[] dims = new int[in.rank()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = in.dim(i) == ValueSpec.UNKNOWN ? 1 : Math.toIntExact(in.dim(i));
            }
            TensorType type = in.quantization().isPresent()
                    ? TensorType.quantized(
                            in.dataType(), Shape.of(dims), in.quantization().get())
                    : TensorType.of(in.dataType(), dims);
            Tensor t = Tensor.allocate(type);
            if (type.dataType() == DataType.FLOAT32) {
                FloatBuffer f = t.floats();
                for (int i = 0; i < t.elementCount(); i++) {
                    f.put(i, random.nextFloat());
                }
            } else {
                ByteBuffer b = t.bytes();
                for (int i = 0; i < t.type().byteSize(); i++) {
                    b.put(i, (byte) random.nextInt(256));
                }
            }
            feed.put(in.name(), t);
        }
        return feed;
    }
}
