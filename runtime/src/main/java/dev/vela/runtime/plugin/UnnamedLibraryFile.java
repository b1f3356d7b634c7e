package dev.vela.runtime.plugin;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A copy of verified bytes in a file that has no name, held open by the runtime and loaded through
 * {@code /proc/<pid>/fd/<n>} (Linux only). The file is created exclusively in a fresh directory only its owner can
 * enter, written, made read-only, unlinked together with its directory, and only then checked: its size and
 * SHA-256, read back through the descriptor the runtime keeps, must be those of the verified bytes. From then on no
 * name leads to it, so nothing can replace it before the dynamic linker maps it; the only way in is this process's
 * descriptor (see runtime/README.md for what a process of the same user can still do). {@link #ofDescriptor} holds
 * and checks the same way a file made without any name ({@link SealedMemoryFiles}).
 *
 * <p>The descriptor stays open as long as the library may be loaded: the JDK and the dynamic linker know a library
 * by the path it was loaded from, and {@code /proc/<pid>/fd/<n>} names another file as soon as {@code n} is reused.
 */
final class UnnamedLibraryFile implements AutoCloseable {

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_READ_WRITE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final Set<PosixFilePermission> OWNER_READ_ONLY = PosixFilePermissions.fromString("r--------");
    private static final Path OWN_DESCRIPTORS = Path.of("/proc/self/fd");

    /** What another process does while a copy is made; tests use it to play that process. */
    interface Interference {
        Interference NONE = new Interference() {};

        /** Between writing the copy and unlinking it. */
        default void written(Path file) throws IOException {}

        /** After the copy's name and directory are removed, before anything is checked. */
        default void unlinked(Path file) throws IOException {}
    }

    /** Closes the descriptor that holds a copy. */
    interface Closer {
        void close() throws IOException;
    }

    private final Closer closer;
    private final int descriptor;
    private final String loadPath;
    private final String unlinkedName;
    private final long inode;

    private UnnamedLibraryFile(Closer closer, int descriptor, String loadPath, String unlinkedName, long inode) {
        this.closer = closer;
        this.descriptor = descriptor;
        this.loadPath = loadPath;
        this.unlinkedName = unlinkedName;
        this.inode = inode;
    }

    /** @return whether this platform can hold a file without a name and load it by descriptor */
    static boolean supported() {
        return System.getProperty("os.name", "").startsWith("Linux") && Files.isDirectory(OWN_DESCRIPTORS);
    }

    /**
     * @param base the directory the private directory is made in
     * @param fileName the copy's name while it has one (the library's file name, for the linker's messages)
     * @param verified the bytes to copy
     * @param interference called once the bytes are written and once the name is removed
     * @return the unnamed copy, checked
     * @throws IOException when the copy cannot be made or does not hold the verified bytes
     */
    static UnnamedLibraryFile create(Path base, String fileName, byte[] verified, Interference interference)
            throws IOException {
        Path dir = Files.createTempDirectory(base, "vela-native-", OWNER_ONLY_DIRECTORY);
        Path file = dir.resolve(fileName);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(
                    file,
                    Set.of(
                            StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.READ,
                            StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS),
                    OWNER_READ_WRITE);
            ByteBuffer source = ByteBuffer.wrap(verified);
            while (source.hasRemaining()) {
                channel.write(source);
            }
            interference.written(file);
            long inode = inode(file);
            int descriptor = descriptorOf(file, inode);
            Files.setPosixFilePermissions(file, OWNER_READ_ONLY);
            Files.delete(file);
            Files.delete(dir);
            interference.unlinked(file);
            String loadPath = checkedLoadPath(descriptor);
            String unlinkedName = linkText(descriptor);
            checkHoldsVerifiedBytes(channel, verified);
            UnnamedLibraryFile copy = new UnnamedLibraryFile(channel::close, descriptor, loadPath, unlinkedName, inode);
            channel = null;
            return copy;
        } finally {
            if (channel != null) {
                channel.close();
            }
            removeIfLeft(file, dir);
        }
    }

    /** After a failure: the name and directory, if they are still there and the directory is empty. */
    private static void removeIfLeft(Path file, Path dir) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        } catch (IOException notOurs) {
            // something else is in the directory now: the error being thrown says what failed, and the
            // directory is left to whoever put it there
        }
    }

    /**
     * A copy in a file the caller made without a name (a sealed memory file), checked as {@link #create} checks
     * its own: the canonical form of its descriptor's path, then its size and SHA-256.
     *
     * @param descriptor the descriptor that holds the file
     * @param closer closes it, when the copy is released
     * @param verified the bytes it must hold
     * @return the copy
     * @throws IOException when it does not hold the verified bytes
     */
    static UnnamedLibraryFile ofDescriptor(int descriptor, Closer closer, byte[] verified) throws IOException {
        Path path = OWN_DESCRIPTORS.resolve(Integer.toString(descriptor));
        String loadPath = checkedLoadPath(descriptor);
        try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
            checkHoldsVerifiedBytes(in, verified);
        }
        return new UnnamedLibraryFile(closer, descriptor, loadPath, linkText(descriptor), inode(path));
    }

    private static String linkText(int descriptor) throws IOException {
        return Files.readSymbolicLink(OWN_DESCRIPTORS.resolve(Integer.toString(descriptor)))
                .toString();
    }

    private static long inode(Path path) throws IOException {
        return ((Number) Files.getAttribute(path, "unix:ino")).longValue();
    }

    /** The descriptor of this process that holds {@code file}: the one whose link names it and whose inode is its. */
    private static int descriptorOf(Path file, long inode) throws IOException {
        try (Stream<Path> descriptors = Files.list(OWN_DESCRIPTORS)) {
            for (Path d : (Iterable<Path>) descriptors::iterator) {
                Path target;
                try {
                    target = Files.readSymbolicLink(d);
                } catch (IOException closedMeanwhile) {
                    continue; // the listing's own descriptor, or one another thread closed
                }
                if (target.equals(file) && inode(d) == inode) {
                    return Integer.parseInt(d.getFileName().toString());
                }
            }
        }
        throw new IOException("no descriptor of this process holds " + file + " after creating it");
    }

    /**
     * The path the JDK loads: {@code System.load} canonicalises its argument, and the canonical form of
     * {@code /proc/self/fd/<n>} is {@code /proc/<pid>/fd/<n>} only while the link's text (the old name, ending in
     * {@code (deleted)}) names no file; if a file had been put there, the JDK would load that one instead.
     */
    private static String checkedLoadPath(int descriptor) throws IOException {
        String expected = "/proc/" + ProcessHandle.current().pid() + "/fd/" + descriptor;
        String canonical = new File("/proc/self/fd/" + descriptor).getCanonicalPath();
        if (!canonical.equals(expected)) {
            throw new IOException("/proc/self/fd/" + descriptor + " resolves to " + canonical
                    + ", a file created where the copy was: loading by descriptor would load that file");
        }
        return expected;
    }

    private static void checkHoldsVerifiedBytes(FileChannel channel, byte[] verified) throws IOException {
        long size = channel.size();
        if (size != verified.length) {
            throw new IOException("the copy holds " + size + " bytes, the verified entry " + verified.length);
        }
        MessageDigest copy = sha256();
        ByteBuffer buffer = ByteBuffer.allocate(64 << 10);
        long position = 0;
        while (position < size) {
            buffer.clear();
            int n = channel.read(buffer, position);
            if (n < 0) {
                break;
            }
            buffer.flip();
            copy.update(buffer);
            position += n;
        }
        byte[] got = copy.digest();
        byte[] expected = sha256().digest(verified);
        if (!MessageDigest.isEqual(got, expected)) {
            throw new IOException("the copy does not hold the verified bytes: SHA-256 "
                    + HexFormat.of().formatHex(got) + ", verified "
                    + HexFormat.of().formatHex(expected));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** @return the absolute path to load the copy from: {@code /proc/<pid>/fd/<n>} */
    String loadPath() {
        return loadPath;
    }

    /** @return the descriptor that holds the copy */
    int descriptor() {
        return descriptor;
    }

    /**
     * @return whether the dynamic linker still maps the copy (a mapping in {@code /proc/self/maps} of its inode and
     *     former name)
     * @throws IOException when the maps cannot be read
     */
    boolean mapped() throws IOException {
        String ino = Long.toString(inode);
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            return maps.anyMatch(line -> line.endsWith(unlinkedName) && ino.equals(field(line, 4)));
        }
    }

    private static String field(String line, int index) {
        String[] fields = line.trim().split("\\s+", index + 2);
        return fields.length > index ? fields[index] : "";
    }

    @Override
    public void close() throws IOException {
        closer.close();
    }
}
