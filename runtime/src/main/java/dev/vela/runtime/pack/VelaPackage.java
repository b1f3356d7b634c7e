package dev.vela.runtime.pack;

import dev.vela.runtime.graph.Graph;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@code .vela} package: a graph with its weights and metadata in one file (see {@link PackageWriter} for the
 * layout). Loaded packages keep their initializers as read-only views on the mapped file.
 *
 * @param graph the graph
 * @param metadata what the package says about itself
 * @param formatMajor the format major version the file was written with
 * @param formatMinor the format minor version the file was written with
 */
public record VelaPackage(Graph graph, PackageMetadata metadata, int formatMajor, int formatMinor) {

    /** First eight bytes of every package; the high first byte and CR LF SUB catch text-mode transfers (as PNG). */
    static final byte[] MAGIC = {(byte) 0x89, 'V', 'E', 'L', 'A', 0x0D, 0x0A, 0x1A};

    /** The format major version this runtime writes and the highest it reads. */
    public static final int FORMAT_MAJOR = 1;

    /** The format minor version this runtime writes; newer minors of the same major only add optional data. */
    public static final int FORMAT_MINOR = 0;

    /**
     * @param head the first bytes of a file (at least 8 to be recognised)
     * @return whether they start with the package magic
     */
    public static boolean hasMagic(byte[] head) {
        if (head.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param file any file
     * @return whether it starts with the package magic (false when it cannot be read: the caller reports that)
     */
    public static boolean isPackage(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return hasMagic(in.readNBytes(MAGIC.length));
        } catch (IOException e) {
            return false;
        }
    }
}
