package dev.vela.runtime.pack;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Reads a pipeline package (layout in {@link PipelineWriter}): header, version, both checksums, the manifest, then
 * every member range, its SHA-256 and the member itself as a single-model package (mapped; weights stay views).
 * Every failure is a {@link PackageFormatException} naming the file and the byte offset, manifest line or member.
 */
final class PipelineReader {

    private PipelineReader() {}

    static PipelinePackage read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new PackageFormatException(file + ": " + size + " bytes, larger than the 2 GiB a package may be");
            }
            return read(file.toString(), ch.map(FileChannel.MapMode.READ_ONLY, 0, size));
        } catch (NoSuchFileException e) {
            throw new PackageFormatException(file + ": no such file");
        }
    }

    static PipelinePackage read(String source, ByteBuffer data) {
        ByteBuffer file = data.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long size = file.remaining();
        byte[] head = new byte[PipelinePackage.MAGIC.length];
        if (size < head.length || !java.util.Arrays.equals(headOf(file, head), PipelinePackage.MAGIC)) {
            throw new PackageFormatException(
                    source + ": not a .vela pipeline package (no pipeline magic at byte offset 0)"
                            + (size >= 8 && VelaPackage.hasMagic(head) ? "; it is a single-model .vela package" : ""));
        }
        if (size < PipelineWriter.HEADER_BYTES) {
            throw new PackageFormatException(source + ": truncated: the header needs " + PipelineWriter.HEADER_BYTES
                    + " bytes but the file has " + size);
        }
        CRC32C headerCrc = new CRC32C();
        headerCrc.update(file.duplicate().position(0).limit(28));
        if ((int) headerCrc.getValue() != file.getInt(28)) {
            throw new PackageFormatException(
                    source + ": corrupt: the header (bytes 0-27) does not match its checksum at" + " byte offset 28");
        }
        int major = Short.toUnsignedInt(file.getShort(8));
        int minor = Short.toUnsignedInt(file.getShort(10));
        if (major > PipelinePackage.FORMAT_MAJOR || major == 0) {
            throw new PackageFormatException(source + ": written with pipeline format version " + major + "." + minor
                    + " (byte offset 8); this runtime reads format " + PipelinePackage.FORMAT_MAJOR
                    + ".x: use a newer runtime or pack the pipeline again");
        }
        long manifestLength = file.getLong(16);
        if (manifestLength < 0 || manifestLength > size - PipelineWriter.HEADER_BYTES) {
            throw new PackageFormatException(source + ": truncated or corrupt: the manifest (" + manifestLength
                    + " bytes, declared at byte offset 16) ends past the end of the file, which has " + size
                    + " bytes");
        }
        ByteBuffer manifestBytes = file.duplicate()
                .position(PipelineWriter.HEADER_BYTES)
                .limit((int) (PipelineWriter.HEADER_BYTES + manifestLength));
        CRC32C crc = new CRC32C();
        crc.update(manifestBytes.duplicate());
        if ((int) crc.getValue() != file.getInt(24)) {
            throw new PackageFormatException(source + ": corrupt: the manifest (bytes " + PipelineWriter.HEADER_BYTES
                    + "-" + (PipelineWriter.HEADER_BYTES + manifestLength - 1)
                    + ") does not match its checksum at byte "
                    + "offset 24");
        }
        Map<String, String> entries = manifest(source, manifestBytes);
        if (!PipelinePackage.FORMAT_VALUE.equals(entries.get(PipelinePackage.FORMAT_KEY))) {
            throw new PackageFormatException(source + ": manifest key 'format' is '" + entries.get("format")
                    + "', expected '" + PipelinePackage.FORMAT_VALUE + "'");
        }
        Map<String, String> configuration = new LinkedHashMap<>();
        Map<String, VelaPackage> members = new LinkedHashMap<>();
        List<PinnedDefinition> definitions = new ArrayList<>();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            String key = e.getKey();
            if (key.equals(PipelinePackage.FORMAT_KEY)) {
                continue;
            }
            if (key.startsWith("member.")) {
                String name = key.substring("member.".length());
                members.put(name, member(source, name, e.getValue(), file, size));
            } else if (key.startsWith("definition.")) {
                try {
                    definitions.add(PinnedDefinition.parse(e.getValue()));
                } catch (IllegalArgumentException bad) {
                    throw new PackageFormatException(source + ": manifest key '" + key + "': " + bad.getMessage());
                }
            } else {
                configuration.put(key, e.getValue());
            }
        }
        for (PinnedDefinition pin : definitions) {
            if (!members.containsKey(pin.member())) {
                throw new PackageFormatException(source + ": definition " + pin.describe() + " names model '"
                        + pin.member() + "', which is not a member of the package (members: " + members.keySet() + ")");
            }
        }
        return new PipelinePackage(source, configuration, members, definitions, major, minor);
    }

    private static byte[] headOf(ByteBuffer file, byte[] head) {
        if (file.remaining() >= head.length) {
            file.duplicate().get(head);
        }
        return head;
    }

    /** The manifest's lines in file order; {@link java.util.Properties} parses each so escapes mean what they mean there. */
    private static Map<String, String> manifest(String source, ByteBuffer bytes) {
        String text;
        try {
            CharBuffer chars = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes.duplicate());
            text = chars.toString();
        } catch (CharacterCodingException e) {
            throw new PackageFormatException(source + ": corrupt: the manifest is not UTF-8 text");
        }
        Map<String, String> entries = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            java.util.Properties one = new java.util.Properties();
            try {
                one.load(new StringReader(line));
            } catch (IOException | IllegalArgumentException e) {
                throw new PackageFormatException(source + ": manifest line " + (i + 1) + " is malformed: " + line);
            }
            if (one.size() != 1 || one.stringPropertyNames().iterator().next().isEmpty()) {
                throw new PackageFormatException(
                        source + ": manifest line " + (i + 1) + " is not 'key = value': " + line);
            }
            String key = one.stringPropertyNames().iterator().next();
            if (entries.put(key, one.getProperty(key).strip()) != null) {
                throw new PackageFormatException(
                        source + ": manifest line " + (i + 1) + ": key '" + key + "' appears twice");
            }
        }
        return entries;
    }

    private static VelaPackage member(String source, String name, String entry, ByteBuffer file, long size) {
        String[] f = entry.trim().split("\\s+");
        long offset;
        long length;
        try {
            if (f.length != 3 || !f[2].matches("[0-9a-f]{64}")) {
                throw new NumberFormatException();
            }
            offset = Long.parseLong(f[0]);
            length = Long.parseLong(f[1]);
        } catch (NumberFormatException e) {
            throw new PackageFormatException(source + ": manifest key 'member." + name + "' is '" + entry
                    + "', expected 'OFFSET LENGTH SHA256'");
        }
        if (offset < PipelineWriter.HEADER_BYTES || length <= 0 || offset > size || length > size - offset) {
            throw new PackageFormatException(source + ": truncated or corrupt: model '" + name + "' (bytes " + offset
                    + " to " + (offset + length) + ") lies outside the file, which has " + size + " bytes");
        }
        ByteBuffer bytes = file.duplicate()
                .position((int) offset)
                .limit((int) (offset + length))
                .slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        if (!PipelineWriter.sha256(bytes).equals(f[2])) {
            throw new PackageFormatException(source + ": corrupt: model '" + name + "' (bytes " + offset + "-"
                    + (offset + length - 1) + ") does not match its SHA-256 in the manifest");
        }
        return PackageReader.read(source + "!" + name, bytes);
    }
}
