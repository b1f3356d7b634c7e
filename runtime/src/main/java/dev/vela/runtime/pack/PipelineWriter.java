package dev.vela.runtime.pack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Writes a pipeline package. Layout (numbers little-endian):
 *
 * <pre>
 * offset 0   magic  89 'V' 'P' 'I' 'P' 0D 0A 1A
 *        8   u16 format major, u16 format minor, u32 flags (0)
 *        16  u64 manifest length
 *        24  u32 CRC32C of the manifest, u32 CRC32C of bytes 0..23
 *        32  u64 reserved (0)
 *        40  manifest: UTF-8 lines "key = value"; first "format = vela-pipeline/1", then the configuration, then
 *            "member.NAME = OFFSET LENGTH SHA256" per member and "definition.N = domain:name vV schema SHA256 in NAME"
 *            per pinned custom-operator definition
 *        ... each member, a complete single-model .vela package, at a 64-byte aligned offset
 * </pre>
 *
 * Members are aligned so a reader maps them and keeps their weights as views, as for a single package.
 */
public final class PipelineWriter {

    static final int HEADER_BYTES = 40;

    private PipelineWriter() {}

    /**
     * @param file where to write (replaced if present)
     * @param configuration the pipeline's keys (no {@code format}, {@code member.*} or {@code definition.*} keys)
     * @param members each member's complete {@code .vela} bytes, by name (letters, digits, '_', '-')
     * @param definitions the custom-operator definitions the members need
     * @return the number of bytes written
     * @throws IOException when the file cannot be written
     * @throws IllegalArgumentException when a key, value or member name cannot be stored, or a member is not a package
     */
    public static long write(
            Path file,
            Map<String, String> configuration,
            Map<String, byte[]> members,
            List<PinnedDefinition> definitions)
            throws IOException {
        Map<String, String> manifest = new LinkedHashMap<>();
        manifest.put(PipelinePackage.FORMAT_KEY, PipelinePackage.FORMAT_VALUE);
        configuration.forEach((k, v) -> {
            if (k.equals(PipelinePackage.FORMAT_KEY) || k.startsWith("member.") || k.startsWith("definition.")) {
                throw new IllegalArgumentException("configuration key '" + k + "' is reserved by the package format");
            }
            manifest.put(checked("key", k), checked("value of '" + k + "'", v));
        });
        // member offsets depend on the manifest's length, which depends on the offsets: fixed-width numbers break the
        // loop
        long[] lengths = new long[members.size()];
        String[] hashes = new String[members.size()];
        int i = 0;
        for (Map.Entry<String, byte[]> m : members.entrySet()) {
            if (!m.getKey().matches("[A-Za-z0-9_-]{1,64}")) {
                throw new IllegalArgumentException(
                        "member name '" + m.getKey() + "': use 1-64 letters, digits, '_', '-'");
            }
            if (!VelaPackage.hasMagic(m.getValue())) {
                throw new IllegalArgumentException("member '" + m.getKey() + "' is not a .vela package");
            }
            lengths[i] = m.getValue().length;
            hashes[i++] = sha256(m.getValue());
        }
        int placeholderBytes =
                manifestBytes(manifest, members, new long[members.size()], lengths, hashes, definitions).length;
        long offset = PackageWriter.align(HEADER_BYTES + (long) placeholderBytes);
        long[] offsets = new long[members.size()];
        for (int k = 0; k < offsets.length; k++) {
            offsets[k] = offset;
            offset = PackageWriter.align(offset + lengths[k]);
        }
        byte[] text = manifestBytes(manifest, members, offsets, lengths, hashes, definitions);
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(PipelinePackage.MAGIC)
                .putShort((short) PipelinePackage.FORMAT_MAJOR)
                .putShort((short) PipelinePackage.FORMAT_MINOR)
                .putInt(0)
                .putLong(text.length);
        CRC32C crc = new CRC32C();
        crc.update(text);
        header.putInt((int) crc.getValue());
        CRC32C headerCrc = new CRC32C();
        headerCrc.update(header.array(), 0, 28);
        header.putInt((int) headerCrc.getValue()).putLong(0).flip();
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(ch, header);
            writeFully(ch, ByteBuffer.wrap(text));
            int k = 0;
            for (byte[] member : members.values()) {
                ch.position(offsets[k++]);
                writeFully(ch, ByteBuffer.wrap(member));
            }
            return ch.size();
        }
    }

    private static byte[] manifestBytes(
            Map<String, String> manifest,
            Map<String, byte[]> members,
            long[] offsets,
            long[] lengths,
            String[] hashes,
            List<PinnedDefinition> definitions) {
        StringBuilder sb = new StringBuilder();
        manifest.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        int k = 0;
        for (String name : members.keySet()) {
            sb.append("member.")
                    .append(name)
                    .append(" = ")
                    .append(String.format("%012d %012d ", offsets[k], lengths[k]))
                    .append(hashes[k])
                    .append('\n');
            k++;
        }
        for (int d = 0; d < definitions.size(); d++) {
            PinnedDefinition pin = definitions.get(d);
            if (!members.containsKey(pin.member())) {
                throw new IllegalArgumentException("definition " + pin.describe() + " names member '" + pin.member()
                        + "', which is not in the package");
            }
            sb.append("definition.")
                    .append(d)
                    .append(" = ")
                    .append(pin.manifestText())
                    .append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Keys and values are single-line text that {@link java.util.Properties} reads back unchanged. */
    private static String checked(String what, String s) {
        if (s.isBlank()
                || s.chars().anyMatch(c -> c == '\n' || c == '\r' || c == '\\')
                || !s.strip().equals(s)
                || what.equals("key")
                        && s.chars().anyMatch(c -> c == '=' || c == ':' || c == ' ' || c == '#' || c == '!')) {
            throw new IllegalArgumentException(what + " '" + s + "' cannot be stored: one line of text, no backslash,"
                    + " no leading or trailing blanks (keys: no blanks, '=', ':', '#', '!')");
        }
        return s;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static String sha256(ByteBuffer data) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(data.duplicate());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }
}
