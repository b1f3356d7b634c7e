package dev.vela.runtime.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.cli.VelaCli;
import dev.vela.runtime.error.InvalidModelException;
import dev.vela.runtime.error.MemoryLimitException;
import dev.vela.runtime.error.NodeExecutionException;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.runtime.testing.Onnx;
import dev.vela.runtime.testing.Proto;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per malformed ONNX input the adversarial review of issue 12 found accepted, computed wrongly or failing
 * without a name: each now fails with its specific exception, naming the file and the node or tensor.
 */
class MalformedOnnxModelsTest {

    private static final String FILE = "bad.onnx";
    private static final int MAX = Integer.MAX_VALUE;

    @TempDir
    Path dir;

    private static byte[] model(long irVersion, long opset, Proto graph) {
        return Proto.message()
                .i64(1, irVersion)
                .msg(8, Proto.message().str(1, "").i64(2, opset))
                .msg(7, graph)
                .toBytes();
    }

    private static Model load(byte[] bytes) {
        return Model.fromBytes(FILE, bytes, Partitioner.of(KernelRegistry.reference()));
    }

    private static Proto ints(String name, long... values) {
        return Proto.message().str(1, name).packed(8, values).i64(20, 7);
    }

    private static Proto floatAttr(String name, float value) {
        return Proto.message().str(1, name).f32(2, value).i64(20, 1);
    }

    private static Proto reluGraph(Object... inputDims) {
        return Proto.message()
                .msg(1, Onnx.node("relu", "Relu", new String[] {"x"}, new String[] {"y"}))
                .msg(11, Onnx.valueInfo("x", Onnx.FLOAT, inputDims))
                .msg(12, Onnx.valueInfo("y", Onnx.FLOAT, inputDims));
    }

    private static Proto windowGraph(String op, Proto... attributes) {
        String[] inputs = op.equals("Conv") ? new String[] {"x", "w"} : new String[] {"x"};
        Proto g = Proto.message()
                .msg(1, Onnx.node("win", op, inputs, new String[] {"y"}, attributes))
                .msg(11, Onnx.valueInfo("x", Onnx.FLOAT, 1, 1, 28, 28))
                .msg(12, Onnx.valueInfo("y", Onnx.FLOAT, 1, 1, "H", "W"));
        if (op.equals("Conv")) {
            g.msg(5, Onnx.floatTensor("w", new long[] {1, 1, 3, 3}, new float[9]));
        }
        return g;
    }

