package dev.vela.samples.signal.speech;

import static dev.vela.samples.signal.speech.MicroSpeechFeatureChainTest.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.runtime.Model;
import dev.vela.runtime.audio.Classification;
import dev.vela.runtime.audio.FeatureExtractor;
import dev.vela.runtime.audio.SpeechPipeline;
import dev.vela.runtime.audio.SpeechPipelineSpec;
import dev.vela.runtime.audio.WavReader;
import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * micro_speech end to end on the runtime: WAV, 49 windows of 30 ms every 20 ms through audio_preprocessor_int8.tflite
 * (one session per clip, so the noise estimate carries across windows and starts fresh for each clip), the 49 x 40
 * int8 features into micro_speech_quantized.tflite, a label. TFLite Micro's micro_speech test expects yes, no,
 * silence, silence.
 */
class SpeechPipelineOnRuntimeTest {
    @TempDir
    Path dir;

    static final Map<String, String> EXPECTED =
            Map.of("yes_1000ms", "yes", "no_1000ms", "no", "silence_1000ms", "silence", "noise_1000ms", "silence");

    @Test
    void fourClipsGetTfliteMicrosLabels() throws Exception {
        SpeechPipeline pipeline =
                new SpeechPipeline(SpeechPipelineSpec.load(spec(data(), dir)), SignalPlugins.partitioner());
        for (Map.Entry<String, String> e : EXPECTED.entrySet()) {
            Classification c = pipeline.classify(data().resolve("tflite/tflite-micro-testdata/" + e.getKey() + ".wav"));
            assertThat(c.label()).as(e.getKey() + ": " + c).isEqualTo(e.getValue());
        }
    }

    @Test
    void theFloatPreprocessorGivesTheSameLogsAsTheInt8One() throws Exception {
        Path data = data();
        FeatureExtractor int8 = new FeatureExtractor(
                Model.load(
                        data.resolve("tflite/tflite-micro/audio_preprocessor_int8.tflite"),
                        SignalPlugins.partitioner()),
                new dev.vela.runtime.audio.Framer(480, 320, 49));
        FeatureExtractor floats = new FeatureExtractor(
                Model.load(
                        data.resolve("tflite/tflite-micro/audio_preprocessor_float.tflite"),
                        SignalPlugins.partitioner()),
                new dev.vela.runtime.audio.Framer(480, 320, 49));
        for (String clip : List.of("yes_1000ms", "noise_1000ms")) {
            short[] samples = WavReader.read(data.resolve("tflite/tflite-micro-testdata/" + clip + ".wav"))
                    .samples();
            Tensor q = int8.features(samples);
            Tensor f = floats.features(samples);
            assertThat(f.dataType()).isEqualTo(DataType.FLOAT32);
            assertThat(f.shape()).isEqualTo(q.shape());
            for (int i = 0; i < f.elementCount(); i++) {
                // float model: log * 0.0390625 (exact in float32); int8 model: (log * 256 + 333) / 666 - 128, clamped
                double log = f.getDouble(i) / 0.0390625;
                assertThat(log)
                        .as("%s element %d is a whole log value", clip, i)
                        .isEqualTo(Math.rint(log));
                long expected = Math.max(-128, Math.min(127, ((long) log * 256 + 333) / 666 - 128));
                assertThat(q.getLong(i)).as("%s element %d", clip, i).isEqualTo(expected);
            }
        }
    }

    /** The pipeline description the README shows, with the models' absolute paths. */
    static Path spec(Path data, Path dir) throws Exception {
        Path file = dir.resolve("micro_speech.properties");
        String models =
                data.resolve("tflite/tflite-micro").toAbsolutePath().toString().replace('\\', '/');
        Files.writeString(
                file,
                "# micro_speech: 1 s of 16 kHz audio -> 49 x 40 int8 features -> one of four labels\n"
                        + "sample_rate = 16000\nwindow_ms = 30\nstride_ms = 20\nframes = 49\n"
                        + "features.model = " + models + "/audio_preprocessor_int8.tflite\n"
                        + "classifier.model = " + models + "/micro_speech_quantized.tflite\n"
                        + "labels = silence, unknown, yes, no\n");
        return file;
    }
}
