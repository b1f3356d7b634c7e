package dev.vela.runtime.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.convert.Conversion;
import dev.vela.runtime.partition.NodePlacement;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.passes.Pass;
import dev.vela.runtime.passes.Passes;
import dev.vela.runtime.plugin.PluginLoader;
import dev.vela.runtime.plugin.PluginSet;
import dev.vela.spi.Tensor;
import dev.vela.spi.admission.TrustStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quantized conversion runs on the native-npu sample plugin: KWS quantized by {@code quantize-int8}, loaded with
 * the plugin admitted in development mode (uncertified), places its int8 Conv layers on native-npu and gives outputs
 * bit-exact with the reference run. Needs {@code -Dvela.data=<shared data>} and {@code -Dvela.nativeNpu=<the built
 * vela-sample-native-npu jar>} (built with {@code mvn -pl vendor-samples/native-npu -am package}); the JVM needs
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED} (surefire: {@code -DargLine=...}) because JavaCPP loads the
 * plugin's native library for a class of a child class loader through {@code Runtime.load0}.
 */
class NativeNpuQuantizedModelTest {

    private static final String TINY = "tflite/mlcommons-tiny/";

    @TempDir
    Path work;

    @Test
    void quantizedKwsRunsItsConvLayersOnNativeNpuBitExact() throws IOException {
        String data = System.getProperty("vela.data");
        String jar = System.getProperty("vela.nativeNpu");
        assumeTrue(data != null && Files.isDirectory(Path.of(data, "tflite/mlcommons-tiny")) && jar != null
                && Files.isRegularFile(Path.of(jar)), "native-npu check skipped: set -Dvela.data=<shared data> and "
                        + "-Dvela.nativeNpu=<vela-sample-native-npu jar>");
        Path d = Path.of(data);
        Path source = d.resolve(TINY + "keyword_spotting__kws_ref_model_float32.tflite");
        Model official = Model.load(d.resolve(TINY + "keyword_spotting__kws_ref_model.tflite"));
        String in = Model.load(source).inputs().get(0).name();
        List<Map<String, Tensor>> samples = PtqSamples.kws(d, in, PtqSamples.inputQuantization(official), 3);
        List<Pass> passes = new ArrayList<>(Passes.defaults());
        passes.add(new QuantizationPass(QuantizationPass.Mode.INT8, samples, CalibrationMethod.MINMAX, 100,
                x -> { }));
        Path pkg = work.resolve("kws-int8.vela");
        Conversion.run(source, pkg, passes);

        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Files.copy(Path.of(jar), plugins.resolve("native-npu.jar"));
        PluginSet set = new PluginLoader(TrustStore.empty(), true).pluginsDirectory(plugins).load();
        assertThat(set.admitted()).anyMatch(p -> p.id().equals("native-npu"));
        Model onNpu = Model.load(pkg, Partitioner.of(set, List.of()));
        Model reference = Model.load(pkg);
        try (Session npu = onNpu.newSession(); Session ref = reference.newSession()) {
            for (Map<String, Tensor> s : samples) {
                Map<String, Tensor> expected = ref.run(s);
                Map<String, Tensor> actual = npu.run(s);
                for (Map.Entry<String, Tensor> e : expected.entrySet()) {
                    assertThat(actual.get(e.getKey()).toByteArray()).as(e.getKey())
                            .isEqualTo(e.getValue().toByteArray());
                }
            }
            List<NodePlacement> convs = npu.placement().nodes().stream()
                    .filter(p -> p.claim() != null && p.claim().op().name().equals("Conv")).toList();
            assertThat(convs).hasSize(9);
            assertThat(convs).allMatch(p -> p.provider().equals("native-npu"), "every int8 Conv on native-npu");
            System.out.println(npu.placement().toTable());
        }
    }
}
