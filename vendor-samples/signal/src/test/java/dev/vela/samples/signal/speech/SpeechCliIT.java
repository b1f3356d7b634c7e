package dev.vela.samples.signal.speech;

import static dev.vela.samples.signal.speech.MicroSpeechFeatureChainTest.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.runtime.cli.VelaCli;
import dev.vela.runtime.io.Npy;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented command: {@code vela audio speech --pipeline micro_speech.properties WAV...} with the packaged
 * signal jar in a plugins directory. Development mode ({@code --allow-uncertified}) here, because this module's
 * certificate is written only in {@code verify}, after the integration tests; {@code vendor-samples/runtime-it}
 * loads the certified jar.
 */
class SpeechCliIT {
    @TempDir
    Path dir;

    @Test
    void labelsTheFourClipsAsTfliteMicroDoes() throws Exception {
        Path data = data();
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path jar = Path.of(System.getProperty("signal.jar"));
        Files.copy(jar, plugins.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Path spec = SpeechPipelineOnRuntimeTest.spec(data, dir);
        Path clips = data.resolve("tflite/tflite-micro-testdata");
        String out = run(
                "audio",
                "speech",
                "--pipeline",
                spec.toString(),
                "--plugins",
                plugins.toString(),
                "--allow-uncertified",
                "--features-dir",
                dir.resolve("features").toString(),
                clips.resolve("yes_1000ms.wav").toString(),
                clips.resolve("no_1000ms.wav").toString(),
                clips.resolve("silence_1000ms.wav").toString(),
                clips.resolve("noise_1000ms.wav").toString());
        assertThat(out)
                .contains(
                        "yes_1000ms.wav: yes (",
                        "no_1000ms.wav: no (",
                        "silence_1000ms.wav: silence (",
                        "noise_1000ms.wav: silence (",
                        "DEVELOPMENT MODE");
        assertThat(dir.resolve("features/yes_1000ms.wav.features.npy")).exists();
    }

    @Test
    void framesThenRunSequenceThenClassify() throws Exception {
        Path data = data();
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path jar = Path.of(System.getProperty("signal.jar"));
        Files.copy(jar, plugins.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Path models = data.resolve("tflite/tflite-micro");
        Path clips = data.resolve("tflite/tflite-micro-testdata");
        for (String clip :
                new String[] {"yes_30ms", "no_30ms", "yes_1000ms", "no_1000ms", "silence_1000ms", "noise_1000ms"}) {
            Path frames = dir.resolve(clip + ".frames.npy");
            run("audio", "frames", "--wav", clips.resolve(clip + ".wav").toString(), "--out", frames.toString());
            Path out = dir.resolve(clip);
            run(
                    "run",
                    "--sequence",
                    "--model",
                    models.resolve("audio_preprocessor_int8.tflite").toString(),
                    "--input",
                    "serving_default_audio_frame:0=" + frames,
                    "--output-dir",
                    out.toString(),
                    "--plugins",
                    plugins.toString(),
                    "--allow-uncertified");
            Tensor features = Npy.read(out.resolve("PartitionedCall_0.npy"));
            if (clip.endsWith("30ms")) {
                assertThat(features.shape()).isEqualTo(Shape.of(1, 40));
                assertThat(features.toByteArray())
                        .as(clip)
                        .containsExactly(
                                clip.startsWith("yes")
                                        ? MicroSpeechFeatureChainTest.YES_30MS
                                        : MicroSpeechFeatureChainTest.NO_30MS);
                continue;
            }
            assertThat(features.shape()).isEqualTo(Shape.of(49, 40));
            String label = run(
                    "audio",
                    "classify",
                    "--model",
                    models.resolve("micro_speech_quantized.tflite").toString(),
                    "--features",
                    out.resolve("PartitionedCall_0.npy").toString(),
                    "--labels",
                    "silence,unknown,yes,no");
            assertThat(label).as(clip).contains(": " + SpeechPipelineOnRuntimeTest.EXPECTED.get(clip) + " (");
        }
    }

    @Test
    void packPipelineThenSpeechOnThePackage() throws Exception {
        Path data = data();
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path jar = Path.of(System.getProperty("signal.jar"));
        Files.copy(jar, plugins.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Path packed = dir.resolve("micro_speech.vela");
        String packing = run(
                "pack-pipeline",
                "--pipeline",
                SpeechPipelineOnRuntimeTest.spec(data, dir).toString(),
                "-o",
                packed.toString(),
                "--plugins",
                plugins.toString(),
                "--allow-uncertified");
        assertThat(packing)
                .contains(
                        "model features: audio_preprocessor_int8.tflite",
                        "model classifier: micro_speech_quantized.tflite",
                        "needs tflite:SignalPCAN v1 (schema ");
        Path clips = data.resolve("tflite/tflite-micro-testdata");
        String out = run(
                "audio",
                "speech",
                "--pipeline",
                packed.toString(),
                "--plugins",
                plugins.toString(),
                "--allow-uncertified",
                clips.resolve("yes_1000ms.wav").toString(),
                clips.resolve("no_1000ms.wav").toString(),
                clips.resolve("silence_1000ms.wav").toString(),
                clips.resolve("noise_1000ms.wav").toString());
        assertThat(out)
                .contains(
                        "yes_1000ms.wav: yes (",
                        "no_1000ms.wav: no (",
                        "silence_1000ms.wav: silence (",
                        "noise_1000ms.wav: silence (");
        Path labels = dir.resolve("speech.txt");
        Files.writeString(
                labels,
                clips.resolve("yes_1000ms.wav").toAbsolutePath() + " yes\n"
                        + clips.resolve("no_1000ms.wav").toAbsolutePath() + " no\n"
                        + clips.resolve("silence_1000ms.wav").toAbsolutePath() + " silence\n"
                        + clips.resolve("noise_1000ms.wav").toAbsolutePath() + " silence\n");
        String accuracy = run(
                "bench",
                "--model",
                packed.toString(),
                "--accuracy",
                labels.toString(),
                "--plugins",
                plugins.toString(),
                "--allow-uncertified");
        System.out.println(accuracy);
        assertThat(accuracy).contains("4 samples, 4 classes", "top-1 100.00% (4/4)");
        String refused = runFailing(
                "audio",
                "speech",
                "--pipeline",
                packed.toString(),
                clips.resolve("yes_1000ms.wav").toString());
        assertThat(refused)
                .contains(
                        "micro_speech.vela: refused: custom operator tflite:",
                        "is defined by no admitted " + "provider: load a plugin that defines it");
    }

    @Test
    void convertKeepsTheSignalNodesAndQuantizeLeavesThem() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Path jar = Path.of(System.getProperty("signal.jar"));
        Files.copy(jar, plugins.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        String out = run(
                "convert",
                data().resolve("tflite/tflite-micro/audio_preprocessor_float.tflite")
                        .toString(),
                "-o",
                dir.resolve("pre.vela").toString(),
                "--quantize",
                "dynamic",
                "--samples",
                "2",
                "--plugins",
                plugins.toString(),
                "--allow-uncertified");
        assertThat(out)
                .contains(
                        "custom operators kept, definitions recorded: tflite:SignalEnergy@1",
                        "custom operators left as they are (not quantized): node '");
        String refused = runFailing(
                "convert",
                data().resolve("tflite/tflite-micro/audio_preprocessor_int8.tflite")
                        .toString(),
                "-o",
                dir.resolve("pre8.vela").toString());
        assertThat(refused).contains("custom operator tflite:", "is defined by no admitted provider");
    }

    static String runFailing(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            assertThat(VelaCli.execute(args))
                    .as("exit code, output: %s", buffer)
                    .isNotZero();
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    static String run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            assertThat(VelaCli.execute(args))
                    .as("exit code, output: %s", buffer)
                    .isZero();
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
