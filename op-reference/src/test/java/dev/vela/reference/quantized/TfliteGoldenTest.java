package dev.vela.reference.quantized;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.reference.ReferenceTesting;
import dev.vela.spi.DataType;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs TFLite Micro's single-operator 16x8 "seanet" integration models (CONV_2D, ADD, SUB,
 * LEAKY_RELU, TRANSPOSE_CONV, QUANTIZE) through the quantized kernels and requires every output
 * value to equal TFLM's reference-kernel golden output. The models are translated to nodes the
 * way the TFLite importer is expected to (NHWC, output quantization attributes, explicit pads).
 *
 * <p>The external data directory comes from the system property {@code vela.data.dir} or the
 * environment variable {@code VELA_DATA_DIR}, else the first {@code shared/data} found next to the
 * working directory or one of its ancestors; the tests are skipped when it is absent.
 */
class TfliteGoldenTest {

    static Path dataDir() {
        String p = System.getProperty("vela.data.dir", System.getenv("VELA_DATA_DIR"));
        Path dir = p != null ? Path.of(p) : findSharedData();
        return dir.resolve("tflite").resolve("tflite-micro-seanet");
    }

    /** Looks for {@code shared/data} next to the working directory or one of its ancestors. */
    private static Path findSharedData() {
        Path here = Path.of("").toAbsolutePath();
        for (Path d = here; d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate.resolve("tflite"))) {
                return candidate;
            }
        }
        return here.resolve("shared").resolve("data");
    }

    @TestFactory
    Stream<DynamicTest> seanetGoldens() throws IOException {
        Path root = dataDir();
        Assumptions.assumeTrue(Files.isDirectory(root), "seanet data not found at " + root.toAbsolutePath());
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.sorted().toList()) {
                try (Stream<Path> models = Files.list(dir)) {
                    for (Path model : models.filter(f -> f.toString().endsWith(".tflite")).sorted().toList()) {
                        String base = model.getFileName().toString().replace(".tflite", "");
                        if (hasGolden(dir, base) && supported(dir.getFileName().toString())) {
                            tests.add(DynamicTest.dynamicTest(base, () -> check(dir, base)));
                        }
                    }
                }
            }
        }
        return tests.stream();
    }

    /**
     * TFLM's network_tester model (one int8 DEPTHWISE_CONV_2D) with its input and expected output,
     * stored as raw bytes in .npy files.
     */
    @org.junit.jupiter.api.Test
    void networkTesterDepthwiseGolden() throws IOException {
        Path dir = dataDir().getParent().resolve("golden");
        Assumptions.assumeTrue(Files.isDirectory(dir), "golden data not found");
        TfliteFile file = new TfliteFile(npyBytes(dir.resolve("network_tester_model.npy")));
        assertThat(file.operators).hasSize(1);
        TfliteFile.OperatorInfo op = file.operators.get(0);
        assertThat(op.builtinCode()).isEqualTo(4);
        Tensor x = Tensor.allocate(type(file.tensors.get(file.inputs[0])));
        x.bytes().put(npyBytes(dir.resolve("network_tester_input.npy")));
        Translated t = translate(file, op, List.of(x));
        Tensor out = ReferenceTesting.run(t.factory, t.node, t.inputs.toArray(new Tensor[0])).get(0);
        assertThat(out.toByteArray()).containsExactly(npyBytes(dir.resolve("network_tester_expected_output.npy")));
    }

    /**
     * TFLM's DTLN noise-suppression model (two int8 UNIDIRECTIONAL_SEQUENCE_LSTM, FULLY_CONNECTED,
     * LOGISTIC) run node by node on its golden input; TFLM requires an exact match of the output.
     */
    @org.junit.jupiter.api.Test
    void dtlnGolden() throws IOException {
        Path data = dataDir().getParent();
        Path model = data.resolve("tflite-micro").resolve("dtln_noise_suppression.tflite");
        Assumptions.assumeTrue(Files.exists(model), "DTLN model not found");
        TfliteFile file = new TfliteFile(Files.readAllBytes(model));
        java.util.Map<Integer, Tensor> values = new java.util.HashMap<>();
        Tensor x = Tensor.allocate(type(file.tensors.get(file.inputs[0])));
        x.bytes().put(npyBytes(data.resolve("golden").resolve("dtln_input_int8_1x1x257.npy")));
        values.put(file.inputs[0], x);
        for (TfliteFile.OperatorInfo op : file.operators) {
            List<Tensor> runtime = new ArrayList<>();
            for (int i : op.inputs()) {
                runtime.add(i >= 0 ? values.get(i) : null);
            }
            TfliteFile.TensorInfo outInfo = file.tensors.get(op.outputs()[0]);
            Translated t = translateGraphOp(file, op, runtime);
            Tensor out = ReferenceTesting.run(t.factory, t.node, t.inputs.toArray(new Tensor[0])).get(0);
            values.put(op.outputs()[0], out.reinterpret(type(outInfo)));
        }
        Tensor y = values.get(file.outputs[0]);
        assertThat(y.toByteArray()).containsExactly(npyBytes(data.resolve("golden")
                .resolve("dtln_golden_output_int8_1x1x257.npy")));
    }

    /** Translation of FULLY_CONNECTED, LOGISTIC and UNIDIRECTIONAL_SEQUENCE_LSTM inside a graph. */
    static Translated translateGraphOp(TfliteFile file, TfliteFile.OperatorInfo op, List<Tensor> runtime) {
        TfliteFile.TensorInfo out = file.tensors.get(op.outputs()[0]);
        TfliteFile.Table o = op.options();
        Node.Builder b = Node.builder("op" + op.builtinCode()).name("tflite_" + op.builtinCode())
                .attr(QuantizedTensors.OUTPUT_SCALE, out.scales()[0])
                .attr(QuantizedTensors.OUTPUT_ZERO_POINT, out.zeroPoints()[0]);
        List<Tensor> inputs = new ArrayList<>();
        switch (op.builtinCode()) {
            case 9 -> {
                b = rename(b, "Gemm").attr("transB", 1L);
                activation(b, o == null ? 0 : o.byteField(0, 0));
                TfliteFile.TensorInfo w = file.tensors.get(op.inputs()[1]);
                Tensor in = valueOf(file, op.inputs()[0], runtime.get(0));
                int depth = w.shape()[1];
                Tensor flat = in.reinterpret(in.type().withShape(Shape.of(in.elementCount() / depth, depth)));
                add(b, inputs, flat, runtime.get(0) != null);
                for (int k = 1; k < op.inputs().length; k++) {
                    if (op.inputs()[k] >= 0) {
                        add(b, inputs, valueOf(file, op.inputs()[k], runtime.get(k)), runtime.get(k) != null);
                    }
                }
                return new Translated(new QuantizedFullyConnected("Gemm"), b.build(), inputs);
            }
            case 14 -> {
                b = rename(b, "Sigmoid");
                add(b, inputs, valueOf(file, op.inputs()[0], runtime.get(0)), runtime.get(0) != null);
                return new Translated(new QuantizedSigmoidTanh("Sigmoid"), b.build(), inputs);
            }
            case 44 -> {
                b = rename(b, "UnidirectionalSequenceLSTM").attr("cell_clip", o.floatField(1, 0f))
                        .attr("time_major", (long) o.byteField(3, 0));
                int act = o.byteField(0, 0);
                b.attr("activation", act == 6 ? "Sigmoid" : "Tanh");
                for (int k = 0; k < op.inputs().length; k++) {
                    if (op.inputs()[k] < 0) {
                        b.absentInput();
                        inputs.add(null);
                    } else {
                        add(b, inputs, valueOf(file, op.inputs()[k], runtime.get(k)), runtime.get(k) != null);
                    }
                }
                return new Translated(new QuantizedSequenceLstm(), b.build(), inputs);
            }
            default -> throw new IllegalStateException("builtin " + op.builtinCode() + " not translated");
        }
    }

    private static Node.Builder rename(Node.Builder old, String op) {
        Node.Builder b = Node.builder(op).name(op.toLowerCase());
        b.attributes().putAll(old.attributes().build());
        return b;
    }

    private static Tensor valueOf(TfliteFile file, int index, Tensor runtime) {
        return runtime != null ? runtime : constant(file.tensors.get(index));
    }

    private static void add(Node.Builder b, List<Tensor> inputs, Tensor t, boolean isRuntime) {
        if (isRuntime) {
            b.input(t.type());
        } else {
            b.constantInput(t);
        }
        inputs.add(t);
    }

    /** The payload of a 1-D uint8 .npy file. */
    static byte[] npyBytes(Path npy) throws IOException {
        byte[] all = Files.readAllBytes(npy);
        int headerLength = (all[8] & 0xff) | (all[9] & 0xff) << 8;
        return java.util.Arrays.copyOfRange(all, 10 + headerLength, all.length);
    }

    private static boolean hasGolden(Path dir, String base) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith(base + "_golden_"));
        }
    }

    /** The CSV whose name starts with {@code prefix} (the suffix names its element type). */
    private static Path find(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)
                    && f.getFileName().toString().endsWith(".csv")).findFirst()
                    .orElseThrow(() -> new IOException("no " + prefix + "*.csv in " + dir));
        }
    }

    private static boolean supported(String op) {
        return List.of("conv", "add", "sub", "leaky_relu", "transpose_conv", "quantize").contains(op);
    }

    private static void check(Path dir, String base) throws IOException {
        TfliteFile file = new TfliteFile(Files.readAllBytes(dir.resolve(base + ".tflite")));
        assertThat(file.operators).hasSize(1);
        TfliteFile.OperatorInfo op = file.operators.get(0);
        List<Tensor> runtimeInputs = new ArrayList<>();
        for (int i = 0; i < file.inputs.length; i++) {
            runtimeInputs.add(fromCsv(file.tensors.get(file.inputs[i]), find(dir, base + "_input" + i + "_")));
        }
        TfliteFile.TensorInfo outInfo = file.tensors.get(op.outputs()[0]);
        Translated t = translate(file, op, runtimeInputs);
        Tensor out = ReferenceTesting.run(t.factory, t.node, t.inputs.toArray(new Tensor[0])).get(0);
        long[] expected = readCsv(find(dir, base + "_golden_"));
        assertThat(out.shape().dims()).isEqualTo(outInfo.shape());
        assertThat(out.elementCount()).isEqualTo(expected.length);
        int mismatches = 0;
        int first = -1;
        for (int i = 0; i < expected.length; i++) {
            if (out.getLong(i) != expected[i]) {
                mismatches++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        assertThat(mismatches).as("%s: %d of %d values differ, first at %d (got %d, golden %d)", base, mismatches,
                expected.length, first, first < 0 ? 0 : out.getLong(first), first < 0 ? 0 : expected[first]).isZero();
    }

    record Translated(KernelFactory factory, Node node, List<Tensor> inputs) {
    }

    private static Translated translate(TfliteFile file, TfliteFile.OperatorInfo op, List<Tensor> runtimeInputs) {
        TfliteFile.TensorInfo out = file.tensors.get(op.outputs()[0]);
        Node.Builder b = Node.builder(name(op.builtinCode())).name("tflite_" + op.builtinCode())
                .attr(QuantizedTensors.OUTPUT_SCALE, out.scales()[0])
                .attr(QuantizedTensors.OUTPUT_ZERO_POINT, out.zeroPoints()[0])
                .attr(QuantizedTensors.OUTPUT_DTYPE, dataType(out.type()).label());
        List<Tensor> inputs = new ArrayList<>();
        KernelFactory factory;
        TfliteFile.Table o = op.options();
        switch (op.builtinCode()) {
            case 3 -> {
                factory = new QuantizedConv();
                int[] wShape = file.tensors.get(op.inputs()[1]).shape();
                b.attr("data_format", "NHWC").attr("strides", o.intField(2, 1), o.intField(1, 1))
                        .attr("dilations", o.intField(5, 1), o.intField(4, 1))
                        .attr("auto_pad", o.byteField(0, 0) == 0 ? "SAME_UPPER" : "VALID")
                        .attr("kernel_shape", wShape[1], wShape[2]);
                activation(b, o.byteField(3, 0));
                addInputs(file, op, runtimeInputs, b, inputs, new int[] {0, 1, 2});
            }
            case 4 -> {
                factory = new QuantizedConv();
                TfliteFile.TensorInfo w = file.tensors.get(op.inputs()[1]);
                int[] ws = w.shape();
                int channels = file.tensors.get(op.inputs()[0]).shape()[3];
                b.attr("data_format", "NHWC").attr("strides", o.intField(2, 1), o.intField(1, 1))
                        .attr("dilations", o.intField(6, 1), o.intField(5, 1))
                        .attr("auto_pad", o.byteField(0, 0) == 0 ? "SAME_UPPER" : "VALID")
                        .attr("group", (long) channels);
                activation(b, o.byteField(4, 0));
                addInputs(file, op, runtimeInputs, b, inputs, new int[] {0});
                // [1, kH, kW, C*m] -> [C*m, kH, kW, 1]; per-axis on 3 -> on 0
                Tensor src = constant(w);
                int outC = ws[3];
                int taps = ws[1] * ws[2];
                Quantization wq = src.type().quantization().orElseThrow();
                Quantization moved = wq.isPerAxis() ? Quantization.perAxis(0, wq.scales(), wq.zeroPoints()) : wq;
                Tensor dst = Tensor.allocate(TensorType.quantized(DataType.INT8, Shape.of(outC, ws[1], ws[2], 1), moved));
                for (int tap = 0; tap < taps; tap++) {
                    for (int c = 0; c < outC; c++) {
                        dst.setLong(c * taps + tap, src.getLong(tap * outC + c));
                    }
                }
                b.constantInput(dst);
                inputs.add(dst);
                if (op.inputs().length > 2 && op.inputs()[2] >= 0) {
                    Tensor bias = constant(file.tensors.get(op.inputs()[2]));
                    b.constantInput(bias);
                    inputs.add(bias);
                }
            }
            case 0, 41 -> {
                factory = new QuantizedArithmetic(op.builtinCode() == 0 ? QuantizedArithmetic.Operation.ADD
                        : QuantizedArithmetic.Operation.SUB);
                activation(b, o == null ? 0 : o.byteField(0, 0));
                addInputs(file, op, runtimeInputs, b, inputs, new int[] {0, 1});
            }
            case 98 -> {
                factory = new QuantizedLeakyRelu();
                b.attr("alpha", o.floatField(0, 0f));
                addInputs(file, op, runtimeInputs, b, inputs, new int[] {0});
            }
            case 114 -> {
                factory = new QuantizeLinear();
                addInputs(file, op, runtimeInputs, b, inputs, new int[] {0});
            }
            case 67 -> {
                factory = new QuantizedConvTranspose();
                int[] outShape = out.shape();
                int[] wShape = file.tensors.get(op.inputs()[1]).shape();
                int sh = o.intField(2, 1);
                int sw = o.intField(1, 1);
                boolean same = o.byteField(0, 0) == 0;
                // TFLM: padding from the transposed output size, as the forward conv's "input"
                int padH = same ? samePadding(outShape[1], wShape[1], sh) : 0;
                int padW = same ? samePadding(outShape[2], wShape[2], sw) : 0;
                int shapeInput = indexOf(file.inputs, op.inputs()[0]);
                if (shapeInput >= 0) {
                    Tensor given = runtimeInputs.get(shapeInput);
                    assertThat(new long[] {given.getLong(1), given.getLong(2)})
                            .containsExactly(outShape[1], outShape[2]);
                }
                b.attr("data_format", "NHWC").attr("strides", sh, sw).attr("pads", padH, padW, 0, 0)
                        .attr("output_shape", outShape[1], outShape[2]);
                activation(b, o.byteField(3, 0));
                addInputs(file, op, runtimeInputs, b, inputs, new int[] {2, 1, 3});
            }
            default -> throw new IllegalStateException("builtin " + op.builtinCode() + " not translated");
        }
        return new Translated(factory, b.build(), inputs);
    }

    private static int samePadding(int inSize, int filter, int stride) {
        int outSize = (inSize + stride - 1) / stride;
        int total = Math.max((outSize - 1) * stride + filter - inSize, 0);
        return total / 2;
    }

    private static String name(int code) {
        return switch (code) {
            case 3 -> "Conv";
            case 0 -> "Add";
            case 41 -> "Sub";
            case 98 -> "LeakyRelu";
            case 114 -> "QuantizeLinear";
            case 67 -> "ConvTranspose";
            default -> "Unknown" + code;
        };
    }

    static void activation(Node.Builder b, int code) {
        switch (code) {
            case 0 -> { }
            case 1 -> b.attr("activation", "Relu");
            case 2 -> b.attr("activation", "Clip").attr("activation_params", -1f, 1f);
            case 3 -> b.attr("activation", "Clip").attr("activation_params", 0f, 6f);
            default -> throw new IllegalStateException("activation " + code);
        }
    }

    /** Adds the op's inputs in the given order: graph inputs as runtime inputs, the rest as constants. */
    private static void addInputs(TfliteFile file, TfliteFile.OperatorInfo op, List<Tensor> runtime, Node.Builder b,
            List<Tensor> inputs, int[] order) {
        for (int k : order) {
            if (k >= op.inputs().length || op.inputs()[k] < 0) {
                continue;
            }
            int tensorIndex = op.inputs()[k];
            int graphInput = indexOf(file.inputs, tensorIndex);
            if (graphInput >= 0) {
                Tensor t = runtime.get(graphInput);
                b.input(t.type());
                inputs.add(t);
            } else {
                Tensor t = constant(file.tensors.get(tensorIndex));
                b.constantInput(t);
                inputs.add(t);
            }
        }
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private static DataType dataType(int code) {
        return switch (code) {
            case 0 -> DataType.FLOAT32;
            case 2 -> DataType.INT32;
            case 1 -> DataType.FLOAT16;
            case 3 -> DataType.UINT8;
            case 4 -> DataType.INT64;
            case 7 -> DataType.INT16;
            case 9 -> DataType.INT8;
            default -> throw new IllegalStateException("tensor type " + code);
        };
    }

    static TensorType type(TfliteFile.TensorInfo info) {
        DataType dt = dataType(info.type());
        Shape shape = Shape.of(info.shape());
        if (info.scales().length == 0) {
            return TensorType.of(dt, shape);
        }
        long[] zps = info.zeroPoints().length == info.scales().length ? info.zeroPoints()
                : new long[info.scales().length];
        if (info.scales().length == 1) {
            return TensorType.quantized(dt, shape, Quantization.perTensor(info.scales()[0], zps[0]));
        }
        // converters copy the filter's quantized_dimension (3 for depthwise) onto rank-1 biases
        int axis = info.axis() < shape.rank() ? info.axis() : 0;
        return TensorType.quantized(dt, shape, Quantization.perAxis(axis, info.scales(), zps));
    }

    static Tensor constant(TfliteFile.TensorInfo info) {
        TensorType t = type(info);
        ByteBuffer data = info.data();
        Tensor tensor = Tensor.allocate(t);
        if (data != null) {
            tensor.bytes().put(data.duplicate());
        } else if (t.dataType() == DataType.INT8 && t.isQuantized()) {
            // TFLM resets int8 variable tensors (LSTM states) to their zero point
            for (int i = 0; i < tensor.elementCount(); i++) {
                tensor.setLong(i, t.quantization().get().zeroPoint());
            }
        }
        return tensor;
    }

    private static Tensor fromCsv(TfliteFile.TensorInfo info, Path csv) throws IOException {
        long[] v = readCsv(csv);
        Tensor t = Tensor.allocate(type(info));
        assertThat(v.length).isEqualTo(t.elementCount());
        for (int i = 0; i < v.length; i++) {
            t.setLong(i, v[i]);
        }
        return t;
    }

    private static long[] readCsv(Path csv) throws IOException {
        String text = Files.readString(csv).trim();
        return java.util.Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong)
                .toArray();
    }
}
