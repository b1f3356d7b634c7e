package dev.vela.samples.runtimeit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.partition.NodePlacement;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.passes.Optimization;
import dev.vela.runtime.plugin.PluginLoader;
import dev.vela.runtime.plugin.PluginSet;
import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import dev.vela.spi.admission.TrustStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The certified native-fp32 jar, admitted alone (plus the reference fallback) the way a deployment admits it, on
 * every float model of the benchmark table: MLPerf Tiny's KWS, VWW, ResNet-8 and AD float models and ONNX
 * mnist-8, imported as they are and optimised (`--optimize`: bias Adds folded, activations fused into the
 * plugin's kernels). Every Conv and Gemm runs on native-fp32, and the outputs with 1 and 2 threads are
 * within 1e-5 + 1e-3 |e| of a reference-only run: the policy's per-kernel rtol (1e-4, widened for long
 * reductions) holds for each kernel (ReferenceComparisonTest, the gate); across a whole network the differences of
 * successive layers add up, so the model-level bound is the one SamplePluginsInRuntimeIT uses for java-cpu.
 */
class NativeFp32OnFloatModelsIT {

    private static final String FP32 = "native-fp32";
    private static PluginSet admitted;

    @BeforeAll
    static void deployPlugin() throws IOException {
        Path samples = Path.of(System.getProperty("samples.dir", ".."));
        String version = System.getProperty("samples.version", "0.1.0-SNAPSHOT");
        Path plugins =
                Path.of(System.getProperty("samples.plugins", "target/plugins")).resolveSibling("plugins-fp32");
        Files.createDirectories(plugins);
        String base = "vela-sample-native-fp32-" + version;
        Path target = samples.resolve("native-fp32").resolve("target");
        Files.copy(target.resolve(base + ".jar"), plugins.resolve(base + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(
                target.resolve("vela").resolve(base + "-vela-cert.json"),
                plugins.resolve(base + "-vela-cert.json"),
                StandardCopyOption.REPLACE_EXISTING);
        TrustStore trust =
                TrustStore.load(samples.resolve("dev-keys").resolve("vela-samples-DEVELOPMENT-ONLY.pub.pem"));
        admitted = new PluginLoader(trust, false).pluginsDirectory(plugins).load();
    }

    private static Path model(String relative) {
        String data = System.getProperty("vela.data");
        Path file = data == null ? null : Path.of(data, relative);
        assumeTrue(file != null && Files.isRegularFile(file), "external test data absent (-Dvela.data): " + relative);
        return file;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "tflite/mlcommons-tiny/keyword_spotting__kws_ref_model_float32.tflite",
                "tflite/mlcommons-tiny/visual_wake_words__vww_96_float.tflite",
                "tflite/mlcommons-tiny/image_classification__pretrainedResnet.tflite",
                "tflite/mlcommons-tiny/anomaly_detection__ad01_fp32.tflite",
                "onnx/models/mnist_8/model.onnx"
            })
    void floatModelsRunOnNativeFp32WithinTolerance(String relative) {
        Path file = model(relative);
        Partitioner partitioner = Partitioner.of(admitted, List.of());
        Model imported = Model.load(file, partitioner);
        Model optimized =
                Model.of(file.toString(), Optimization.forProviders(imported.graph(), partitioner), partitioner);
        Map<String, Tensor> feed = SamplePluginsInRuntimeIT.randomInputs(imported, 17);
        Map<String, Tensor> expected = referenceRun(file, feed);
        for (Model model : List.of(imported, optimized)) {
            for (int threads : new int[] {1, 2}) {
                try (Session s = model.newSession().withThreads(threads)) {
                    Map<String, Tensor> got = s.run(feed);
                    List<NodePlacement> placement = s.placement().nodes();
                    String what = file.getFileName() + (model == imported ? " as imported" : " optimised") + ", "
                            + threads + " thread(s)";
                    // dynamic-range (hybrid) layers keep int8 weights and need a hybrid kernel: native-fp32 has
                    // one for Conv (KWS's five), not for Gemm, whose hybrid nodes run on the reference; every
                    // other float Conv and Gemm runs on native-fp32
                    java.util.Set<String> hybrid = hybridNodes(model, List.of("Conv", "Gemm"));
                    java.util.Set<String> hybridGemm = hybridNodes(model, List.of("Gemm"));
                    List<String> convAndGemm = new java.util.ArrayList<>(placement.stream()
                            .filter(p -> p.claim() != null
                                    && p.claim().dataType() == DataType.FLOAT32
                                    && List.of("Conv", "Gemm")
                                            .contains(p.claim().op().toString())
                                    && hybridGemm.stream()
                                            .noneMatch(h -> p.node().contains("'" + h + "'")))
                            .map(NodePlacement::provider)
                            .toList());
                    // the fully connected layers native-fp32's delegate took run in its partitions (AD's ten
                    // layers as one chain)
                    model.delegation()
                            .ifPresent(plan -> plan.partitions().forEach(part -> {
                                for (var node : model.graph().nodes()) {
                                    if (part.nodes().contains(node.name())
                                            && List.of("Conv", "Gemm")
                                                    .contains(node.op().toString())) {
                                        convAndGemm.add(part.provider());
                                    }
                                }
                            }));
                    assertThat(convAndGemm)
                            .as(what + ": providers of the Conv and Gemm nodes")
                            .isNotEmpty()
                            .containsOnly(FP32);
                    assertWithinTolerance(expected, got, what, !hybrid.isEmpty());
                }
            }
        }
    }

    /** @return the names of the nodes of those operators whose weights are an int8 constant (dynamic-range layers) */
    private static java.util.Set<String> hybridNodes(Model model, List<String> ops) {
        var graph = model.graph();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (var node : graph.nodes()) {
            if (ops.contains(node.op().toString())
                    && node.inputs().size() > 1
                    && graph.initializers().containsKey(node.inputs().get(1))
                    && graph.initializers().get(node.inputs().get(1)).dataType() == DataType.INT8) {
                names.add(node.name());
            }
        }
        return names;
    }

    /**
     * Float outputs within 1e-5 + 1e-3 |e|. A model with dynamic-range layers quantizes their inputs on the fly, so a
     * last-bit difference in an upstream float layer (native-fp32's order of summation against the reference's) can
     * move one value across a quantization step and the output by that step's share: for those models an output may
     * also be off by up to 1 % of the output's range, the bound the hybrid kernels' own oracle test uses.
     */
    private static void assertWithinTolerance(
            Map<String, Tensor> expected, Map<String, Tensor> got, String what, boolean hybrid) {
        assertThat(got.keySet()).as(what).isEqualTo(expected.keySet());
        expected.forEach((name, t) -> {
            float[] want = t.toFloatArray();
            float[] have = got.get(name).toFloatArray();
            assertThat(have).as(what).hasSameSizeAs(want);
            double range = 0;
            for (float w : want) {
                range = Math.max(range, Math.abs(w));
            }
            double step = hybrid ? 0.01 * range : 0;
            for (int i = 0; i < want.length; i++) {
                if (!(Math.abs(have[i] - want[i]) <= Math.max(1e-5 + 1e-3 * Math.abs(want[i]), step))) {
                    fail(what + ": output " + name + "[" + i + "] is " + have[i] + ", reference " + want[i]);
                }
            }
        });
    }

    private static Map<String, Tensor> referenceRun(Path file, Map<String, Tensor> feed) {
        try (Session s = Model.load(file).newSession()) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            s.run(feed).forEach((k, v) -> {
                Tensor c = Tensor.allocate(v.type());
                c.copyFrom(v);
                out.put(k, c);
            });
            return out;
        }
    }
}
