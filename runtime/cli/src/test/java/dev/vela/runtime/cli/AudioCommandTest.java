package dev.vela.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.runtime.io.Npy;
import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioCommandTest {
    @TempDir
    Path dir;

    @Test
    void framesWritesTheStepAxisFirst() throws Exception {
        short[] samples = new short[16000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) i;
        }
        Path wav = dir.resolve("ramp.wav");
        Files.write(wav, wav(16000, samples));
        Path out = dir.resolve("frames.npy");
        String printed = run(0, "audio", "frames", "--wav", wav.toString(), "--out", out.toString());
        assertThat(printed).contains("16000 samples -> 49 windows of 480 every 320");
        Tensor frames = Npy.read(out);
        assertThat(frames.dataType()).isEqualTo(DataType.INT16);
        assertThat(frames.shape()).isEqualTo(Shape.of(49, 1, 480));
        assertThat(frames.getLong(480)).isEqualTo(320);
        assertThat(frames.getLong(48 * 480 + 479)).isEqualTo(48 * 320 + 479);
    }

    @Test
    void aClipShorterThanOneWindowIsAClearError() throws Exception {
        Path wav = dir.resolve("short.wav");
        Files.write(wav, wav(16000, new short[100]));
        String err = run(
                1,
                "audio",
                "frames",
                "--wav",
                wav.toString(),
                "--out",
                dir.resolve("f.npy").toString());
        assertThat(err).contains("short.wav: 100 samples are fewer than one 480-sample window");
    }

    @Test
    void aPipelineWithoutLabelsNamesTheKey() throws Exception {
        Path spec = dir.resolve("p.properties");
        Files.writeString(
                spec,
                "sample_rate=16000\nwindow_ms=30\nstride_ms=20\nframes=49\nfeatures.model=a.tflite\n"
                        + "classifier.model=b.tflite\n");
        Path wav = dir.resolve("x.wav");
        Files.write(wav, wav(16000, new short[16000]));
        String err = run(1, "audio", "speech", "--pipeline", spec.toString(), wav.toString());
        assertThat(err).contains("p.properties: missing 'labels'");
    }

    private static String run(int expectedCode, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            assertThat(dev.vela.runtime.cli.VelaCli.execute(args))
                    .as("exit code, output: %s", buffer)
                    .isEqualTo(expectedCode);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    static byte[] wav(int rate, short[] samples) {
        ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(36 + samples.length * 2)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 1)
                .putInt(rate)
                .putInt(rate * 2)
                .putShort((short) 2)
                .putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII))
                .putInt(samples.length * 2);
        for (short s : samples) {
            b.putShort(s);
        }
        return b.array();
    }
}
