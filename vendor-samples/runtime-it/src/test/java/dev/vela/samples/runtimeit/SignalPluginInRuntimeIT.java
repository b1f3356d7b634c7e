package dev.vela.samples.runtimeit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.audio.Classification;
import dev.vela.runtime.audio.SpeechPipeline;
import dev.vela.runtime.audio.SpeechPipelineSpec;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.AdmittedProvider;
import dev.vela.runtime.plugin.PluginLoader;
import dev.vela.runtime.plugin.PluginSet;
import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.admission.TrustStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signal sample as a deployment uses it: the jar and the certificate the gate signed (with the samples'
 * DEVELOPMENT-ONLY key) in a plugins directory, admitted as certified; the micro_speech preprocessor's nine custom
 * nodes run on it, and the speech pipeline labels TFLite Micro's four clips as its example does.
 */
class SignalPluginInRuntimeIT {
    private static PluginSet admitted;

    @TempDir
    Path dir;

    @BeforeAll
    static void deploy() throws IOException {
        Path samples = Path.of(System.getProperty("samples.dir", ".."));
        String version = System.getProperty("samples.version", "0.1.0-SNAPSHOT");
        Path plugins =
                Path.of(System.getProperty("samples.plugins", "target/plugins")).resolveSibling("signal-plugins");
        Files.createDirectories(plugins);
        String base = "vela-sample-signal-" + version;
        Path target = samples.resolve("signal").resolve("target");
        Files.copy(target.resolve(base + ".jar"), plugins.resolve(base + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(
                target.resolve("vela").resolve(base + "-vela-cert.json"),
                plugins.resolve(base + "-vela-cert.json"),
                StandardCopyOption.REPLACE_EXISTING);
        TrustStore trust =
                TrustStore.load(samples.resolve("dev-keys").resolve("vela-samples-DEVELOPMENT-ONLY.pub.pem"));
        admitted = new PluginLoader(trust, false).pluginsDirectory(plugins).load();
    }

    private static Path data(String file) {
        String data = System.getProperty("vela.data");
        Path path = data == null ? null : Path.of(data, "tflite", file);
        assumeTrue(path != null && Files.isRegularFile(path), "external test data absent (-Dvela.data): " + file);
        return path;
    }

    @Test
    void theSignalPluginIsAdmittedAsCertifiedWithItsElevenClaims() {
        assertThat(admitted.refusals()).isEmpty();
        AdmittedProvider signal = admitted.admitted().stream()
                .filter(p -> p.provider().info().id().equals("signal-sample"))
                .findFirst()
                .orElseThrow();
        assertThat(signal.certified()).isTrue();
        assertThat(signal.claims()).hasSize(11);
        assertThat(signal.provider().definitions()).hasSize(9);
    }

    @Test
    void theNineCustomNodesRunOnTheCertifiedPlugin() throws Exception {
        Model model =
                Model.load(data("tflite-micro/audio_preprocessor_int8.tflite"), Partitioner.of(admitted, List.of()));
        try (Session s = model.newSession()) {
            // placement is decided on the first run, from the actual types
            s.run(Map.of(model.inputs().get(0).name(), Tensor.allocate(TensorType.of(DataType.INT16, 1, 480))));
            long custom = s.placement().nodes().stream()
                    .filter(n -> n.claim().op().domain().equals("tflite"))
                    .count();
            long onSignal = s.placement().nodes().stream()
                    .filter(n -> n.claim().op().domain().equals("tflite"))
                    .filter(n -> n.provider().equals("signal-sample"))
                    .count();
            assertThat(custom).isEqualTo(9);
            assertThat(onSignal).isEqualTo(9);
        }
    }

    @Test
    void theSpeechPipelineLabelsTheFourClipsAsTfliteMicroDoes() throws Exception {
        Path models = data("tflite-micro/audio_preprocessor_int8.tflite").getParent();
        Path spec = dir.resolve("micro_speech.properties");
        Files.writeString(
                spec,
                "sample_rate = 16000\nwindow_ms = 30\nstride_ms = 20\nframes = 49\n"
                        + "features.model = "
                        + models.resolve("audio_preprocessor_int8.tflite").toAbsolutePath() + "\n"
                        + "classifier.model = "
                        + models.resolve("micro_speech_quantized.tflite").toAbsolutePath() + "\n"
                        + "labels = silence, unknown, yes, no\n");
        SpeechPipeline speech = new SpeechPipeline(SpeechPipelineSpec.load(spec), Partitioner.of(admitted, List.of()));
        Path clips = data("tflite-micro-testdata/yes_1000ms.wav").getParent();
        Map<String, String> expected =
                Map.of("yes_1000ms", "yes", "no_1000ms", "no", "silence_1000ms", "silence", "noise_1000ms", "silence");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            Classification c = speech.classify(clips.resolve(e.getKey() + ".wav"));
            assertThat(c.label()).as(e.getKey() + ": " + c).isEqualTo(e.getValue());
        }
    }
}
