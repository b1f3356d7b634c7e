package dev.vela.samples.signal.speech;

import static dev.vela.samples.signal.speech.MicroSpeechFeatureChainTest.NO_30MS;
import static dev.vela.samples.signal.speech.MicroSpeechFeatureChainTest.YES_30MS;
import static dev.vela.samples.signal.speech.MicroSpeechFeatureChainTest.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.runtime.Model;
import dev.vela.runtime.audio.FeatureExtractor;
import dev.vela.runtime.audio.Framer;
import dev.vela.runtime.audio.WavReader;
import dev.vela.spi.Tensor;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** audio_preprocessor_int8.tflite imported and run by the runtime, its nine custom nodes on this plugin. */
class AudioPreprocessorOnRuntimeTest {
    @Test
    void thirtyMillisecondFeaturesEqualTfliteMicros() throws Exception {
        Path data = data();
        Model model = Model.load(
                data.resolve("tflite/tflite-micro/audio_preprocessor_int8.tflite"), SignalPlugins.partitioner());
        FeatureExtractor extractor = new FeatureExtractor(model, new Framer(480, 320, 49));
        for (String clip : new String[] {"yes_30ms", "no_30ms"}) {
            Tensor features =
                    extractor.features(WavReader.read(data.resolve("tflite/tflite-micro-testdata/" + clip + ".wav"))
                            .samples());
            assertThat(features.shape().dims()).containsExactly(1, 40);
            assertThat(features.toByteArray()).as(clip).containsExactly(clip.startsWith("yes") ? YES_30MS : NO_30MS);
        }
    }

    @Test
    void oneSecondFeaturesEqualTheHandChainedGraphWithItsStateCarried() throws Exception {
        Path data = data();
        Model model = Model.load(
                data.resolve("tflite/tflite-micro/audio_preprocessor_int8.tflite"), SignalPlugins.partitioner());
        var tflite = dev.vela.runtime.tflite.TfliteReader.read(
                data.resolve("tflite/tflite-micro/audio_preprocessor_int8.tflite"));
        short[] samples = WavReader.read(data.resolve("tflite/tflite-micro-testdata/yes_1000ms.wav"))
                .samples();
        Tensor features = new FeatureExtractor(model, new Framer(480, 320, 49)).features(samples);
        short[][] windows = new Framer(480, 320, 49).frames(samples);
        int[] noise = new int[40];
        byte[] expected = new byte[49 * 40];
        for (int f = 0; f < 49; f++) {
            System.arraycopy(MicroSpeechFeatureChainTest.features(tflite, windows[f], noise), 0, expected, 40 * f, 40);
        }
        assertThat(features.shape().dims()).containsExactly(49, 40);
        assertThat(features.toByteArray()).containsExactly(expected);
        assertThat(Arrays.equals(Arrays.copyOfRange(expected, 40, 80), Arrays.copyOfRange(expected, 0, 40)))
                .isFalse();
    }
}
