package dev.vela.runtime.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.runtime.Model;
import dev.vela.runtime.error.ModelFormatException;
import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.OpId;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing and reading back a package: graph, weights, types, quantization, metadata; and every corruption. */
class PackageRoundTripTest {

    @TempDir
    Path dir;

    private static final Quantization PER_AXIS = Quantization.perAxis(0, new float[] {0.5f, 0.25f}, new long[] {0, 0});

    private static Graph graph() {
        Map<String, Tensor> init = new LinkedHashMap<>();
        init.put("w", Tensor.ofFloats(Shape.of(2, 3), 1, -2, 3, -4, 5, -6));
        init.put("q", Tensor.ofBytes(TensorType.quantized(DataType.INT8, Shape.of(2, 2), PER_AXIS), new byte[] {
            1, -2, 3, 127
        }));
        init.put("empty", Tensor.ofFloats(Shape.of(0, 3)));
        Attributes attrs = Attributes.builder()
                .put("i", 7L)
                .put("f", 0.5f)
                .put("s", "text")
                .put("is", 1L, 2L)
                .put("fs", 1.5f, -2f)
                .put("ss", List.of("a", "b"))
                .put("t", Tensor.ofInts(Shape.of(2), 3, 4))
                .build();
        ValueSpec x = new ValueSpec("x", DataType.FLOAT32, new long[] {ValueSpec.UNKNOWN, 3}, new String[] {"N", null});
        ValueSpec a = new ValueSpec("a", DataType.INT8, new long[] {2, 3}, null, Quantization.perTensor(0.1f, -4));
        List<GraphNode> nodes = List.of(
                new GraphNode("add", OpId.of("Add"), 14, attrs, List.of("x", "w"), List.of("y")),
                new GraphNode(
                        "custom",
                        OpId.of("com.example", "Thing"),
                        1,
                        Attributes.empty(),
                        List.of("q", ""),
                        List.of("a")));
        return new Graph(
                "g",
                List.of(x),
                List.of(
                        new ValueSpec("y", DataType.FLOAT32, new long[] {2, 3}, null),
                        new ValueSpec("a", DataType.INT8, null, null)),
                init,
                Map.of("a", a),
                nodes);
    }

    private static PackageMetadata metadata() {
        return new PackageMetadata(
                "vela test",
                "model.onnx",
                "ab12",
                Map.of("x", "image, [N,3]"),
                Map.of("passes", "fold-constants"),
                Map.of("npu", Map.of("provider", "acme", "threads", "2")));
    }

    private Path written() throws IOException {
        Path file = dir.resolve("m.vela");
        PackageWriter.write(file, graph(), metadata());
        return file;
    }

    @Test
    void roundTripKeepsGraphTypesQuantizationAttributesAndMetadata() throws IOException {
        Graph g = graph();
        VelaPackage p = PackageReader.read(written());
        Graph back = p.graph();
        assertThat(back.name()).isEqualTo("g");
        assertThat(back.inputs()).isEqualTo(g.inputs());
        assertThat(back.inputs().get(0).dimName(0)).isEqualTo("N");
        assertThat(back.outputs()).isEqualTo(g.outputs());
        assertThat(back.valueInfo()).isEqualTo(g.valueInfo());
        // tensors compare by identity, so the tensor attribute is checked by value and the rest by equality
        assertThat(back.nodes().get(1)).isEqualTo(g.nodes().get(1));
        GraphNode add = back.nodes().get(0);
        assertThat(add.attributes().getTensor("t").type()).isEqualTo(TensorType.of(DataType.INT32, Shape.of(2)));
        assertThat(add.attributes().getTensor("t").getLong(1)).isEqualTo(4);
        assertThat(new GraphNode(
                        add.name(),
                        add.op(),
                        add.opsetVersion(),
                        Attributes.builder()
                                .putAll(add.attributes())
                                .remove("t")
                                .build(),
                        add.inputs(),
                        add.outputs(),
                        add.declaredOutputs()))
                .isEqualTo(new GraphNode(
                        "add",
                        OpId.of("Add"),
                        14,
                        Attributes.builder()
                                .putAll(g.nodes().get(0).attributes())
                                .remove("t")
                                .build(),
                        List.of("x", "w"),
                        List.of("y"),
                        g.nodes().get(0).declaredOutputs()));
        assertThat(back.valueInfo().get("a").quantization()).contains(Quantization.perTensor(0.1f, -4));
        assertThat(back.initializers().keySet()).containsExactly("w", "q", "empty");
        assertThat(back.initializers().get("w").toFloatArray()).containsExactly(1, -2, 3, -4, 5, -6);
        Tensor q = back.initializers().get("q");
        assertThat(q.type()).isEqualTo(TensorType.quantized(DataType.INT8, Shape.of(2, 2), PER_AXIS));
        assertThat(q.toByteArray()).containsExactly(1, -2, 3, 127);
        assertThat(back.initializers().get("empty").elementCount()).isZero();
        assertThat(p.metadata())
                .usingRecursiveComparison()
                .ignoringFields("properties")
                .isEqualTo(metadata());
        // the custom operator the graph uses is recorded as a definition the model needs
        assertThat(p.metadata().properties())
                .containsAllEntriesOf(metadata().properties())
                .containsEntry(RequiredDefinitions.KEY, "com.example:Thing@1")
                .hasSize(metadata().properties().size() + 1);
        assertThat(p.formatMajor()).isEqualTo(VelaPackage.FORMAT_MAJOR);
    }

