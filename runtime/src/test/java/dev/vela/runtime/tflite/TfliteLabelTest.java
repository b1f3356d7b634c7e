package dev.vela.runtime.tflite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.DataType;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Label-level checks on TFLite Micro's example data: person_detect tells the person image from the empty one, and
 * the MNIST LSTM (float and int8) classifies the ten digit samples ({@code sample<d>.png} shows digit d).
 */
class TfliteLabelTest {

    /** TFLM's person_detection labels: index 0 is "no person", 1 is "person". */
    private static final int PERSON = 1;

    private static final int NO_PERSON = 0;

    @Test
    void personDetectScoresThePersonImageAsPersonAndTheEmptyOneAsNoPerson() throws IOException {
        Path data = TfliteData.require();
        Model model = Model.load(data.resolve("tflite-micro/person_detect.tflite"));
        Path images = data.resolve("tflite-micro-testdata");
        float[] person = rawScores(model, images.resolve("person.bmp"));
        float[] noPerson = rawScores(model, images.resolve("no_person.bmp"));
        assertThat(person[PERSON])
                .as("person.bmp scores %s", java.util.Arrays.toString(person))
                .isGreaterThan(person[NO_PERSON]);
        assertThat(noPerson[NO_PERSON])
                .as("no_person.bmp scores %s", java.util.Arrays.toString(noPerson))
                .isGreaterThan(noPerson[PERSON]);
    }

    @Test
    void floatMnistLstmClassifiesAllTenDigits() throws IOException {
        checkDigits("trained_lstm.tflite");
    }

    @Test
    void int8MnistLstmClassifiesAllTenDigits() throws IOException {
        checkDigits("trained_lstm_int8.tflite");
    }

    private static void checkDigits(String file) throws IOException {
        Path data = TfliteData.require();
        Model model = Model.load(data.resolve("tflite-micro").resolve(file));
        for (int digit = 0; digit < 10; digit++) {
            Path png = data.resolve("tflite-micro-testdata/mnist_lstm_samples/sample" + digit + ".png");
            float[] scores = scores(model, png, 0, 1);
            assertThat(argmax(scores))
                    .as("%s on sample%d.png, scores %s", file, digit, java.util.Arrays.toString(scores))
                    .isEqualTo(digit);
        }
    }

    /**
     * TFLM's person_detection test copies the BMP's pixel bytes (palette indices, rows top-down, as PIL's
     * {@code tobytes} gives them) into the int8 input unchanged: the test images store int8 values.
     */
    private static float[] rawScores(Model model, Path image) throws IOException {
        BufferedImage img = ImageIO.read(image.toFile());
        ValueSpec input = model.inputs().get(0);
        Tensor x = Tensor.allocate(TensorType.of(input.dataType(), Shape.of(1, img.getHeight(), img.getWidth(), 1)));
        for (int row = 0; row < img.getHeight(); row++) {
            for (int col = 0; col < img.getWidth(); col++) {
                x.setLong(row * img.getWidth() + col, (byte) img.getRaster().getSample(col, row, 0));
            }
        }
        return run(model, input, x);
    }

    /**
     * Runs a one-input image model on a grayscale image whose pixels map linearly onto [lo, hi] (as the model was
     * trained), quantized with the input's declared parameters where the input is integer; returns the real scores.
     */
    private static float[] scores(Model model, Path image, double lo, double hi) throws IOException {
        BufferedImage img = ImageIO.read(image.toFile());
        assertThat(img).as("readable image %s", image).isNotNull();
        ValueSpec input = model.inputs().get(0);
        int[] dims = new int[input.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = (int) input.dim(i);
        }
        Tensor x = Tensor.allocate(TensorType.of(input.dataType(), Shape.of(dims)));
        assertThat(x.elementCount()).isEqualTo(img.getWidth() * img.getHeight());
        Quantization q = input.quantization().orElse(null);
        for (int row = 0; row < img.getHeight(); row++) {
            for (int col = 0; col < img.getWidth(); col++) {
                int pixel = img.getRGB(col, row) & 0xff;
                double real = lo + (hi - lo) * pixel / 255.0;
                int i = row * img.getWidth() + col;
                if (q == null) {
                    x.setDouble(i, real);
                } else {
                    long v = Math.round(real / q.scale()) + q.zeroPoint();
                    x.setLong(i, Math.max(-128, Math.min(127, v)));
                }
            }
        }
        return run(model, input, x);
    }

    /** Runs the model and returns its first output's real values. */
    private static float[] run(Model model, ValueSpec input, Tensor x) {
        Tensor y;
        try (Session session = model.newSession()) {
            y = session.run(Map.of(input.name(), x)).values().iterator().next();
        }
        float[] scores = new float[y.elementCount()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = y.dataType() == DataType.FLOAT32
                    ? (float) y.getDouble(i)
                    : (float) ((y.getLong(i)
                                    - y.type().quantization().orElseThrow().zeroPoint())
                            * y.type().quantization().orElseThrow().scale());
        }
        return scores;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
