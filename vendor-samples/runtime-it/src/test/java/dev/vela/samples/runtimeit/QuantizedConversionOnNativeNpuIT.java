package dev.vela.samples.runtimeit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.convert.Conversion;
import dev.vela.runtime.io.Npy;
import dev.vela.runtime.partition.NodePlacement;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.passes.Pass;
import dev.vela.runtime.passes.Passes;
import dev.vela.runtime.plugin.PluginLoader;
import dev.vela.runtime.plugin.PluginSet;
import dev.vela.runtime.quantize.CalibrationMethod;
import dev.vela.runtime.quantize.QuantizationPass;
import dev.vela.spi.DataType;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.admission.TrustStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The converter's output runs on the certified native-npu sample: the float KWS model, quantized to int8 by
 * {@code vela convert}'s post-training quantization (calibrated on the real KWS sample and time-rolled copies of it),
 * places every int8 Conv on {@code native-npu} and gives the same bytes as a reference-only run.
 */
class QuantizedConversionOnNativeNpuIT {

    private static final String TINY = "tflite/mlcommons-tiny/";

    @TempDir
    Path work;

    @Test
    void quantizedKwsRunsItsConvLayersOnNativeNpuBitExact() throws IOException {
        String data = System.getProperty("vela.data");
        Path d = data == null ? null : Path.of(data);
        assumeTrue(d != null && Files.isDirectory(d.resolve(TINY)), "external test data absent (-Dvela.data)");
        Path source = d.resolve(TINY + "keyword_spotting__kws_ref_model_float32.tflite");
        Quantization official = Model.load(d.resolve(TINY + "keyword_spotting__kws_ref_model.tflite"))
                .inputs()
                .get(0)
                .quantization()
                .orElseThrow();
        List<Map<String, Tensor>> samples =
                kwsSamples(d, Model.load(source).inputs().get(0).name(), official);
        List<Pass> passes = new ArrayList<>(Passes.defaults());
        passes.add(new QuantizationPass(QuantizationPass.Mode.INT8, samples, CalibrationMethod.MINMAX, 100, x -> {}));
        Path pkg = work.resolve("kws-int8.vela");
        Conversion.run(source, pkg, passes);

        PluginSet plugins = certifiedNativeNpu();
        assertThat(plugins.refusals()).isEmpty();
        try (Session npu = Model.load(pkg, Partitioner.of(plugins, List.of()).withoutDelegates())
                        .newSession();
                Session ref = Model.load(pkg).newSession()) {
            for (Map<String, Tensor> s : samples) {
                Map<String, Tensor> expected = ref.run(s);
                Map<String, Tensor> actual = npu.run(s);
                expected.forEach((name, t) ->
                        assertThat(actual.get(name).toByteArray()).as(name).isEqualTo(t.toByteArray()));
            }
            List<NodePlacement> convs = npu.placement().nodes().stream()
                    .filter(p -> p.claim() != null && p.claim().op().name().equals("Conv"))
                    .toList();
            assertThat(convs).hasSize(9).allMatch(p -> p.provider().equals("native-npu"), "int8 Conv on native-npu");
        }
    }

    /** The real KWS sample (int8 MFCCs, dequantized with the official model's input parameters) and 2 time rolls. */
    private static List<Map<String, Tensor>> kwsSamples(Path data, String input, Quantization q) throws IOException {
        Tensor mfcc = Npy.read(data.resolve("tflite/golden/mlperf_tiny_kws_sample_input_int8_49x10.npy"));
        List<Map<String, Tensor>> out = new ArrayList<>();
        for (int shift = 0; shift < 3; shift++) {
            Tensor t = Tensor.allocate(TensorType.of(DataType.FLOAT32, Shape.of(1, 49, 10, 1)));
            for (int i = 0; i < 490; i++) {
                long v = mfcc.getLong(((i / 10 + shift) % 49) * 10 + i % 10);
                t.setDouble(i, (v - q.zeroPoint()) * (double) q.scale());
            }
            out.add(Map.of(input, t));
        }
        return out;
    }

    /** The native-npu jar and its gate certificate from the sample's build, trusted with the development key. */
    private PluginSet certifiedNativeNpu() throws IOException {
        Path samples = Path.of(System.getProperty("samples.dir", ".."));
        String base = "vela-sample-native-npu-" + System.getProperty("samples.version", "0.1.0-SNAPSHOT");
        Path target = samples.resolve("native-npu").resolve("target");
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Files.copy(target.resolve(base + ".jar"), plugins.resolve(base + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(
                target.resolve("vela").resolve(base + "-vela-cert.json"),
                plugins.resolve(base + "-vela-cert.json"),
                StandardCopyOption.REPLACE_EXISTING);
        TrustStore trust =
                TrustStore.load(samples.resolve("dev-keys").resolve("vela-samples-DEVELOPMENT-ONLY.pub.pem"));
        return new PluginLoader(trust, false).pluginsDirectory(plugins).load();
    }
}
