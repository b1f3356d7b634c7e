package dev.vela.spi.admission;

import dev.vela.spi.API;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A plugin jar read once into memory, with the SHA-256 of exactly those bytes (docs/architecture.md D16:
 * verify, then load). Admission hashes and verifies an image, and a runtime defines the plugin's classes
 * from the same image, so nothing that changes the file afterwards (a rewrite, a swapped symbolic link)
 * can change what runs. The bytes are never handed out writable.
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public final class JarImage {

    /** The default bound on a jar's size, 256 MiB: the image is held in memory while the plugin is loaded. */
    public static final long DEFAULT_MAX_BYTES = 256L << 20;

    private final Path source;
    private final byte[] bytes;
    private final String sha256;

    private JarImage(Path source, byte[] bytes) {
        this.source = source;
        this.bytes = bytes;
        this.sha256 = sha256Hex(bytes);
    }

    /**
     * Reads a jar once (following a symbolic link once, at the time of reading).
     *
     * @param file the jar
     * @param maxBytes the largest size accepted
     * @return its image
     * @throws IOException naming the file when it cannot be read, is not a regular file, or is larger than
     *     {@code maxBytes}
     */
    public static JarImage read(Path file, long maxBytes) throws IOException {
        if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "maxBytes must be in 1.." + (Integer.MAX_VALUE - 8) + ", got " + maxBytes);
        }
        // checked before opening: opening a FIFO or a device would block or never end
        if (!Files.isRegularFile(file)) {
            throw new IOException("jar " + file + " is not a regular file");
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            if (size > maxBytes) {
                throw new TooLarge(file, size, maxBytes);
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer) < 0) {
                    throw new IOException("jar " + file + " shrank while it was read (" + buffer.position() + " of "
                            + size + " bytes)");
                }
            }
            // a file that grows while it is read is a file being rewritten: refuse rather than hash a mixture
            if (channel.read(ByteBuffer.allocate(1)) > 0) {
                throw new IOException("jar " + file + " grew while it was read");
            }
            return new JarImage(file, buffer.array());
        }
    }

    /**
     * @param source names the image in messages
     * @param content the jar's bytes (copied)
     * @return an image of those bytes
     */
    public static JarImage of(Path source, byte[] content) {
        return new JarImage(Objects.requireNonNull(source, "source"), content.clone());
    }

    /** Says that a jar is larger than the admission bound. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(Path file, long size, long max) {
            super("jar " + file + " is " + size + " bytes, over the limit of " + max + " bytes a plugin jar may have");
        }
    }

    /** @return the file the image was read from (for messages; never read again) */
    public Path source() {
        return source;
    }

    /** @return the image's size in bytes */
    public int size() {
        return bytes.length;
    }

    /** @return SHA-256 of the image, lower-case hex */
    public String sha256() {
        return sha256;
    }

    /** @return a read-only view of the bytes */
    public ByteBuffer bytes() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /** @return a stream over the bytes */
    public InputStream newInputStream() {
        return new ByteArrayInputStream(bytes);
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "JarImage(" + source + ", " + bytes.length + " bytes, SHA-256 " + sha256 + ")";
    }
}