    @Test
    void weightsAreReadOnlyViewsOnTheMappedFileAlignedTo64Bytes() throws IOException {
        Path file = written();
        Tensor w = PackageReader.read(file).graph().initializers().get("w");
        assertThat(w.isReadOnly()).isTrue();
        assertThat(w.bytes().isDirect())
                .as("a mapped (direct) buffer, not a heap copy")
                .isTrue();
        byte[] raw = Files.readAllBytes(file);
        long weightsOffset = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getLong(32);
        assertThat(weightsOffset % 64).isZero();
        assertThat(ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getFloat((int) weightsOffset + 4))
                .isEqualTo(-2f);
    }

    @Test
    void modelLoadDetectsPackagesByMagicAndRunsThem() throws IOException {
        Graph g = new Graph(
                "g",
                List.of(new ValueSpec("x", DataType.FLOAT32, new long[] {2, 3}, null)),
                List.of(new ValueSpec("y", DataType.FLOAT32, new long[] {2, 3}, null)),
                Map.of("w", Tensor.ofFloats(Shape.of(2, 3), 1, -2, 3, -4, 5, -6)),
                Map.of(),
                List.of(new GraphNode("add", OpId.of("Add"), 14, Attributes.empty(), List.of("x", "w"), List.of("y"))));
        Path file = dir.resolve("named-anything.bin");
        PackageWriter.write(file, g, PackageMetadata.of("vela test", "m.onnx", "00"));
        Tensor x = Tensor.ofFloats(Shape.of(2, 3), 1, 1, 1, 1, 1, 1);
        for (Model m : List.of(
                Model.load(file),
                Model.fromBytes("m.vela", Files.readAllBytes(file), Partitioner.of(KernelRegistry.reference())))) {
            try (var s = m.newSession()) {
                assertThat(s.run(Map.of("x", x)).get("y").toFloatArray()).containsExactly(2, -1, 4, -3, 6, -5);
            }
        }
    }

    @Test
    void corruptGraphSectionIsACheckumErrorNamingFileAndOffset() throws IOException {
        Path file = written();
        byte[] raw = Files.readAllBytes(file);
        raw[PackageWriter.HEADER_BYTES + 3] ^= 0x40;
        Files.write(file, raw);
        assertThatThrownBy(() -> PackageReader.read(file))
                .isInstanceOf(PackageFormatException.class)
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("checksum")
                .hasMessageContaining("byte offset 48");
    }

    @Test
    void corruptWeightIsNamedWithItsByteRange() throws IOException {
        Path file = written();
        byte[] raw = Files.readAllBytes(file);
        int weightsOffset =
                (int) ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getLong(32);
        raw[weightsOffset + 64 + 1] ^= 1; // the second weight, 'q', starts at the next 64-byte boundary
        Files.write(file, raw);
        assertThatThrownBy(() -> PackageReader.read(file))
                .isInstanceOf(PackageFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("weight 'q'")
                .hasMessageContaining("bytes " + (weightsOffset + 64) + "-" + (weightsOffset + 67));
    }

    @Test
    void truncatedFilesNameTheSectionAndTheFileSize() throws IOException {
        Path file = written();
        byte[] raw = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.vela");
        Files.write(cut, java.util.Arrays.copyOf(raw, raw.length - 10));
        assertThatThrownBy(() -> PackageReader.read(cut))
                .isInstanceOf(PackageFormatException.class)
                .hasMessageContaining("cut.vela")
                .hasMessageContaining("truncated")
                .hasMessageContaining("weights section")
                .hasMessageContaining("has " + (raw.length - 10) + " bytes");
        Files.write(cut, java.util.Arrays.copyOf(raw, 20));
        assertThatThrownBy(() -> PackageReader.read(cut))
                .isInstanceOf(PackageFormatException.class)
                .hasMessageContaining("truncated")
                .hasMessageContaining("header needs 56 bytes");
    }

    @Test
    void futureFormatVersionIsRefusedByName() throws IOException {
        Path file = written();
        byte[] raw = Files.readAllBytes(file);
        raw[8] = 2;
        Files.write(file, raw);
        assertThatThrownBy(() -> PackageReader.read(file))
                .isInstanceOf(PackageFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("format version 2.0")
                .hasMessageContaining("reads format 1.x");
    }

    @Test
    void otherFilesAreNotPackages() throws IOException {
        Path file = dir.resolve("x.vela");
        Files.write(file, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> PackageReader.read(file))
                .isInstanceOf(PackageFormatException.class)
                .hasMessageContaining("not a .vela package");
        assertThat(VelaPackage.isPackage(file)).isFalse();
        assertThat(VelaPackage.isPackage(dir.resolve("missing"))).isFalse();
    }

    @Test
    void corruptLengthsInsideAValidChecksumAreCaughtByBoundsChecks() {
        SectionOut out = new SectionOut();
        out.i32(1_000_000);
        SectionIn in = new SectionIn("f.vela", ByteBuffer.wrap(out.toByteArray()), 100);
        assertThatThrownBy(in::string)
                .isInstanceOf(PackageFormatException.class)
                .hasMessageContaining("f.vela")
                .hasMessageContaining("byte offset 100");
    }
}
