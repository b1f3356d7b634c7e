package dev.vela.samples.signal.speech;

import static dev.vela.samples.signal.speech.MicroSpeechFeatureChainTest.YES_30MS;
import static dev.vela.samples.signal.speech.MicroSpeechFeatureChainTest.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.runtime.Model;
import dev.vela.runtime.audio.FeatureExtractor;
import dev.vela.runtime.audio.Framer;
import dev.vela.runtime.audio.WavReader;
import dev.vela.runtime.convert.Conversion;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.pack.PackageReader;
import dev.vela.runtime.pack.RequiredDefinitions;
import dev.vela.runtime.pack.VelaPackage;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.passes.Pass;
import dev.vela.runtime.passes.Passes;
import dev.vela.runtime.quantize.CalibrationMethod;
import dev.vela.runtime.quantize.QuantizationPass;
import dev.vela.samples.signal.SignalProvider;
import dev.vela.spi.OperatorDefinition;
import dev.vela.spi.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vela convert} on the micro_speech audio preprocessors: the nine signal nodes survive conversion with their
 * domain, name, opset version and attributes, the package records the nine definitions with their schema hashes,
 * and the converted int8 model still gives TFLite Micro's exact 30 ms features. Quantizing the float preprocessor
 * leaves the nine custom nodes as they are and says so.
 */
class AudioPreprocessorConversionTest {
    @TempDir
    Path dir;

    private static Path model(String name) {
        return data().resolve("tflite/tflite-micro/" + name);
    }

    private Path convert(String name, QuantizationPass quantization) throws Exception {
        Partitioner providers = SignalPlugins.partitioner();
        List<Pass> passes = new ArrayList<>(Passes.defaults());
        if (quantization != null) {
            passes.add(quantization.withProviders(providers));
        }
        Path target = dir.resolve(name + ".vela");
        Conversion.run(model(name), target, passes, Map.of(), Map.of(), providers);
        return target;
    }

    private static List<GraphNode> customNodes(List<GraphNode> nodes) {
        return nodes.stream()
                .filter(n -> n.op().domain().equals("tflite") && n.op().name().startsWith("Signal"))
                .toList();
    }

    private static void assertSameCustomNodes(Path original, VelaPackage converted) {
        List<GraphNode> before = customNodes(
                Model.load(original, SignalPlugins.partitioner()).graph().nodes());
        List<GraphNode> after = customNodes(converted.graph().nodes());
        assertThat(before).hasSize(9);
        assertThat(after).hasSize(9);
        for (int i = 0; i < 9; i++) {
            GraphNode b = before.get(i);
            GraphNode a = after.get(i);
            assertThat(a.op()).isEqualTo(b.op());
            assertThat(a.opsetVersion()).isEqualTo(b.opsetVersion());
            assertThat(a.attributes().names())
                    .as(b.describe())
                    .isEqualTo(b.attributes().names());
            assertThat(a.attributes()).as(b.describe()).isEqualTo(b.attributes());
        }
    }

    @Test
    void theInt8PreprocessorKeepsItsNineSignalNodesAndTfliteMicrosFeatures() throws Exception {
        Path target = convert("audio_preprocessor_int8.tflite", null);
        VelaPackage pkg = PackageReader.read(target);
        assertSameCustomNodes(model("audio_preprocessor_int8.tflite"), pkg);
        for (OperatorDefinition d : new SignalProvider().definitions()) {
            assertThat(pkg.metadata().properties())
                    .containsEntry(RequiredDefinitions.SCHEMA_PREFIX + d.op() + "@" + d.version(), d.schemaHash());
        }
        assertThat(pkg.metadata().properties().get(RequiredDefinitions.KEY).split(","))
                .hasSize(9);
        Tensor features = new FeatureExtractor(
                        Model.load(target, SignalPlugins.partitioner()), new Framer(480, 320, 49))
                .features(WavReader.read(data().resolve("tflite/tflite-micro-testdata/yes_30ms.wav"))
                        .samples());
        assertThat(features.toByteArray()).containsExactly(YES_30MS);
    }

    @Test
    void quantizingTheFloatPreprocessorLeavesTheSignalNodesAsTheyAre() throws Exception {
        QuantizationPass q = new QuantizationPass(
                QuantizationPass.Mode.DYNAMIC, List.of(), CalibrationMethod.MINMAX, 99.99, done -> {});
        Path target = convert("audio_preprocessor_float.tflite", q);
        assertThat(q.customNodes()).hasSize(9).allSatisfy(d -> assertThat(d).contains("(tflite:Signal"));
        assertSameCustomNodes(model("audio_preprocessor_float.tflite"), PackageReader.read(target));
        short[] clip = WavReader.read(data().resolve("tflite/tflite-micro-testdata/yes_1000ms.wav"))
                .samples();
        Framer framer = new Framer(480, 320, 49);
        Tensor original = new FeatureExtractor(
                        Model.load(model("audio_preprocessor_float.tflite"), SignalPlugins.partitioner()), framer)
                .features(clip);
        Tensor converted = new FeatureExtractor(Model.load(target, SignalPlugins.partitioner()), framer).features(clip);
        assertThat(converted.toByteArray()).isEqualTo(original.toByteArray());
    }
}
