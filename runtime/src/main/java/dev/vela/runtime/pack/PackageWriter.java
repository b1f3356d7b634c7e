package dev.vela.runtime.pack;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.partition.DefinedOperators;
import dev.vela.spi.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Writes a {@code .vela} package. Layout (all numbers little-endian):
 *
 * <pre>
 * offset 0   magic  89 'V' 'E' 'L' 'A' 0D 0A 1A
 *        8   u16 format major, u16 format minor, u32 flags (0)
 *        16  u64 graph section offset, u64 graph section length
 *        32  u64 weights section offset, u64 weights section length
 *        48  u32 CRC32C of bytes 0..47 followed by the graph section, u32 reserved (0)
 *        56  graph section: metadata, inputs, outputs, value declarations, initializer table, nodes
 *        ... zero padding to a 64-byte boundary
 *            weights section: each initializer's raw little-endian bytes at a 64-byte aligned offset
 * </pre>
 *
 * The initializer table gives each weight's name, type (element type, shape, per-value quantization), offset within
 * the weights section, length and its own CRC32C, so a reader maps the weights without copying and still detects a
 * damaged one, naming it.
 */
public final class PackageWriter {

    static final int HEADER_BYTES = 56;
    static final int ALIGNMENT = 64;

    private PackageWriter() {}

    /**
     * @param file where to write (replaced if present)
     * @param graph the graph
     * @param metadata the metadata
     * @return the number of bytes written
     * @throws IOException when the file cannot be written
     */
    public static long write(Path file, Graph graph, PackageMetadata metadata) throws IOException {
        return write(file, graph, metadata, DefinedOperators.none());
    }

    /**
     * As {@link #write(Path, Graph, PackageMetadata)}, also pinning the schema of each custom operator's definition
     * ({@link RequiredDefinitions#SCHEMA_PREFIX}).
     *
     * @param file where to write (replaced if present)
     * @param graph the graph
     * @param metadata the metadata
     * @param defined the definitions the admitted providers contribute
     * @return the number of bytes written
     * @throws IOException when the file cannot be written
     */
    public static long write(Path file, Graph graph, PackageMetadata metadata, DefinedOperators defined)
            throws IOException {
        metadata = RequiredDefinitions.record(graph, metadata, defined);
        List<Tensor> weights = new ArrayList<>(graph.initializers().values());
        long[] offsets = new long[weights.size()];
        long weightsLength = 0;
        for (int i = 0; i < weights.size(); i++) {
            offsets[i] = weightsLength;
            weightsLength = align(weightsLength + weights.get(i).type().byteSize());
        }
        byte[] section = graphSection(graph, metadata, weights, offsets);
        long weightsOffset = align(HEADER_BYTES + (long) section.length);
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(VelaPackage.MAGIC)
                .putShort((short) VelaPackage.FORMAT_MAJOR)
                .putShort((short) VelaPackage.FORMAT_MINOR)
                .putInt(0)
                .putLong(HEADER_BYTES)
                .putLong(section.length)
                .putLong(weightsOffset)
                .putLong(weightsLength);
        CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, 48);
        crc.update(section);
        header.putInt((int) crc.getValue()).putInt(0).flip();
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(ch, header);
            writeFully(ch, ByteBuffer.wrap(section));
            for (int i = 0; i < weights.size(); i++) {
                ch.position(weightsOffset + offsets[i]);
                writeFully(ch, weights.get(i).bytes());
            }
            long end = weightsOffset + weightsLength;
            if (ch.size() < end) {
                ch.position(end - 1);
                writeFully(ch, ByteBuffer.wrap(new byte[1]));
            }
            return ch.size();
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    static long align(long n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    private static byte[] graphSection(Graph graph, PackageMetadata meta, List<Tensor> weights, long[] offsets) {
        SectionOut out = new SectionOut();
        out.string(meta.producer());
        out.string(meta.sourceName());
        out.string(meta.sourceSha256());
        writeMap(out, meta.descriptions());
        writeMap(out, meta.properties());
        out.i32(meta.configurations().size());
        meta.configurations().forEach((name, settings) -> {
            out.string(name);
            writeMap(out, settings);
        });
        out.string(graph.name());
        writeSpecs(out, graph.inputs());
        writeSpecs(out, graph.outputs());
        writeSpecs(out, List.copyOf(graph.valueInfo().values()));
        List<String> names = List.copyOf(graph.initializers().keySet());
        out.i32(weights.size());
        for (int i = 0; i < weights.size(); i++) {
            Tensor t = weights.get(i);
            out.string(names.get(i));
            ValueCodec.writeType(out, t.type());
            out.i64(offsets[i]);
            out.i64(t.type().byteSize());
            CRC32C crc = new CRC32C();
            crc.update(t.bytes());
            out.i32((int) crc.getValue());
        }
        out.i32(graph.nodes().size());
        for (GraphNode n : graph.nodes()) {
            out.string(n.name());
            out.string(n.op().domain());
            out.string(n.op().name());
            out.i32(n.opsetVersion());
            ValueCodec.writeAttributes(out, n.attributes());
            writeStrings(out, n.inputs());
            writeStrings(out, n.outputs());
            writeSpecs(out, n.declaredOutputs());
        }
        return out.toByteArray();
    }

    private static void writeMap(SectionOut out, Map<String, String> map) {
        out.i32(map.size());
        map.forEach((k, v) -> {
            out.string(k);
            out.string(v);
        });
    }

    private static void writeSpecs(SectionOut out, List<ValueSpec> specs) {
        out.i32(specs.size());
        specs.forEach(s -> ValueCodec.writeSpec(out, s));
    }

    private static void writeStrings(SectionOut out, List<String> strings) {
        out.i32(strings.size());
        strings.forEach(out::string);
    }
}