    private static Proto quantizeGraph(float scale, int zeroPoint) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        int bits = Float.floatToIntBits(scale);
        for (int i = 0; i < 4; i++) {
            s.write(bits >>> (8 * i));
        }
        return Proto.message()
                .msg(1, Onnx.node("q", "QuantizeLinear", new String[] {"x", "s", "zp"}, new String[] {"y"}))
                .msg(5, Proto.message().i64(2, Onnx.FLOAT).str(8, "s").bytes(9, s.toByteArray()))
                .msg(5, Proto.message().i64(2, 2).str(8, "zp").bytes(9, new byte[] {(byte) zeroPoint}))
                .msg(11, Onnx.valueInfo("x", Onnx.FLOAT, 4))
                .msg(12, Onnx.valueInfo("y", 2, 4));
    }

    private static Map<String, Tensor> zeros(Shape shape) {
        return Map.of("x", Tensor.allocate(dev.vela.spi.TensorType.of(dev.vela.spi.DataType.FLOAT32, shape)));
    }

    @Test
    void inputDimOfIntMaxIsRefusedAtLoadNamingTheInput() {
        // float [1, 1, 28, 2^31-1] is 8 GiB: inspect used to reserve it and die with an OutOfMemoryError
        assertThatThrownBy(() -> load(model(8, 17, reluGraph(1, 1, 28, MAX))))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining(FILE)
                .hasMessageContaining("graph input 'x'")
                .hasMessageContaining("more than 2^31-1");
        assertThatThrownBy(() -> load(model(8, 17, reluGraph(65536, 65536))))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("graph input 'x'")
                .hasMessageContaining("more than 2^31-1 elements");
    }

    @Test
    void inspectDescribesWithoutAllocatingOrRunning() throws Exception {
        // 2^31-1 bytes fits one buffer, so the model loads; a plain inspect must not allocate it
        Proto graph = Proto.message()
                .msg(1, Onnx.node("relu", "Relu", new String[] {"x"}, new String[] {"y"}))
                .msg(11, Onnx.valueInfo("x", 3, MAX))
                .msg(12, Onnx.valueInfo("y", 3, MAX));
        Path file = dir.resolve("huge-input.onnx");
        Files.write(file, model(8, 17, graph));
        String[] result = cli("inspect", "--model", file.toString());
        assertThat(result[0]).as(result[2]).isEqualTo("0");
        assertThat(result[1])
                .contains("x: int8[" + MAX + "]")
                .contains("add --macs, --placement or --memory")
                .doesNotContain("MACs:");
    }

    @Test
    void convAndMaxPoolPadsOfIntMaxAreRefusedNotWrappedAround() {
        // begin + end pads above 2^31-1: no input can make that fit, refused at load
        for (String op : new String[] {"Conv", "MaxPool"}) {
            Proto[] attrs = op.equals("Conv")
                    ? new Proto[] {ints("pads", MAX, MAX, MAX, MAX)}
                    : new Proto[] {ints("kernel_shape", 2, 2), ints("pads", MAX, MAX, MAX, MAX)};
            assertThatThrownBy(() -> load(model(8, 17, windowGraph(op, attrs))))
                    .isInstanceOf(InvalidModelException.class)
                    .hasMessageContaining(FILE)
                    .hasMessageContaining("node 'win' (" + op + ")")
                    .hasMessageContaining("'pads'")
                    .hasMessageContaining("more than 2^31-1");
        }
        // one pad of 2^31-1 passes the static check but not with the actual input extent: refused at prepare
        for (String op : new String[] {"Conv", "MaxPool"}) {
            Proto[] attrs = op.equals("Conv")
                    ? new Proto[] {ints("pads", MAX, 0, 0, 0)}
                    : new Proto[] {ints("kernel_shape", 2, 2), ints("pads", MAX, 0, 0, 0)};
            Model m = load(model(8, 17, windowGraph(op, attrs)));
            try (Session s = m.newSession()) {
                assertThatThrownBy(() -> s.run(zeros(Shape.of(1, 1, 28, 28))))
                        .isInstanceOf(NodeExecutionException.class)
                        .hasMessageContaining("node 'win' (" + op + ")")
                        .hasMessageContaining("pads " + MAX + " and 0")
                        .hasMessageContaining("more than 2^31-1");
            }
        }
    }

    @Test
    void windowAttributesOutOfRangeAreRefusedAtLoad() {
        assertThatThrownBy(() -> load(model(8, 17, windowGraph("MaxPool", ints("kernel_shape", 0, 2)))))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("'kernel_shape'");
        assertThatThrownBy(() -> load(model(8, 17, windowGraph("Conv", ints("strides", 0, 1)))))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("'strides'");
        assertThatThrownBy(() -> load(model(8, 17, windowGraph("Conv", ints("pads", -1, 0, 0, 0)))))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("'pads'");
        assertThatThrownBy(() -> load(
                        model(8, 17, windowGraph("MaxPool", ints("kernel_shape", 3, 3), ints("dilations", MAX, 1)))))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("'dilations' " + MAX);
    }

    @Test
    void quantizationScaleZeroNanOrInfinityIsRefused() {
        for (float scale : new float[] {0f, Float.NaN, Float.POSITIVE_INFINITY, -0.5f}) {
            assertThatThrownBy(() -> load(model(8, 17, quantizeGraph(scale, 0))))
                    .isInstanceOf(InvalidModelException.class)
                    .hasMessageContaining(FILE)
                    .hasMessageContaining("node 'q' (QuantizeLinear) input 1 's'")
                    .hasMessageContaining("scale " + (double) scale);
        }
        assertThat(load(model(8, 17, quantizeGraph(0.5f, 3))).outputs()).hasSize(1);
    }

    @Test
    void softmaxBetaNanIsRefused() {
        Proto graph = Proto.message()
                .msg(
                        1,
                        Onnx.node(
                                "sm", "Softmax", new String[] {"x"}, new String[] {"y"}, floatAttr("beta", Float.NaN)))
                .msg(11, Onnx.valueInfo("x", Onnx.FLOAT, 1, 4))
                .msg(12, Onnx.valueInfo("y", Onnx.FLOAT, 1, 4));
        assertThatThrownBy(() -> load(model(8, 17, graph)))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("node 'sm' (Softmax)")
                .hasMessageContaining("'beta' must be finite and positive");
    }

    @Test
    void negativeInputDimIsRefusedAndAZeroDimFailsWhereTheOperatorNeedsAnExtent() {
        assertThatThrownBy(() -> load(model(8, 17, reluGraph(1, -3))))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining(FILE)
                .hasMessageContaining("value 'x'")
                .hasMessageContaining("negative dimension -3 at axis 1");
        // ONNX allows empty tensors: Relu of [1, 0] is [1, 0]; a 3x3 Conv over a zero-height image is not defined
        Model relu = load(model(8, 17, reluGraph(1, 0)));
        try (Session s = relu.newSession()) {
            assertThat(s.run(zeros(Shape.of(1, 0))).get("y").shape()).isEqualTo(Shape.of(1, 0));
        }
        Proto zeroHeight = Proto.message()
                .msg(1, Onnx.node("win", "Conv", new String[] {"x", "w"}, new String[] {"y"}))
                .msg(5, Onnx.floatTensor("w", new long[] {1, 1, 3, 3}, new float[9]))
                .msg(11, Onnx.valueInfo("x", Onnx.FLOAT, 1, 1, 0, 28))
                .msg(12, Onnx.valueInfo("y", Onnx.FLOAT, 1, 1, "H", "W"));
        Model conv = load(model(8, 17, zeroHeight));
        try (Session s = conv.newSession()) {
            assertThatThrownBy(() -> s.run(zeros(Shape.of(1, 1, 0, 28))))
                    .isInstanceOf(dev.vela.spi.VelaException.class)
                    .hasMessageContaining("node 'win' (Conv)");
        }
    }

    @Test
    void opsetAndIrVersionOutOfRangeAreRefused() {
        for (long opset : new long[] {0, 99999}) {
            assertThatThrownBy(() -> load(model(8, opset, reluGraph(1, 3))))
                    .isInstanceOf(InvalidModelException.class)
                    .hasMessageContaining(FILE)
                    .hasMessageContaining("opset_import of the default domain (ai.onnx) has" + " version " + opset);
        }
        for (long ir : new long[] {0, 99}) {
            assertThatThrownBy(() -> load(model(ir, 17, reluGraph(1, 3))))
                    .isInstanceOf(InvalidModelException.class)
                    .hasMessageContaining("ir_version " + ir);
        }
    }

    @Test
    void graphWithoutOutputsIsRefused() {
        Proto graph = Proto.message()
                .msg(1, Onnx.node("relu", "Relu", new String[] {"x"}, new String[] {"y"}))
                .str(2, "g")
                .msg(11, Onnx.valueInfo("x", Onnx.FLOAT, 1, 3));
        assertThatThrownBy(() -> load(model(8, 17, graph)))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining(FILE)
                .hasMessageContaining("graph 'g' declares no outputs");
    }

    @Test
    void duplicateInitializersAreRefused() {
        Proto graph = Onnx.addReluGraph().msg(5, Onnx.floatTensor("b", new long[] {3}, 9f, 9f, 9f));
        assertThatThrownBy(() -> load(model(8, 17, graph)))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining(FILE)
                .hasMessageContaining("initializer 'b' is defined twice");
    }

    @Test
    void outputTooLargeForOneBufferFailsNamingTheNodeAndTensor() {
        // ConstantOfShape [2^30] of float: the elements fit an int, the 4 GiB do not fit one buffer
        Proto graph = Proto.message()
                .msg(1, Onnx.node("fill", "ConstantOfShape", new String[] {"shape"}, new String[] {"y"}))
                .msg(
                        5,
                        Proto.message()
                                .packed(1, 1)
                                .i64(2, Onnx.INT64)
                                .str(8, "shape")
                                .bytes(9, longs(1L << 30)))
                .msg(12, Onnx.valueInfo("y", Onnx.FLOAT, "N"));
        Model m = load(model(8, 17, graph));
        try (Session s = m.newSession()) {
            assertThatThrownBy(() -> s.run(Map.of()))
                    .isInstanceOf(MemoryLimitException.class)
                    .hasMessageContaining("node 'fill' (ConstantOfShape): output 'y'")
                    .hasMessageContaining("4294967296 bytes, more than the 2^31-1 bytes one buffer can hold");
        }
    }

    @Test
    void aResultThatContradictsTheDeclaredOutputShapeIsRefused() {
        Proto graph = Proto.message()
                .msg(1, Onnx.node("relu", "Relu", new String[] {"x"}, new String[] {"y"}))
                .str(2, "g")
                .msg(11, Onnx.valueInfo("x", Onnx.FLOAT, 1, 3))
                .msg(12, Onnx.valueInfo("y", Onnx.FLOAT, 1, 4));
        Model m = load(model(8, 17, graph));
        try (Session s = m.newSession()) {
            assertThatThrownBy(() -> s.run(zeros(Shape.of(1, 3))))
                    .isInstanceOf(dev.vela.runtime.graph.InvalidGraphException.class)
                    .hasMessageContaining(
                            "node 'relu' (Relu): output 'y' would have shape [1, 3] but the model " + "declares [1,4]");
        }
    }

    @Test
    void structuralErrorsNameTheFile() {
        Proto graph = Proto.message()
                .msg(1, Onnx.node("relu", "Relu", new String[] {"x"}, new String[] {"y"}))
                .str(2, "g")
                .msg(11, Onnx.valueInfo("x", Onnx.FLOAT, 1, 3))
                .msg(12, Onnx.valueInfo("missing", Onnx.FLOAT, 1, 3));
        assertThatThrownBy(() -> load(model(8, 17, graph)))
                .isInstanceOf(dev.vela.runtime.graph.InvalidGraphException.class)
                .hasMessageStartingWith(FILE + ": graph 'g' output 'missing' is not produced");
    }

    private static byte[] longs(long... values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(values.length * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    /** @return exit code, standard output, standard error */
    private static String[] cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = VelaCli.execute(args);
            return new String[] {
                Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)
            };
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
