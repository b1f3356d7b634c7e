package dev.vela.samples.signal.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vela.runtime.Model;
import dev.vela.runtime.audio.Framer;
import dev.vela.runtime.audio.KeywordClassifier;
import dev.vela.runtime.audio.PcmAudio;
import dev.vela.runtime.audio.WavReader;
import dev.vela.runtime.tflite.TfliteModel;
import dev.vela.runtime.tflite.TfliteReader;
import dev.vela.runtime.tflite.TfliteTensor;
import dev.vela.samples.signal.dsp.Energy;
import dev.vela.samples.signal.dsp.FftAutoScale;
import dev.vela.samples.signal.dsp.FilterBank;
import dev.vela.samples.signal.dsp.FilterBankLog;
import dev.vela.samples.signal.dsp.FilterBankSquareRoot;
import dev.vela.samples.signal.dsp.FixedRfft;
import dev.vela.samples.signal.dsp.Pcan;
import dev.vela.samples.signal.dsp.SpectralSubtraction;
import dev.vela.samples.signal.dsp.Window;
import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The int8 audio preprocessor's graph written out by hand with this plugin's algorithms and the model's own constant
 * tensors, on the 30 ms clips of TFLite Micro's micro_speech test: the first feature vector must equal the expected
 * one in {@code tensorflow/lite/micro/examples/micro_speech/micro_speech_test.cc} (NoFeatureTest, YesFeatureTest)
 * exactly. This checks the algorithms' chain independently of the runtime's import and execution.
 */
class MicroSpeechFeatureChainTest {
    /** micro_speech_test.cc, YesFeatureTest (x86 build: exact). */
    static final byte[] YES_30MS = {
        124, 105, 126, 103, 125, 101, 123, 100, 116, 98, 115, 97, 113, 90, 91, 82, 104, 96, 117, 97, 121, 103, 126, 101,
        125, 104, 126, 104, 125, 101, 116, 90, 81, 74, 80, 71, 83, 76, 82, 71
    };
    /** micro_speech_test.cc, NoFeatureTest. */
    static final byte[] NO_30MS = {
        126, 103, 124, 102, 124, 102, 123, 100, 118, 97, 118, 100, 118, 98, 121, 100, 121, 98, 117, 91, 96, 74, 54, 87,
        100, 87, 109, 92, 91, 80, 64, 55, 83, 74, 74, 78, 114, 95, 101, 81
    };

    @Test
    void yesAndNoFeaturesEqualTfliteMicros() throws Exception {
        Path data = data();
        TfliteModel model = TfliteReader.read(data.resolve("tflite/tflite-micro/audio_preprocessor_int8.tflite"));
        assertThat(features(model, WavReader.read(data.resolve("tflite/tflite-micro-testdata/yes_30ms.wav"))))
                .containsExactly(YES_30MS);
        assertThat(features(model, WavReader.read(data.resolve("tflite/tflite-micro-testdata/no_30ms.wav"))))
                .containsExactly(NO_30MS);
    }

    @Test
    void oneSecondClipsGetTfliteMicrosLabelsFromTheClassifierOnTheRuntime() throws Exception {
        Path data = data();
        TfliteModel model = TfliteReader.read(data.resolve("tflite/tflite-micro/audio_preprocessor_int8.tflite"));
        KeywordClassifier classifier = new KeywordClassifier(
                Model.load(data.resolve("tflite/tflite-micro/micro_speech_quantized.tflite")),
                List.of("silence", "unknown", "yes", "no"));
        Map<String, String> expected =
                Map.of("yes_1000ms", "yes", "no_1000ms", "no", "silence_1000ms", "silence", "noise_1000ms", "silence");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            short[] samples = WavReader.read(data.resolve("tflite/tflite-micro-testdata/" + e.getKey() + ".wav"))
                    .samples();
            short[][] windows = new Framer(480, 320, 49).frames(samples);
            Tensor features = Tensor.allocate(TensorType.of(DataType.INT8, 49, 40));
            int[] noise = new int[40];
            for (int f = 0; f < windows.length; f++) {
                features.bytes().position(40 * f).put(features(model, windows[f], noise));
            }
            assertThat(classifier.classify(features).label()).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    /** The graph of audio_preprocessor_int8.tflite, node by node, for the first 480 samples (fresh state). */
    static byte[] features(TfliteModel model, PcmAudio audio) {
        return features(model, java.util.Arrays.copyOf(audio.samples(), 480), new int[40]);
    }

    /** One window through the graph; {@code noise} is the spectral subtraction's state, updated. */
    static byte[] features(TfliteModel model, short[] frame, int[] noise) {
        short[] windowed = new short[480];
        Window.apply(frame, shorts(model, "Const"), 12, windowed);
        short[] scaled = new short[480];
        int scaleBits = FftAutoScale.apply(windowed, scaled);
        int[] time = new int[512];
        for (int i = 0; i < 480; i++) {
            time[i] = scaled[i];
        }
        int[] bins = new int[514];
        new FixedRfft(16, 512).apply(time, bins);
        short[] spectrum = new short[514];
        for (int i = 0; i < 514; i++) {
            spectrum[i] = (short) bins[i];
        }
        int[] energy = new int[257];
        Energy.apply(spectrum, 5, 241, energy); // the graph's Cast/StridedSlice/Concatenation zero the same bins
        long[] channels = new long[40];
        FilterBank.apply(
                energy,
                shorts(model, "signal_filter_bank/Const"),
                shorts(model, "signal_filter_bank/Const_1"),
                shorts(model, "signal_filter_bank/Const_2"),
                shorts(model, "signal_filter_bank/Const_3"),
                shorts(model, "signal_filter_bank/Const_4"),
                40,
                channels);
        int[] roots = new int[40];
        FilterBankSquareRoot.apply(channels, scaleBits, roots);
        int[] subtracted = new int[40];
        new SpectralSubtraction(40, 409, 15975, 983, 15401, 819, 10, 14, false).apply(roots, subtracted, noise);
        int[] normalized = new int[40];
        Pcan.apply(subtracted, noise, shorts(model, "signal_pcan/Const"), 6, normalized);
        short[] logs = new short[40];
        FilterBankLog.apply(normalized, 64, 3, logs);
        byte[] out = new byte[40];
        for (int i = 0; i < 40; i++) {
            int v = (logs[i] * 256 + 333) / 666 - 128; // Mul, Add, Div (truncating), Add
            out[i] = (byte) Math.max(-128, Math.min(127, v)); // Minimum, Maximum, Cast
        }
        return out;
    }

    static short[] shorts(TfliteModel model, String name) {
        TfliteTensor t = model.mainSubgraph().tensors().stream()
                .filter(x -> x.name().equals(name))
                .findFirst()
                .orElseThrow();
        java.nio.ShortBuffer b =
                model.data(t).duplicate().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        short[] out = new short[b.remaining()];
        b.get(out);
        return out;
    }

    static Path data() {
        String data = System.getProperty("vela.data");
        Path dir = data == null ? null : Path.of(data);
        assumeTrue(
                dir != null && Files.isRegularFile(dir.resolve("tflite/tflite-micro/audio_preprocessor_int8.tflite")),
                "external data not found: set -Dvela.data=<shared data folder> (see the data README)");
        return dir;
    }
}
