package dev.vela.samples.signal.speech;

import static dev.vela.samples.signal.speech.MicroSpeechFeatureChainTest.data;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.runtime.cli.VelaCli;

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
        String out = run("audio", "speech", "--pipeline", spec.toString(), "--plugins", plugins.toString(),
                "--allow-uncertified", "--features-dir", dir.resolve("features").toString(),
                clips.resolve("yes_1000ms.wav").toString(), clips.resolve("no_1000ms.wav").toString(),
                clips.resolve("silence_1000ms.wav").toString(), clips.resolve("noise_1000ms.wav").toString());
        assertThat(out).contains("yes_1000ms.wav: yes (", "no_1000ms.wav: no (", "silence_1000ms.wav: silence (",
                "noise_1000ms.wav: silence (", "DEVELOPMENT MODE");
        assertThat(dir.resolve("features/yes_1000ms.wav.features.npy")).exists();
    }

    static String run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            assertThat(VelaCli.execute(args)).as("exit code, output: %s", buffer).isZero();
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
