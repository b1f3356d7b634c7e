package dev.vela.runtime.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavReaderTest {
    @Test
    void readsMonoPcmSkippingOtherChunks() throws Exception {
        byte[] wav = wav(1, 1, 16000, 16, new short[] {1, -2, 32767, -32768}, true);
        PcmAudio audio = WavReader.parse("t.wav", wav);
        assertThat(audio.sampleRate()).isEqualTo(16000);
        assertThat(audio.samples()).containsExactly(1, -2, 32767, -32768);
    }

    @Test
    void readsAFileFromDisk(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a.wav");
        Files.write(file, wav(1, 1, 8000, 16, new short[] {7}, false));
        assertThat(WavReader.read(file).samples()).containsExactly(7);
    }

    @Test
    void refusesWhatItCannotReadNamingTheFile() {
        assertThatThrownBy(() -> WavReader.parse("x.wav", new byte[] {1, 2, 3}))
                .isInstanceOf(WavFormatException.class)
                .hasMessage("x.wav: not a RIFF/WAVE file");
        assertThatThrownBy(() -> WavReader.parse("s.wav", wav(1, 2, 16000, 16, new short[4], false)))
                .hasMessage("s.wav: 2 channels; only mono is read");
        assertThatThrownBy(() -> WavReader.parse("b.wav", wav(1, 1, 16000, 8, new short[4], false)))
                .hasMessage("b.wav: 8-bit samples; only 16-bit PCM is read");
        assertThatThrownBy(() -> WavReader.parse("f.wav", wav(3, 1, 16000, 16, new short[4], false)))
                .hasMessage("f.wav: audio format 3 is not PCM (1)");
        byte[] full = wav(1, 1, 16000, 16, new short[8], false);
        byte[] truncated = java.util.Arrays.copyOf(full, full.length - 6);
        assertThatThrownBy(() -> WavReader.parse("t.wav", truncated))
                .hasMessage("t.wav: data chunk claims 16 bytes but only 10 are present (truncated file)");
    }

    static byte[] wav(int format, int channels, int rate, int bits, short[] samples, boolean extraChunk) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteBuffer fmt = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        fmt.putShort((short) format)
                .putShort((short) channels)
                .putInt(rate)
                .putInt(rate * channels * bits / 8)
                .putShort((short) (channels * bits / 8))
                .putShort((short) bits);
        chunk(body, "fmt ", fmt.array());
        if (extraChunk) {
            chunk(body, "LIST", new byte[] {1, 2, 3}); // odd length: padded
        }
        ByteBuffer data = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            data.putShort(s);
        }
        chunk(body, "data", data.array());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(4 + body.size())
                .array());
        out.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String id, byte[] body) {
        out.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(body.length)
                .array());
        out.writeBytes(body);
        if ((body.length & 1) != 0) {
            out.write(0);
        }
    }
}
