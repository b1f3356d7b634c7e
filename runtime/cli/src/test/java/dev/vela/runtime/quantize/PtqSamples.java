package dev.vela.runtime.quantize;

import dev.vela.runtime.Model;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.io.Npy;
import dev.vela.spi.DataType;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Calibration and validation inputs for the PTQ data test, built from the shared data at test time (never
 * committed): real images and features where the data has them, seeded synthetic ones where it has none.
 */
final class PtqSamples {

    private PtqSamples() {}

    /** VWW: the person / no_person 96x96 grayscale BMPs as RGB in [0, 1] (the int8 model's input is 1/255, -128). */
    static List<Map<String, Tensor>> vww(Path data, String input, boolean mirrored) throws IOException {
        List<Map<String, Tensor>> out = new ArrayList<>();
        for (String name : List.of("person.bmp", "no_person.bmp")) {
            BufferedImage img = ImageIO.read(
                    data.resolve("tflite/tflite-micro-testdata").resolve(name).toFile());
            Tensor t = Tensor.allocate(TensorType.of(DataType.FLOAT32, Shape.of(1, 96, 96, 3)));
            for (int y = 0; y < 96; y++) {
                for (int x = 0; x < 96; x++) {
                    int rgb = img.getRGB(mirrored ? 95 - x : x, y);
                    int base = (y * 96 + x) * 3;
                    t.setDouble(base, ((rgb >> 16) & 0xff) / 255.0);
                    t.setDouble(base + 1, ((rgb >> 8) & 0xff) / 255.0);
                    t.setDouble(base + 2, (rgb & 0xff) / 255.0);
                }
            }
            out.add(Map.of(input, t));
        }
        return out;
    }

    /** MNIST LSTM: the ten digit PNGs as [1, 28, 28] in [0, 1] (the int8 model's input is 1/255, -128). */
    static List<Map<String, Tensor>> mnist(Path data, String input) throws IOException {
        List<Map<String, Tensor>> out = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            BufferedImage img =
                    ImageIO.read(data.resolve("tflite/tflite-micro-testdata/mnist_lstm_samples/sample" + d + ".png")
                            .toFile());
            Tensor t = Tensor.allocate(TensorType.of(DataType.FLOAT32, Shape.of(1, 28, 28)));
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    t.setDouble(y * 28 + x, img.getRaster().getSample(x, y, 0) / 255.0);
                }
            }
            out.add(Map.of(input, t));
        }
        return out;
    }

    /**
     * KWS: the int8 MFCC sample dequantized with the official int8 model's input parameters; with {@code shifts}
     * also copies rolled along time by 1..shifts frames (calibration variety from the one real sample).
     */
    static List<Map<String, Tensor>> kws(Path data, String input, Quantization official, int shifts)
            throws IOException {
        Tensor q = Npy.read(data.resolve("tflite/golden/mlperf_tiny_kws_sample_input_int8_49x10.npy"));
        List<Map<String, Tensor>> out = new ArrayList<>();
        for (int s = 0; s <= shifts; s++) {
            Tensor t = Tensor.allocate(TensorType.of(DataType.FLOAT32, Shape.of(1, 49, 10, 1)));
            for (int i = 0; i < 490; i++) {
                int frame = (i / 10 + s) % 49;
                long v = q.getLong(frame * 10 + i % 10);
                t.setDouble(i, (v - official.zeroPoint()) * (double) official.scale());
            }
            out.add(Map.of(input, t));
        }
        return out;
    }

    /** CIFAR-10 ResNet: no real samples; seeded smooth synthetic images (gradients plus noise) in [0, 255]. */
    static List<Map<String, Tensor>> syntheticImages(String input, int count, long seed) {
        Random r = new Random(seed);
        List<Map<String, Tensor>> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            Tensor t = Tensor.allocate(TensorType.of(DataType.FLOAT32, Shape.of(1, 32, 32, 3)));
            double[] base = new double[3];
            double[] gx = new double[3];
            double[] gy = new double[3];
            for (int c = 0; c < 3; c++) {
                base[c] = 40 + 170 * r.nextDouble();
                gx[c] = (r.nextDouble() - 0.5) * 4;
                gy[c] = (r.nextDouble() - 0.5) * 4;
            }
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 32; x++) {
                    for (int c = 0; c < 3; c++) {
                        double v = base[c] + gx[c] * (x - 16) + gy[c] * (y - 16) + 12 * r.nextGaussian();
                        t.setDouble((y * 32 + x) * 3 + c, Math.max(0, Math.min(255, v)));
                    }
                }
            }
            out.add(Map.of(input, t));
        }
        return out;
    }

    /**
     * Anomaly detection: no real samples; seeded Gaussian feature vectors centred in the official int8 model's input
     * range with a sixth of it as standard deviation, clamped to the range.
     */
    static List<Map<String, Tensor>> syntheticFeatures(String input, Quantization official, int count, long seed) {
        double lo = (-128 - official.zeroPoint()) * (double) official.scale();
        double hi = (127 - official.zeroPoint()) * (double) official.scale();
        Random r = new Random(seed);
        List<Map<String, Tensor>> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            Tensor t = Tensor.allocate(TensorType.of(DataType.FLOAT32, Shape.of(1, 640)));
            for (int i = 0; i < 640; i++) {
                t.setDouble(i, Math.max(lo, Math.min(hi, (lo + hi) / 2 + (hi - lo) / 6 * r.nextGaussian())));
            }
            out.add(Map.of(input, t));
        }
        return out;
    }

    /** The quantization of a model's single input. */
    static Quantization inputQuantization(Model model) {
        ValueSpec in = model.inputs().get(0);
        return in.quantization().orElseThrow(() -> new IllegalStateException(in + " is not quantized"));
    }

    /** Writes samples as one .npy per sample (single-input models), as {@code vela convert --calibration} reads. */
    static Path write(Path dir, List<Map<String, Tensor>> samples) throws IOException {
        Files.createDirectories(dir);
        int i = 0;
        for (Map<String, Tensor> s : samples) {
            Npy.write(
                    dir.resolve(String.format("sample%03d.npy", i++)),
                    s.values().iterator().next());
        }
        return dir;
    }
}
