package dev.vela.runtime.onnx;

import static dev.vela.runtime.testing.Onnx.FLOAT;
import static dev.vela.runtime.testing.Onnx.addReluGraph;
import static dev.vela.runtime.testing.Onnx.floatTensor;
import static dev.vela.runtime.testing.Onnx.model;
import static dev.vela.runtime.testing.Onnx.node;
import static dev.vela.runtime.testing.Onnx.valueInfo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vela.runtime.error.ModelFormatException;
import dev.vela.runtime.error.UnsupportedFeatureException;
import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.testing.Onnx;
import dev.vela.runtime.testing.Proto;
import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OnnxImporterTest {

    @Test
    void importsNodesInitializersAndSymbolicDims() {
        OnnxModel m = OnnxImporter.parse("m.onnx", model(addReluGraph()));
        Graph g = m.graph();
        assertThat(m.irVersion()).isEqualTo(8);
        assertThat(m.opsets()).containsEntry("", 17L);
        assertThat(g.name()).isEqualTo("add_relu");
        assertThat(g.nodes()).extracting(n -> n.name()).containsExactly("add", "Relu_1");
        assertThat(g.nodes().get(0).opsetVersion()).isEqualTo(17);
        ValueSpec x = g.inputs().get(0);
        assertThat(x.dataType()).isEqualTo(DataType.FLOAT32);
        assertThat(x.dims()).containsExactly(ValueSpec.UNKNOWN, 3);
        assertThat(x.dimName(0)).isEqualTo("N");
        assertThat(x.shapeText()).isEqualTo("[N,3]");
        assertThat(g.initializers().get("b").toFloatArray()).containsExactly(1f, -2f, 3f);
    }

    @Test
    void graphInputThatIsAnInitializerIsAConstant() {
        Proto graph = addReluGraph().msg(11, valueInfo("b", FLOAT, 3));
        Graph g = OnnxImporter.parse("m.onnx", model(graph)).graph();
        assertThat(g.inputs()).extracting(ValueSpec::name).containsExactly("x");
        assertThat(g.initializers()).containsKey("b");
    }

    @Test
    void aiOnnxDomainIsTheDefaultDomain() {
        Proto graph = Proto.message()
                .msg(
                        1,
                        node("r", "Relu", new String[] {"x"}, new String[] {"y"})
                                .str(7, "ai.onnx"))
                .msg(11, valueInfo("x", FLOAT, 2))
                .msg(12, valueInfo("y", FLOAT, 2));
        byte[] bytes = Proto.message()
                .i64(1, 7)
                .msg(8, Proto.message().str(1, "ai.onnx").i64(2, 13))
                .msg(7, graph)
                .toBytes();
        Graph g = OnnxImporter.parse("m.onnx", bytes).graph();
        assertThat(g.nodes().get(0).op().domain()).isEmpty();
        assertThat(g.nodes().get(0).opsetVersion()).isEqualTo(13);
    }

    @Test
    void decodesTypedDataFields() {
        // float_data packed, int64_data unpacked, int32_data for int8 and float16 bit patterns, double_data
        Proto floats = Proto.message().packed(1, 2).i64(2, 1).str(8, "f").packedFloats(4, 1.5f, -2f);
        Proto longs =
                Proto.message().packed(1, 2).i64(2, 7).str(8, "l").i64(7, -5).i64(7, 1L << 40);
        Proto int8s = Proto.message().packed(1, 3).i64(2, 3).str(8, "b").packed(5, -128, 0, 127);
        Proto halfs = Proto.message().packed(1, 1).i64(2, 10).str(8, "h").packed(5, 0x3c00);
        ByteBuffer d = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.25);
        Proto doubles = Proto.message().i64(2, 11).str(8, "d").bytes(10, d.array());
        Proto bools = Proto.message().packed(1, 2).i64(2, 9).str(8, "t").packed(5, 1, 0);
        Proto graph = Proto.message()
                .msg(5, floats)
                .msg(5, longs)
                .msg(5, int8s)
                .msg(5, halfs)
                .msg(5, doubles)
                .msg(5, bools)
                .msg(12, valueInfo("f", FLOAT, 2));
        Graph g = OnnxImporter.parse("m.onnx", model(graph)).graph();
        assertThat(g.initializers().get("f").toFloatArray()).containsExactly(1.5f, -2f);
        assertThat(g.initializers().get("l").toLongArray()).containsExactly(-5, 1L << 40);
        Tensor b = g.initializers().get("b");
        assertThat(b.dataType()).isEqualTo(DataType.INT8);
        assertThat(new long[] {b.getLong(0), b.getLong(1), b.getLong(2)}).containsExactly(-128, 0, 127);
        assertThat(g.initializers().get("h").getDouble(0)).isEqualTo(1.0);
        assertThat(g.initializers().get("d").shape().rank()).isZero();
        assertThat(g.initializers().get("d").getDouble(0)).isEqualTo(0.25);
        assertThat(g.initializers().get("t").getLong(0)).isEqualTo(1);
        assertThat(g.initializers().get("t").getLong(1)).isEqualTo(0);
    }

    @Test
    void foldsConstantNodesIntoInitializers() {
        Proto graph = Proto.message()
                .msg(
                        1,
                        node(
                                "c",
                                "Constant",
                                new String[0],
                                new String[] {"k"},
                                Onnx.tensorAttr("value", floatTensor("", new long[] {2}, 4f, 5f))))
                .msg(1, node("add", "Add", new String[] {"x", "k"}, new String[] {"y"}))
                .msg(11, valueInfo("x", FLOAT, 2))
                .msg(12, valueInfo("y", FLOAT, 2));
        Graph g = OnnxImporter.parse("m.onnx", model(graph)).graph();
        assertThat(g.nodes()).hasSize(1);
        assertThat(g.initializers().get("k").toFloatArray()).containsExactly(4f, 5f);
    }

    @Test
    void decodesAttributes() {
        Proto attrs = Proto.message().str(1, "alpha").f32(2, 0.5f).i64(20, 1);
        Proto ints = Proto.message().str(1, "perm").packed(8, 1, 0).i64(20, 7);
        Proto s = Proto.message().str(1, "mode").bytes(4, "edge".getBytes()).i64(20, 3);
        Proto graph = Proto.message()
                .msg(
                        1,
                        node(
                                "n",
                                "Relu",
                                new String[] {"x"},
                                new String[] {"y"},
                                attrs,
                                ints,
                                s,
                                Onnx.intAttr("k", -3)))
                .msg(11, valueInfo("x", FLOAT, 2))
                .msg(12, valueInfo("y", FLOAT, 2));
        var a = OnnxImporter.parse("m.onnx", model(graph))
                .graph()
                .nodes()
                .get(0)
                .attributes();
        assertThat(a.getFloat("alpha")).isEqualTo(0.5f);
        assertThat(a.getLongs("perm")).containsExactly(1, 0);
        assertThat(a.getString("mode")).isEqualTo("edge");
        assertThat(a.getLong("k")).isEqualTo(-3);
    }

    @Test
    void emptyFileIsRefusedNamingTheFile() {
        assertThatThrownBy(() -> OnnxImporter.parse("empty.onnx", new byte[0]))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("empty.onnx")
                .hasMessageContaining("empty");
    }

    @Test
    void truncatedFileIsRefusedWithOffset() {
        byte[] full = model(addReluGraph());
        for (int cut = 1; cut < full.length; cut += 7) {
            byte[] part = Arrays.copyOf(full, cut);
            Throwable t = catchThrowable(() -> OnnxImporter.parse("cut.onnx", part));
            assertThat(t).as("cut at %d", cut).isInstanceOf(ModelFormatException.class);
            assertThat(t.getMessage()).contains("cut.onnx");
        }
        assertThatThrownBy(() -> OnnxImporter.parse("cut.onnx", Arrays.copyOf(full, full.length - 3)))
                .hasMessageContaining("byte offset");
    }

    @Test
    void randomBytesNeverEscapeAsOtherErrors() {
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            byte[] junk = new byte[1 + random.nextInt(400)];
            random.nextBytes(junk);
            Throwable t = catchThrowable(() -> OnnxImporter.parse("junk.onnx", junk));
            assertThat(t).as("sample %d", i).isNotNull();
            assertThat(t)
                    .as("sample %d: %s", i, t)
                    .isInstanceOfAny(
                            ModelFormatException.class,
                            UnsupportedFeatureException.class,
                            dev.vela.runtime.graph.InvalidGraphException.class);
        }
    }

    @Test
    void mutatedModelsFailCleanlyOrImport() {
        byte[] original = model(addReluGraph()
                .msg(5, floatTensor("w", new long[] {2, 2}, 1, 2, 3, 4))
                .msg(13, valueInfo("s", FLOAT, "N", 3)));
        Random random = new Random(7);
        for (int i = 0; i < 3000; i++) {
            byte[] m = original.clone();
            for (int k = 0; k < 1 + random.nextInt(3); k++) {
                m[random.nextInt(m.length)] = (byte) random.nextInt(256);
            }
            Throwable t = catchThrowable(() -> OnnxImporter.parse("mut.onnx", m));
            if (t != null) {
                assertThat(t)
                        .as("mutation %d: %s", i, t)
                        .isInstanceOfAny(
                                ModelFormatException.class,
                                UnsupportedFeatureException.class,
                                dev.vela.runtime.graph.InvalidGraphException.class);
            }
        }
    }

    @Test
    void bogusLengthDoesNotAllocate() {
        // graph field (7) with a declared length of 2^31-1 but only a few bytes present
        byte[] bytes = {0x08, 0x08, 0x3a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 0x01};
        assertThatThrownBy(() -> OnnxImporter.parse("huge.onnx", bytes))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("huge.onnx")
                .hasMessageContaining("byte offset 3");
    }

    @Test
    void rawDataOfWrongSizeIsRefusedNamingTheTensor() {
        Proto w = Proto.message().packed(1, 4).i64(2, FLOAT).str(8, "w").bytes(9, new byte[12]);
        Proto graph = addReluGraph().msg(5, w);
        assertThatThrownBy(() -> OnnxImporter.parse("m.onnx", model(graph)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("tensor 'w'")
                .hasMessageContaining("12 bytes");
    }

    @Test
    void externalDataIsUnsupported() {
        Proto w = Proto.message()
                .packed(1, 3)
                .i64(2, FLOAT)
                .str(8, "weights")
                .msg(13, Proto.message().str(1, "location").str(2, "w.bin"))
                .i64(14, 1);
        assertThatThrownBy(
                        () -> OnnxImporter.parse("m.onnx", model(addReluGraph().msg(5, w))))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("tensor 'weights'")
                .hasMessageContaining("EXTERNAL");
    }

    @Test
    void sparseInitializerIsUnsupported() {
        Proto sparse = Proto.message()
                .msg(1, floatTensor("sp", new long[] {1}, 1f))
                .msg(2, Proto.message().packed(1, 1).i64(2, Onnx.INT64).i64(7, 0))
                .packed(3, 4);
        assertThatThrownBy(
                        () -> OnnxImporter.parse("m.onnx", model(addReluGraph().msg(15, sparse))))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("sparse initializer 'sp'");
    }

    @Test
    void stringTensorIsAnUnsupportedDataType() {
        Proto s =
                Proto.message().packed(1, 1).i64(2, Onnx.STRING).str(8, "words").bytes(6, "hi".getBytes());
        assertThatThrownBy(
                        () -> OnnxImporter.parse("m.onnx", model(addReluGraph().msg(5, s))))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("tensor 'words'")
                .hasMessageContaining("unsupported data type STRING");
    }

    @Test
    void float8InputIsAnUnsupportedDataType() {
        Proto graph = addReluGraph().msg(11, valueInfo("q", Onnx.FLOAT8E4M3FN, 2));
        assertThatThrownBy(() -> OnnxImporter.parse("m.onnx", model(graph)))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("'q'")
                .hasMessageContaining("unsupported data type FLOAT8E4M3FN");
    }

    @Test
    void subgraphAttributeIsUnsupportedNamingTheNode() {
        Proto branch = Proto.message()
                .str(1, "then_branch")
                .msg(6, Proto.message().str(2, "g"))
                .i64(20, 5);
        Proto graph = addReluGraph().msg(1, node("cond", "If", new String[] {"c"}, new String[] {"z"}, branch));
        assertThatThrownBy(() -> OnnxImporter.parse("m.onnx", model(graph)))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("node 'cond' (If)")
                .hasMessageContaining("subgraph attribute 'then_branch'");
    }

    @Test
    void sequenceTypeIsUnsupportedNamingTheValue() {
        Proto seq = Proto.message().str(1, "seq").msg(2, Proto.message().msg(4, Proto.message()));
        assertThatThrownBy(
                        () -> OnnxImporter.parse("m.onnx", model(addReluGraph().msg(11, seq))))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessageContaining("value 'seq'")
                .hasMessageContaining("sequence");
    }

    @Test
    void deepNestingNeverOverflowsTheStack() {
        // a type nested 3000 levels deep (sequence of sequence of ...)
        byte[] inner = Proto.message().msg(1, Proto.message().i64(1, FLOAT)).toBytes();
        for (int i = 0; i < 3000; i++) {
            inner = Proto.message()
                    .bytes(4, Proto.message().bytes(1, inner).toBytes())
                    .toBytes();
        }
        Proto value = Proto.message().str(1, "deep").bytes(2, inner);
        Throwable t = catchThrowable(
                () -> OnnxImporter.parse("deep.onnx", model(addReluGraph().msg(11, value))));
        assertThat(t)
                .isInstanceOfAny(UnsupportedFeatureException.class, ModelFormatException.class)
                .hasMessageContaining("deep");
    }

    @Test
    void nestingDepthIsLimited() {
        // unknown-but-nested content is skipped; known nesting beyond the limit is refused by the reader
        ProtoReader r = new ProtoReader("x.onnx", nested(ProtoReader.MAX_DEPTH + 5));
        Throwable t = catchThrowable(() -> descend(r));
        assertThat(t)
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("x.onnx")
                .hasMessageContaining("nested more than");
    }

    private static byte[] nested(int levels) {
        byte[] b = new byte[0];
        for (int i = 0; i < levels; i++) {
            b = Proto.message().bytes(1, b).toBytes();
        }
        return b;
    }

    private static Void descend(ProtoReader r) throws java.io.IOException {
        int tag;
        while ((tag = r.readTag()) != 0) {
            r.nested("level", OnnxImporterTest::descend);
        }
        return null;
    }

    @Test
    void missingGraphIsAFormatError() {
        byte[] bytes = Proto.message().i64(1, 8).toBytes();
        assertThatThrownBy(() -> OnnxImporter.parse("nograph.onnx", bytes))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("nograph.onnx")
                .hasMessageContaining("no graph");
    }
}
