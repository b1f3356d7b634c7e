package dev.vela.runtime.plugin;

import dev.vela.spi.admission.JarImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The entries of a verified {@link JarImage}, read from its bytes in memory: the central directory (as
 * {@code JarFile} reads it, so the runtime sees the same entries as the gate did) with each entry's data
 * checked against its local header, its declared size and its CRC-32. Anything a well-formed jar does not
 * contain is refused with an error naming the jar: ZIP64, encryption, compression methods other than stored and
 * deflated, duplicate names, data outside the file.
 */
final class JarEntries {

    private static final int END_SIGNATURE = 0x06054b50;
    private static final int CENTRAL_SIGNATURE = 0x02014b50;
    private static final int LOCAL_SIGNATURE = 0x04034b50;
    private static final int END_SIZE = 22;
    private static final int CENTRAL_SIZE = 46;
    private static final int LOCAL_SIZE = 30;
    private static final int STORED = 0;
    private static final int DEFLATED = 8;
    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    /** One file or directory of the jar. */
    record Entry(String name, int method, int dataOffset, int compressedSize, int size, int crc, long time) {
        boolean isDirectory() {
            return name.endsWith("/");
        }
    }

    private final JarImage image;
    private final ByteBuffer data;
    private final Map<String, Entry> entries;
    private final Manifest manifest;
    private final boolean multiRelease;

    private JarEntries(JarImage image, ByteBuffer data, Map<String, Entry> entries) throws IOException {
        this.image = image;
        this.data = data;
        this.entries = entries;
        Entry m = entries.get(MANIFEST);
        if (m == null) {
            manifest = null;
        } else {
            try (InputStream in = open(m)) {
                manifest = new Manifest(in);
            }
        }
        multiRelease = manifest != null
                && "true".equalsIgnoreCase(manifest.getMainAttributes().getValue(Attributes.Name.MULTI_RELEASE));
    }

    /**
     * @param image a verified jar image
     * @return its entries
     * @throws IOException naming the jar when it is not a well-formed jar
     */
    static JarEntries of(JarImage image) throws IOException {
        ByteBuffer data = image.bytes().order(ByteOrder.LITTLE_ENDIAN);
        try {
            return new JarEntries(image, data, readCentralDirectory(data));
        } catch (MalformedJar e) {
            throw new IOException(image.source() + " is not a well-formed jar: " + e.getMessage(), e);
        }
    }

