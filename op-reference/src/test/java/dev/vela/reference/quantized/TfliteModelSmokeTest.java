package dev.vela.reference.quantized;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vela.reference.ReferenceTesting;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs whole int8 MLPerf Tiny classifiers (CONV_2D, DEPTHWISE_CONV_2D, ADD, AVERAGE_POOL_2D,
 * FULLY_CONNECTED, RESHAPE, SOFTMAX) through the quantized kernels, node by node, on a
 * deterministic input. There are no goldens for these models: the test proves that real
 * converter-produced parameters (per-channel weights, bias scales, fused activations, softmax
 * output parameters) are accepted and that the softmax output is a probability distribution.
 */
class TfliteModelSmokeTest {

    @TestFactory
    Stream<DynamicTest> mlperfTinyClassifiers() throws IOException {
        Path dir = TfliteGoldenTest.dataDir().getParent().resolve("mlcommons-tiny");
        Assumptions.assumeTrue(Files.isDirectory(dir), "MLPerf Tiny models not found");
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : List.of("keyword_spotting__kws_ref_model.tflite",
                "visual_wake_words__vww_96_int8.tflite", "image_classification__pretrainedResnet_quant.tflite",
                "streaming_wakeword__str_ww_ref_model.tflite")) {
            Path model = dir.resolve(name);
            if (Files.exists(model)) {
                tests.add(DynamicTest.dynamicTest(name, () -> run(model)));
            }
        }
        return tests.stream();
    }

    /**
     * TFLM's person_detection test: the person image must score higher on "person" (index 1) and
     * the other image on "no person" (index 0). The images are copied byte for byte into the int8
     * input, top row first, as TFLM's generated test data does.
     */
    @org.junit.jupiter.api.Test
    void personDetectionLabels() throws IOException {
        Path data = TfliteGoldenTest.dataDir().getParent();
        Path model = data.resolve("tflite-micro").resolve("person_detect.tflite");
        Path images = data.resolve("tflite-micro-testdata");
        Assumptions.assumeTrue(Files.exists(model) && Files.isDirectory(images), "person detection data not found");
        TfliteFile file = new TfliteFile(Files.readAllBytes(model));
        Tensor person = run(file, bmpPixels(images.resolve("person.bmp")));
        Tensor noPerson = run(file, bmpPixels(images.resolve("no_person.bmp")));
        assertThat(person.getLong(1)).isGreaterThan(person.getLong(0));
        assertThat(noPerson.getLong(0)).isGreaterThan(noPerson.getLong(1));
    }

    /**
     * TFLM's mnist_lstm example: the int8 LSTM model (28 time steps) must predict the digit of each
     * sample image, with the input quantized as its evaluate.py does (x / 255 / scale + zp, truncated).
     */
    @org.junit.jupiter.api.Test
    void mnistLstmPredictsTheSampleDigits() throws IOException {
        Path data = TfliteGoldenTest.dataDir().getParent();
        Path model = data.resolve("tflite-micro").resolve("trained_lstm_int8.tflite");
        Path samples = data.resolve("tflite-micro-testdata").resolve("mnist_lstm_samples");
        Assumptions.assumeTrue(Files.exists(model) && Files.isDirectory(samples), "mnist lstm data not found");
        TfliteFile file = new TfliteFile(Files.readAllBytes(model));
        Quantization q = TfliteGoldenTest.type(file.tensors.get(file.inputs[0])).quantization().orElseThrow();
        int correct = 0;
        for (int label = 0; label < 10; label++) {
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(samples.resolve("sample" + label + ".png")
                    .toFile());
            byte[] input = new byte[28 * 28];
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    float v = img.getRaster().getSample(x, y, 0) / 255f;
                    input[y * 28 + x] = (byte) (int) (v / q.scale() + q.zeroPoint());
                }
            }
            Tensor out = run(file, input);
            int best = 0;
            for (int i = 1; i < out.elementCount(); i++) {
                if (out.getLong(i) > out.getLong(best)) {
                    best = i;
                }
            }
            correct += best == label ? 1 : 0;
        }
        assertThat(correct).isEqualTo(10);
    }

    /** The pixel bytes of an 8-bit bottom-up BMP, top row first (what PIL's tobytes returns). */
    private static byte[] bmpPixels(Path bmp) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(Files.readAllBytes(bmp)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int offset = b.getInt(10);
        int width = b.getInt(18);
        int height = b.getInt(22);
        int stride = (width + 3) / 4 * 4;
        byte[] out = new byte[width * height];
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                out[row * width + col] = b.get(offset + (height - 1 - row) * stride + col);
            }
        }
        return out;
    }

    private static void run(Path model) throws IOException {
        TfliteFile file = new TfliteFile(Files.readAllBytes(model));
        byte[] input = new byte[TfliteGoldenTest.type(file.tensors.get(file.inputs[0])).elementCount()];
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) ((i * 37 % 251) - 125);
        }
        Tensor y = run(file, input);
        Quantization q = y.type().quantization().orElseThrow();
        double sum = 0;
        for (int i = 0; i < y.elementCount(); i++) {
            sum += (y.getLong(i) - q.zeroPoint()) * (double) q.scale();
        }
        // each class carries at most half a step (1/256) of rounding error
        assertThat(sum).isCloseTo(1.0, within(y.elementCount() / 512.0 + 1e-6));
    }

    /** Runs the graph node by node on an int8 input and returns the output tensor. */
    private static Tensor run(TfliteFile file, byte[] input) {
        Map<Integer, Tensor> values = new HashMap<>();
        Tensor x = Tensor.allocate(TfliteGoldenTest.type(file.tensors.get(file.inputs[0])));
        x.bytes().put(input);
        values.put(file.inputs[0], x);
        for (TfliteFile.OperatorInfo op : file.operators) {
            TfliteFile.TensorInfo outInfo = file.tensors.get(op.outputs()[0]);
            TensorType outType = TfliteGoldenTest.type(outInfo);
            if (op.builtinCode() == 22) { // RESHAPE: a view
                values.put(op.outputs()[0], value(file, values, op.inputs()[0]).reinterpret(outType));
                continue;
            }
            Tensor out;
            if (op.builtinCode() == 44) {
                List<Tensor> runtime = new ArrayList<>();
                for (int i : op.inputs()) {
                    runtime.add(i >= 0 ? values.get(i) : null);
                }
                TfliteGoldenTest.Translated t = TfliteGoldenTest.translateGraphOp(file, op, runtime);
                out = ReferenceTesting.run(t.factory(), t.node(), t.inputs().toArray(new Tensor[0])).get(0);
            } else {
                List<Tensor> inputs = new ArrayList<>();
                Node node = node(file, op, values, inputs);
                out = ReferenceTesting.run(factory(op.builtinCode()), node, inputs.toArray(new Tensor[0])).get(0);
            }
            assertThat(out.elementCount()).as("op %d output", op.builtinCode()).isEqualTo(outType.elementCount());
            values.put(op.outputs()[0], out.reinterpret(outType));
        }
        return values.get(file.outputs[0]);
    }

    private static KernelFactory factory(int code) {
        return switch (code) {
            case 3, 4 -> new QuantizedConv();
            case 0 -> new QuantizedArithmetic(QuantizedArithmetic.Operation.ADD);
            case 1 -> new QuantizedPool("AveragePool");
            case 17 -> new QuantizedPool("MaxPool");
            case 9 -> new QuantizedFullyConnected("Gemm");
            case 25 -> new QuantizedSoftmax();
            default -> throw new IllegalStateException("builtin " + code + " not translated");
        };
    }

    private static Tensor value(TfliteFile file, Map<Integer, Tensor> values, int index) {
        Tensor v = values.get(index);
        return v != null ? v : TfliteGoldenTest.constant(file.tensors.get(index));
    }

    private static Node node(TfliteFile file, TfliteFile.OperatorInfo op, Map<Integer, Tensor> values,
            List<Tensor> inputs) {
        TfliteFile.TensorInfo out = file.tensors.get(op.outputs()[0]);
        TfliteFile.Table o = op.options();
        String name = switch (op.builtinCode()) {
            case 3, 4 -> "Conv";
            case 0 -> "Add";
            case 1 -> "AveragePool";
            case 17 -> "MaxPool";
            case 9 -> "Gemm";
            case 25 -> "Softmax";
            default -> "Unknown";
        };
        Node.Builder b = Node.builder(name).name(name.toLowerCase() + "_" + op.outputs()[0])
                .attr(QuantizedTensors.OUTPUT_SCALE, out.scales()[0])
                .attr(QuantizedTensors.OUTPUT_ZERO_POINT, out.zeroPoints()[0]);
        Tensor in0 = value(file, values, op.inputs()[0]);
        switch (op.builtinCode()) {
            case 3 -> {
                int[] ws = file.tensors.get(op.inputs()[1]).shape();
                b.attr("data_format", "NHWC").attr("strides", o.intField(2, 1), o.intField(1, 1))
                        .attr("dilations", o.intField(5, 1), o.intField(4, 1))
                        .attr("auto_pad", o.byteField(0, 0) == 0 ? "SAME_UPPER" : "VALID")
                        .attr("kernel_shape", ws[1], ws[2]);
                TfliteGoldenTest.activation(b, o.byteField(3, 0));
                add(b, inputs, in0);
                add(b, inputs, value(file, values, op.inputs()[1]));
                addOptional(file, values, op, 2, b, inputs);
            }
            case 4 -> {
                TfliteFile.TensorInfo w = file.tensors.get(op.inputs()[1]);
                int[] ws = w.shape();
                b.attr("data_format", "NHWC").attr("strides", o.intField(2, 1), o.intField(1, 1))
                        .attr("dilations", o.intField(6, 1), o.intField(5, 1))
                        .attr("auto_pad", o.byteField(0, 0) == 0 ? "SAME_UPPER" : "VALID")
                        .attr("group", (long) in0.shape().dim(3));
                TfliteGoldenTest.activation(b, o.byteField(4, 0));
                add(b, inputs, in0);
                Tensor src = TfliteGoldenTest.constant(w);
                Quantization wq = src.type().quantization().orElseThrow();
                Quantization moved = wq.isPerAxis() ? Quantization.perAxis(0, wq.scales(), wq.zeroPoints()) : wq;
                Tensor dst = Tensor.allocate(TensorType.quantized(DataType.INT8, Shape.of(ws[3], ws[1], ws[2], 1), moved));
                int taps = ws[1] * ws[2];
                for (int tap = 0; tap < taps; tap++) {
                    for (int c = 0; c < ws[3]; c++) {
                        dst.setLong(c * taps + tap, src.getLong(tap * ws[3] + c));
                    }
                }
                add(b, inputs, dst);
                addOptional(file, values, op, 2, b, inputs);
            }
            case 0 -> {
                TfliteGoldenTest.activation(b, o == null ? 0 : o.byteField(0, 0));
                add(b, inputs, in0);
                add(b, inputs, value(file, values, op.inputs()[1]));
            }
            case 1, 17 -> {
                b.attr("data_format", "NHWC").attr("strides", o.intField(2, 1), o.intField(1, 1))
                        .attr("kernel_shape", o.intField(4, 1), o.intField(3, 1))
                        .attr("auto_pad", o.byteField(0, 0) == 0 ? "SAME_UPPER" : "VALID");
                TfliteGoldenTest.activation(b, o.byteField(5, 0));
                add(b, inputs, in0);
            }
            case 9 -> {
                b.attr("transB", 1L);
                TfliteGoldenTest.activation(b, o == null ? 0 : o.byteField(0, 0));
                int depth = file.tensors.get(op.inputs()[1]).shape()[1];
                add(b, inputs, in0.reinterpret(in0.type().withShape(Shape.of(in0.elementCount() / depth, depth))));
                add(b, inputs, value(file, values, op.inputs()[1]));
                addOptional(file, values, op, 2, b, inputs);
            }
            case 25 -> {
                b.attr("beta", o == null ? 1f : o.floatField(0, 1f));
                Tensor flat = in0.reinterpret(in0.type().withShape(Shape.of(1, in0.elementCount())));
                add(b, inputs, flat);
            }
            default -> throw new IllegalStateException("builtin " + op.builtinCode());
        }
        return b.build();
    }

    private static void addOptional(TfliteFile file, Map<Integer, Tensor> values, TfliteFile.OperatorInfo op, int k,
            Node.Builder b, List<Tensor> inputs) {
        if (op.inputs().length > k && op.inputs()[k] >= 0) {
            add(b, inputs, value(file, values, op.inputs()[k]));
        }
    }

    private static void add(Node.Builder b, List<Tensor> inputs, Tensor t) {
        b.input(t.type());
        inputs.add(t);
    }
}
