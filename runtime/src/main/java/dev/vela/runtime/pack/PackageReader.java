package dev.vela.runtime.pack;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.InvalidGraphException;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.validate.GraphValidator;
import dev.vela.spi.OpId;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Reads a {@code .vela} package (layout in {@link PackageWriter}). A file is mapped read-only and every initializer is
 * a {@link Tensor#wrap} view on the mapping: weights are never copied. The header and graph section checksum and
 * each weight's checksum are verified before the graph is returned; every failure names the file and the byte offset.
 */
public final class PackageReader {

    private PackageReader() {}

    /**
     * @param file a {@code .vela} file
     * @return the package, its initializers views on the mapped file
     * @throws PackageFormatException when the file is not a package, corrupt, truncated or of a newer format
     * @throws IOException when the file cannot be read
     */
    public static VelaPackage read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new PackageFormatException(file + ": " + size + " bytes, larger than the 2 GiB a package may be");
            }
            // the mapping stays valid after the channel is closed
            ByteBuffer mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return read(file.toString(), mapped);
        } catch (NoSuchFileException e) {
            throw new PackageFormatException(file + ": no such file");
        }
    }

    /**
     * @param source the name used in messages
     * @param data the whole file, from its position; initializers become read-only views on it
     * @return the package
     * @throws PackageFormatException when the data is not a package, corrupt, truncated or of a newer format
     */
    public static VelaPackage read(String source, ByteBuffer data) {
        ByteBuffer file =
                data.slice().order(ByteOrder.LITTLE_ENDIAN).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long size = file.remaining();
        if (size < VelaPackage.MAGIC.length || !VelaPackage.hasMagic(head(file))) {
            throw new PackageFormatException(source + ": not a .vela package (no package magic at byte offset 0)");
        }
        if (size < PackageWriter.HEADER_BYTES) {
            throw new PackageFormatException(source + ": truncated: the header needs " + PackageWriter.HEADER_BYTES
                    + " bytes but the file has " + size);
        }
        int major = Short.toUnsignedInt(file.getShort(8));
        int minor = Short.toUnsignedInt(file.getShort(10));
        if (major > VelaPackage.FORMAT_MAJOR || major == 0) {
            throw new PackageFormatException(source + ": written with package format version " + major + "." + minor
                    + " (byte offset 8); this runtime reads format " + VelaPackage.FORMAT_MAJOR
                    + ".x: use a newer runtime or convert the model again");
        }
        long graphOffset = file.getLong(16);
        long graphLength = file.getLong(24);
        long weightsOffset = file.getLong(32);
        long weightsLength = file.getLong(40);
        checkRange(source, "graph section", graphOffset, graphLength, size, 16);
        checkRange(source, "weights section", weightsOffset, weightsLength, size, 32);
        CRC32C crc = new CRC32C();
        crc.update(file.duplicate().position(0).limit(48));
        crc.update(file.duplicate().position((int) graphOffset).limit((int) (graphOffset + graphLength)));
        int stored = file.getInt(48);
        if ((int) crc.getValue() != stored) {
            throw new PackageFormatException(source + ": corrupt: checksum of the header and graph section (bytes 0-47 "
                    + "and " + graphOffset + "-" + (graphOffset + graphLength - 1)
                    + ") does not match the one stored at "
                    + "byte offset 48");
        }
        ByteBuffer weights = file.duplicate()
                .position((int) weightsOffset)
                .limit((int) (weightsOffset + weightsLength))
                .slice();
        SectionIn in = new SectionIn(
                source,
                file.duplicate().position((int) graphOffset).limit((int) (graphOffset + graphLength)),
                graphOffset);
        return decode(source, in, weights, weightsOffset, major, minor);
    }

    private static byte[] head(ByteBuffer file) {
        byte[] head = new byte[VelaPackage.MAGIC.length];
        file.duplicate().get(head);
        return head;
    }

    private static void checkRange(String source, String what, long offset, long length, long size, int field) {
        if (offset < PackageWriter.HEADER_BYTES || length < 0 || offset > size || length > size - offset) {
            throw new PackageFormatException(source + ": truncated or corrupt: the " + what + " (bytes " + offset
                    + " to " + (offset + length) + ", declared at byte offset " + field + ") ends past the end of the "
                    + "file, which has " + size + " bytes");
        }
    }

    private static VelaPackage decode(
            String source, SectionIn in, ByteBuffer weights, long weightsOffset, int major, int minor) {
        String producer = in.string();
        String sourceName = in.string();
        String hash = in.string();
        Map<String, String> descriptions = readMap(in);
        Map<String, String> properties = readMap(in);
        int configs = in.count("configuration", 8);
        Map<String, Map<String, String>> configurations = new LinkedHashMap<>();
        for (int i = 0; i < configs; i++) {
            configurations.put(in.string(), readMap(in));
        }
        PackageMetadata meta =
                new PackageMetadata(producer, sourceName, hash, descriptions, properties, configurations);
        String graphName = in.string();
        List<ValueSpec> inputs = readSpecs(in);
        List<ValueSpec> outputs = readSpecs(in);
        Map<String, ValueSpec> valueInfo = new LinkedHashMap<>();
        for (ValueSpec v : readSpecs(in)) {
            valueInfo.put(v.name(), v);
        }
        Map<String, Tensor> initializers = new LinkedHashMap<>();
        int count = in.count("initializer", 24);
        for (int i = 0; i < count; i++) {
            String name = in.string();
            TensorType type = ValueCodec.readType(in);
            long offset = in.i64();
            long length = in.i64();
            int stored = in.i32();
            if (length != type.byteSize()
                    || offset < 0
                    || offset > weights.capacity()
                    || length > weights.capacity() - offset) {
                throw in.error("corrupt entry of weight '" + name + "' (" + type + ", " + length + " bytes at weights "
                        + "offset " + offset + ", the weights section has " + weights.capacity() + ")");
            }
            ByteBuffer bytes = weights.duplicate().position((int) offset).limit((int) (offset + length));
            CRC32C crc = new CRC32C();
            crc.update(bytes.duplicate());
            if ((int) crc.getValue() != stored) {
                throw new PackageFormatException(source + ": corrupt: weight '" + name + "' (bytes "
                        + (weightsOffset + offset) + "-" + (weightsOffset + offset + length - 1)
                        + ") does not match its checksum");
            }
            initializers.put(name, Tensor.wrap(type, bytes));
        }
        int nodeCount = in.count("node", 20);
        List<GraphNode> nodes = new ArrayList<>(nodeCount);
        for (int i = 0; i < nodeCount; i++) {
            String name = in.string();
            String domain = in.string();
            String op = in.string();
            int opset = in.i32();
            nodes.add(new GraphNode(
                    name,
                    OpId.of(domain, op),
                    opset,
                    ValueCodec.readAttributes(in),
                    readStrings(in),
                    readStrings(in),
                    readSpecs(in)));
        }
        if (!in.atEnd() && minor <= VelaPackage.FORMAT_MINOR) {
            throw in.error("corrupt graph section: unexpected data after the last node");
        }
        try {
            Graph graph = new Graph(graphName, inputs, outputs, initializers, valueInfo, nodes);
            GraphValidator.check(source, graph);
            return new VelaPackage(graph, meta, major, minor);
        } catch (InvalidGraphException | IllegalArgumentException e) {
            throw new PackageFormatException(source + ": corrupt graph: " + e.getMessage());
        }
    }

    private static Map<String, String> readMap(SectionIn in) {
        int n = in.count("map entry", 8);
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(in.string(), in.string());
        }
        return map;
    }

    private static List<ValueSpec> readSpecs(SectionIn in) {
        int n = in.count("value", 10);
        List<ValueSpec> specs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            specs.add(ValueCodec.readSpec(in));
        }
        return specs;
    }

    private static List<String> readStrings(SectionIn in) {
        int n = in.count("name", 4);
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(in.string());
        }
        return names;
    }
}