    /** A structural problem of the zip format. */
    private static final class MalformedJar extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedJar(String message) {
            super(message);
        }
    }

    private static Map<String, Entry> readCentralDirectory(ByteBuffer data) throws MalformedJar {
        int end = findEnd(data);
        if (u16(data, end + 4) != 0 || u16(data, end + 6) != 0 || u16(data, end + 8) != u16(data, end + 10)) {
            throw new MalformedJar("multi-disk archives are not supported");
        }
        int count = u16(data, end + 10);
        long directorySize = u32(data, end + 12);
        long directoryOffset = u32(data, end + 16);
        if (count == 0xFFFF || directorySize == 0xFFFFFFFFL || directoryOffset == 0xFFFFFFFFL) {
            throw new MalformedJar("ZIP64 archives are not supported");
        }
        if (directoryOffset + directorySize > end) {
            throw new MalformedJar("the central directory lies outside the file");
        }
        int directoryEnd = (int) (directoryOffset + directorySize);
        Map<String, Entry> entries = new HashMap<>();
        int p = (int) directoryOffset;
        for (int i = 0; i < count; i++) {
            if (p + CENTRAL_SIZE > directoryEnd || data.getInt(p) != CENTRAL_SIGNATURE) {
                throw new MalformedJar("central directory entry " + i + " is damaged");
            }
            int flags = u16(data, p + 8);
            int method = u16(data, p + 10);
            long time = dosTime(u16(data, p + 14), u16(data, p + 12));
            int crc = data.getInt(p + 16);
            long compressed = u32(data, p + 20);
            long size = u32(data, p + 24);
            int nameLength = u16(data, p + 28);
            int next = p + CENTRAL_SIZE + nameLength + u16(data, p + 30) + u16(data, p + 32);
            long local = u32(data, p + 42);
            if (next > directoryEnd) {
                throw new MalformedJar("central directory entry " + i + " runs past the directory");
            }
            String name = name(data, p + CENTRAL_SIZE, nameLength, i);
            if ((flags & 1) != 0) {
                throw new MalformedJar("entry " + name + " is encrypted");
            }
            if (method != STORED && method != DEFLATED) {
                throw new MalformedJar("entry " + name + " uses compression method " + method
                        + " (only stored and deflated are supported)");
            }
            if (compressed == 0xFFFFFFFFL || size == 0xFFFFFFFFL || local == 0xFFFFFFFFL || size > Integer.MAX_VALUE) {
                throw new MalformedJar("entry " + name + " needs ZIP64, which is not supported");
            }
            if (method == STORED && compressed != size) {
                throw new MalformedJar("stored entry " + name + " has different compressed and uncompressed sizes");
            }
            int dataOffset = localData(
                    data, (int) Math.min(local, Integer.MAX_VALUE), name, nameLength, p, (int) directoryOffset);
            if (dataOffset + compressed > directoryOffset) {
                throw new MalformedJar("the data of entry " + name + " runs into the central directory");
            }
            if (entries.put(name, new Entry(name, method, dataOffset, (int) compressed, (int) size, crc, time))
                    != null) {
                throw new MalformedJar("entry " + name + " appears twice");
            }
            p = next;
        }
        return entries;
    }

    /** The end-of-central-directory record: the last one whose comment ends exactly at the end of the file. */
    private static int findEnd(ByteBuffer data) throws MalformedJar {
        int length = data.limit();
        int lowest = Math.max(0, length - END_SIZE - 0xFFFF);
        for (int i = length - END_SIZE; i >= lowest; i--) {
            if (data.getInt(i) == END_SIGNATURE && i + END_SIZE + u16(data, i + 20) == length) {
                return i;
            }
        }
        throw new MalformedJar("no end of central directory record (not a zip file, or truncated)");
    }

    /** Checks the local header against the central directory's entry and returns where the data begins. */
    private static int localData(
            ByteBuffer data, int local, String name, int nameLength, int central, int directoryOffset)
            throws MalformedJar {
        if (local + LOCAL_SIZE > directoryOffset || data.getInt(local) != LOCAL_SIGNATURE) {
            throw new MalformedJar("the local header of entry " + name + " is missing or damaged");
        }
        int localNameLength = u16(data, local + 26);
        if (localNameLength != nameLength
                || !data.slice(local + LOCAL_SIZE, nameLength).equals(data.slice(central + CENTRAL_SIZE, nameLength))) {
            throw new MalformedJar("the local header of entry " + name + " names another entry");
        }
        return local + LOCAL_SIZE + localNameLength + u16(data, local + 28);
    }

    private static String name(ByteBuffer data, int offset, int length, int index) throws MalformedJar {
        try {
            CharBuffer chars = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(data.slice(offset, length));
            String name = chars.toString();
            if (name.isEmpty()) {
                throw new MalformedJar("entry " + index + " has an empty name");
            }
            return name;
        } catch (CharacterCodingException e) {
            throw new MalformedJar("entry " + index + " has a name that is not UTF-8");
        }
    }

    private static long dosTime(int date, int time) {
        try {
            return LocalDateTime.of(
                            1980 + (date >> 9),
                            (date >> 5) & 0xf,
                            date & 0x1f,
                            time >> 11,
                            (time >> 5) & 0x3f,
                            Math.min(59, (time & 0x1f) * 2))
                    .atZone(ZoneId.systemDefault())
                    .toInstant()
                    .toEpochMilli();
        } catch (DateTimeException e) {
            return 0;
        }
    }

    private static int u16(ByteBuffer data, int offset) throws MalformedJar {
        if (offset < 0 || offset + 2 > data.limit()) {
            throw new MalformedJar("a header runs past the end of the file");
        }
        return Short.toUnsignedInt(data.getShort(offset));
    }

    private static long u32(ByteBuffer data, int offset) throws MalformedJar {
        if (offset < 0 || offset + 4 > data.limit()) {
            throw new MalformedJar("a header runs past the end of the file");
        }
        return Integer.toUnsignedLong(data.getInt(offset));
    }

    /** @return the image these entries were read from */
    JarImage image() {
        return image;
    }

    /** @return the manifest, if the jar has one */
    Optional<Manifest> manifest() {
        return Optional.ofNullable(manifest);
    }

    /**
     * Looks up an entry as {@code JarFile} does for a class loader: in a multi-release jar the newest version
     * of the name up to the running Java's, and a directory also by its name without the final slash.
     *
     * @param name a resource name
     * @return the entry
     */
    Optional<Entry> find(String name) {
        if (multiRelease && !name.startsWith("META-INF/")) {
            for (int v = Runtime.version().feature(); v >= 9; v--) {
                Entry versioned = entries.get("META-INF/versions/" + v + "/" + name);
                if (versioned != null) {
                    return Optional.of(versioned);
                }
            }
        }
        Entry e = entries.get(name);
        return Optional.ofNullable(e != null ? e : name.endsWith("/") ? null : entries.get(name + "/"));
    }

    /** @return every entry name, sorted */
    List<String> names() {
        return entries.keySet().stream().sorted().toList();
    }

    /**
     * @param entry an entry of this jar
     * @param max the largest size accepted
     * @return its content
     * @throws IOException naming the jar and entry when it is larger than {@code max} or damaged
     */
    byte[] read(Entry entry, int max) throws IOException {
        if (entry.size() > max) {
            throw new IOException(image.source() + "!/" + entry.name() + " is " + entry.size() + " bytes, over the "
                    + max + " bytes accepted");
        }
        try (InputStream in = open(entry)) {
            return in.readNBytes(entry.size());
        }
    }

    /**
     * @param entry an entry of this jar
     * @return a stream of its content that checks the declared size and CRC-32
     */
    InputStream open(Entry entry) {
        return new EntryStream(entry);
    }

    /** An entry's data, inflated if need be, refused if it does not match its declared size and CRC-32. */
    private final class EntryStream extends InputStream {
        private final Entry entry;
        private final Inflater inflater;
        private final ByteBuffer stored;
        private final CRC32 crc = new CRC32();
        private int remaining;

        EntryStream(Entry entry) {
            this.entry = entry;
            this.remaining = entry.size();
            ByteBuffer raw = data.slice(entry.dataOffset(), entry.compressedSize());
            if (entry.method() == DEFLATED) {
                inflater = new Inflater(true);
                inflater.setInput(raw);
                stored = null;
            } else {
                inflater = null;
                stored = raw;
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (remaining == 0) {
                return -1;
            }
            int want = Math.min(len, remaining);
            int n;
            if (inflater == null) {
                stored.get(b, off, want);
                n = want;
            } else {
                try {
                    n = inflater.inflate(b, off, want);
                } catch (DataFormatException e) {
                    throw damaged("its compressed data is corrupt (" + e.getMessage() + ")");
                }
                if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    throw damaged("it inflates to fewer bytes than its declared " + entry.size());
                }
            }
            crc.update(b, off, n);
            remaining -= n;
            if (remaining == 0 && (int) crc.getValue() != entry.crc()) {
                throw damaged("its CRC-32 does not match");
            }
            return n;
        }

        @Override
        public int available() {
            return inflater == null ? remaining : 0;
        }

        private IOException damaged(String why) {
            return new IOException(image.source() + "!/" + entry.name() + " is damaged: " + why);
        }

        @Override
        public void close() {
            if (inflater != null) {
                inflater.end();
            }
        }
    }
}
