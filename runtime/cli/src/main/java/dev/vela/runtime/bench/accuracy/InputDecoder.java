package dev.vela.runtime.bench.accuracy;

import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.io.Npy;
import dev.vela.spi.DataType;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Turns a labelled sample into a model's input tensor of the declared type and shape.
 *
 * <ul>
 *   <li>{@code .npy} and {@code .npz} slices: any shape with the input's element count. Integer data of the input's
 *       own type is taken as it is; otherwise the values are real values: cast for a float input, quantized with the
 *       input's scale and zero point (rounded half away from zero, clamped) for a quantized one.</li>
 *   <li>{@code .png}, {@code .bmp}: exactly the input's height and width (no resizing); layout from the declared shape:
 *       {@code [1,H,W,C]} or {@code [1,C,H,W]} with C 1 or 3, {@code [1,H,W]} or {@code [H,W]} for one channel; one
 *       channel is the mean of R, G and B, three channels of a grey image repeat it. Pixels are real values in
 *       [0, 1] ({@link Pixels#UNIT}) or [0, 255] ({@link Pixels#RAW}), then cast or quantized as above.</li>
 * </ul>
 */
public final class InputDecoder {

    /** How image pixels become real values. */
    public enum Pixels {
        /** pixel / 255: in [0, 1] (the MLPerf Tiny and TFLite Micro image models) */
        UNIT,
        /** the pixel value, in [0, 255] */
        RAW
    }

    private final ValueSpec input;
    private final Pixels pixels;

    /**
     * @param input the model's input declaration (element type, fixed shape, quantization)
     * @param pixels how image pixels are scaled
     * @throws LabelledSetException if the input has no fixed shape or type
     */
    public InputDecoder(ValueSpec input, Pixels pixels) {
        if (input.dataType() == null || !input.hasShape()) {
            throw new LabelledSetException("input " + input + " has no fixed type and shape to decode samples into");
        }
        for (int i = 0; i < input.rank(); i++) {
            if (input.dim(i) < 0) {
                throw new LabelledSetException("input " + input + " has a symbolic dimension: give it a fixed shape");
            }
        }
        this.input = input;
        this.pixels = pixels;
    }

    /**
     * @param sample a sample
     * @return the input tensor
     * @throws IOException if its file cannot be read
     * @throws LabelledSetException naming the sample when it does not fit the input
     */
    public Tensor decode(LabelledSample sample) throws IOException {
        if (sample.tensor() != null) {
            return fromArray(sample.name(), sample.tensor());
        }
        String lower = sample.file().getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".npy")) {
            return fromArray(sample.file().toString(), Npy.read(sample.file()));
        }
        if (lower.endsWith(".png") || lower.endsWith(".bmp")) {
            return fromImage(sample);
        }
        throw new LabelledSetException(sample.file()
                + ": a model input is read from .npy, .png or .bmp (a .wav needs a " + "speech pipeline as the model)");
    }

    private TensorType target() {
        int[] dims = new int[input.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = (int) input.dim(i);
        }
        return input.quantization().isPresent()
                ? TensorType.quantized(
                        input.dataType(), Shape.of(dims), input.quantization().get())
                : TensorType.of(input.dataType(), Shape.of(dims));
    }

    private Tensor fromArray(String name, Tensor data) {
        TensorType type = target();
        if (data.elementCount() != type.shape().elementCount()) {
            throw new LabelledSetException(name + ": " + data.type() + " has " + data.elementCount()
                    + " elements, input " + input + " needs " + type.shape().elementCount());
        }
        Tensor t = Tensor.allocate(type);
        if (data.dataType() == input.dataType() && !data.dataType().isFloatingPoint()) {
            t.bytes().put(data.bytes());
            return t;
        }
        if (!data.dataType().isFloatingPoint()
                && !input.dataType().isFloatingPoint()
                && input.quantization().isEmpty()) {
            throw new LabelledSetException(name + ": " + data.dataType().label() + " data for the unquantized "
                    + input.dataType().label() + " input " + input.name() + ": give it in the input's type");
        }
        for (int i = 0; i < data.elementCount(); i++) {
            put(name, t, i, data.getDouble(i));
        }
        return t;
    }

    private Tensor fromImage(LabelledSample sample) throws IOException {
        BufferedImage image = ImageIO.read(sample.file().toFile());
        if (image == null) {
            throw new LabelledSetException(sample.file() + ": not a readable PNG or BMP image");
        }
        TensorType type = target();
        int[] d = type.shape().dims();
        int h;
        int w;
        int c;
        boolean channelsFirst = false;
        if (d.length == 4 && d[0] == 1 && (d[3] == 1 || d[3] == 3)) {
            h = d[1];
            w = d[2];
            c = d[3];
        } else if (d.length == 4 && d[0] == 1 && (d[1] == 1 || d[1] == 3)) {
            c = d[1];
            h = d[2];
            w = d[3];
            channelsFirst = true;
        } else if (d.length == 3 && d[0] == 1 || d.length == 2) {
            h = d[d.length - 2];
            w = d[d.length - 1];
            c = 1;
        } else {
            throw new LabelledSetException(sample.file() + ": input " + input + " is not an image input ([1,H,W,C], "
                    + "[1,C,H,W] with C 1 or 3, [1,H,W] or [H,W])");
        }
        if (image.getHeight() != h || image.getWidth() != w) {
            throw new LabelledSetException(sample.file() + ": the image is " + image.getWidth() + "x"
                    + image.getHeight() + ", input " + input + " needs " + w + "x" + h + " (images are not resized)");
        }
        Tensor t = Tensor.allocate(type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                int[] channel = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
                for (int k = 0; k < c; k++) {
                    double p = c == 1 ? (channel[0] + channel[1] + channel[2]) / 3.0 : channel[k];
                    double real = pixels == Pixels.UNIT ? p / 255.0 : p;
                    int index = channelsFirst ? (k * h + y) * w + x : (y * w + x) * c + k;
                    put(sample.file().toString(), t, index, real);
                }
            }
        }
        return t;
    }

    private void put(String name, Tensor t, int index, double real) {
        DataType type = input.dataType();
        if (type.isFloatingPoint()) {
            t.setDouble(index, real);
            return;
        }
        Quantization q = input.quantization()
                .orElseThrow(() -> new LabelledSetException(name + ": real values for the " + "unquantized "
                        + type.label() + " input " + input.name() + ": give the samples in the input's type"));
        if (q.isPerAxis()) {
            throw new LabelledSetException(name + ": input " + input.name() + " is quantized per axis: give the samples"
                    + " in the input's type");
        }
        double v = real / q.scale();
        long rounded = (long) (v < 0 ? -Math.floor(-v + 0.5) : Math.floor(v + 0.5)) + q.zeroPoint();
        long lo = type == DataType.UINT8
                ? 0
                : type == DataType.INT8 ? -128 : type == DataType.INT16 ? -32768 : Long.MIN_VALUE;
        long hi = type == DataType.UINT8
                ? 255
                : type == DataType.INT8 ? 127 : type == DataType.INT16 ? 32767 : Long.MAX_VALUE;
        t.setLong(index, Math.max(lo, Math.min(hi, rounded)));
    }
}
