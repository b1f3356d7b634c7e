package dev.vela.runtime.tflite;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DTLN streamed frame by frame: the model, {@value #COUNT} input frames from a spoken word, and running one frame.
 * Shared by the stateful-run tests of the runtime (numerics flavours) and of the CLI module (state, {@code --sequence}).
 */
public final class DtlnFrames {

    /** How many frames {@link #frames()} gives. */
    public static final int COUNT = 20;

    private DtlnFrames() {}

    /** @return DTLN (skips the caller when the data is absent) */
    public static Path dtln() {
        return TfliteData.require().resolve("tflite-micro").resolve("dtln_noise_suppression.tflite");
    }

    /**
     * DTLN's input is the magnitude spectrum of 512-sample windows: here of a spoken "yes" (16 kHz, 16-bit mono WAV of
     * TFLite Micro's test data), a window every 128 samples as DTLN streams, quantized with the model's input
     * parameters (scale 0.0685789, zero point -128).
     */
    public static List<byte[]> frames() throws IOException {
        byte[] wav = Files.readAllBytes(TfliteData.require().resolve("tflite-micro-testdata/yes_1000ms.wav"));
        ByteBuffer pcm = ByteBuffer.wrap(wav, 44, wav.length - 44).slice().order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> frames = new ArrayList<>();
        int start = 4000; // into the word
        for (int f = 0; f < COUNT; f++) {
            double[] window = new double[512];
            for (int n = 0; n < 512; n++) {
                window[n] = pcm.getShort(2 * (start + 128 * f + n)) / 32768.0;
            }
            byte[] q = new byte[257];
            for (int k = 0; k < 257; k++) {
                double re = 0;
                double im = 0;
                for (int n = 0; n < 512; n++) {
                    double a = -2 * Math.PI * k * n / 512;
                    re += window[n] * Math.cos(a);
                    im += window[n] * Math.sin(a);
                }
                long v = Math.round(Math.hypot(re, im) / 0.0685789) - 128;
                q[k] = (byte) Math.max(-128, Math.min(127, v));
            }
            frames.add(q);
        }
        return frames;
    }

    /** @return the output bytes of one frame run in {@code session} */
    public static byte[] run(Session session, Model model, byte[] frame) {
        Tensor x = Tensor.ofBytes(TensorType.of(DataType.INT8, 1, 1, 257), frame);
        Map<String, Tensor> out = session.run(Map.of(model.inputs().get(0).name(), x));
        return out.values().iterator().next().toByteArray();
    }

    /** @return the largest difference between two int8 outputs, in LSB */
    public static int maxLsb(byte[] a, byte[] b) {
        int worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }
}
