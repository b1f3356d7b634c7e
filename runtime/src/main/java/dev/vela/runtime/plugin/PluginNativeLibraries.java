package dev.vela.runtime.plugin;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The native libraries of one verified plugin jar, each served as an unnamed copy of its verified bytes made the
 * first time the plugin asks for it: a sealed memory file where the JDK can make one ({@link SealedMemoryFiles}),
 * an unlinked file otherwise ({@link UnnamedLibraryFile}). Its class loader hands out the copy's
 * {@code file:/proc/<pid>/fd/<n>} URL for the entry: JavaCPP loads a {@code file:} URL where it is instead of
 * extracting it into its cache, and so does plugin code that calls {@code System.load} with the URL's path;
 * {@code System.loadLibrary} from the plugin finds a library at the jar's root the same way. The runtime never
 * hands out a named file it verified, so there is no window between check and load in which one could be
 * replaced. On platforms other than Linux the entries are refused (see {@link UnnamedLibraryFile#supported()}).
 */
final class PluginNativeLibraries {

    /** {@code name.so}, {@code name.so.1.2}, and the other platforms' suffixes, which are refused there too. */
    private static final Pattern LIBRARY_NAME = Pattern.compile(".+\\.(so(\\.[0-9]+)*|dylib|jnilib|dll)");

    /** The directory private copies are made in (then removed): the JDK's temporary directory unless set. */
    static final String DIRECTORY_PROPERTY = "vela.plugin.nativeDir";

    /** Copies whose library was still mapped when their plugin went: kept open for the life of the process. */
    private static final List<UnnamedLibraryFile> STILL_MAPPED = new ArrayList<>();

    private final JarEntries jar;
    private final Optional<SealedMemoryFiles> sealed;
    private final Path base;
    private final boolean supported;
    private final UnnamedLibraryFile.Interference interference;
    private final Map<String, UnnamedLibraryFile> copies = new HashMap<>();

    PluginNativeLibraries(JarEntries jar) {
        this(
                jar,
                SealedMemoryFiles.available(),
                Path.of(System.getProperty(DIRECTORY_PROPERTY, System.getProperty("java.io.tmpdir"))),
                UnnamedLibraryFile.supported(),
                UnnamedLibraryFile.Interference.NONE);
    }

    /**
     * @param jar the verified jar
     * @param sealed sealed memory files, copied into when present
     * @param base where private directories are made (and removed) otherwise
     * @param supported whether the platform can load by descriptor; when not, native library entries are refused
     * @param interference what another process does while an unlinked file's copy is made (tests)
     */
    PluginNativeLibraries(
            JarEntries jar,
            Optional<SealedMemoryFiles> sealed,
            Path base,
            boolean supported,
            UnnamedLibraryFile.Interference interference) {
        this.jar = jar;
        this.sealed = sealed;
        this.base = base;
        this.supported = supported;
        this.interference = interference;
    }

    /**
     * @param entryName a jar entry's name
     * @return whether it names a native library (by its suffix), which is served only as a verified copy
     */
    static boolean isNativeLibrary(String entryName) {
        return !entryName.endsWith("/")
                && LIBRARY_NAME.matcher(fileName(entryName)).matches();
    }

    private static String fileName(String entryName) {
        return entryName.substring(entryName.lastIndexOf('/') + 1);
    }

    /**
     * @param entry a native library entry of the jar
     * @return the {@code file:} URL of its verified copy
     * @throws UnsatisfiedLinkError naming the jar and entry when there can be no verified copy
     */
    URL url(JarEntries.Entry entry) {
        try {
            return new File(copyOf(entry).loadPath()).toURI().toURL();
        } catch (MalformedURLException e) {
            throw refused(entry, "no URL for the copy: " + e.getMessage(), e);
        }
    }

    /**
     * @param libraryName a name given to {@code System.loadLibrary}
     * @return the path of the verified copy of the jar's root entry {@code System.mapLibraryName(libraryName)},
     *     if the jar has one
     */
    Optional<String> libraryPath(String libraryName) {
        return jar.find(System.mapLibraryName(libraryName))
                .filter(e -> isNativeLibrary(e.name()))
                .map(e -> copyOf(e).loadPath());
    }

    private synchronized UnnamedLibraryFile copyOf(JarEntries.Entry entry) {
        UnnamedLibraryFile copy = copies.get(entry.name());
        if (copy != null) {
            return copy;
        }
        if (!supported) {
            throw refused(
                    entry,
                    "plugin native libraries are loaded only on Linux, from an unnamed copy of the verified bytes;"
                            + " on " + System.getProperty("os.name")
                            + " the runtime could only hand over a named file, which another process could change"
                            + " between the check and the load",
                    null);
        }
        try {
            byte[] verified = jar.read(entry, entry.size());
            copy = sealed.isPresent()
                    ? sealed.get().create(fileName(entry.name()), verified)
                    : UnnamedLibraryFile.create(base, fileName(entry.name()), verified, interference);
        } catch (IOException | RuntimeException e) {
            throw refused(entry, e.getMessage(), e);
        }
        copies.put(entry.name(), copy);
        return copy;
    }

    private UnsatisfiedLinkError refused(JarEntries.Entry entry, String why, Throwable cause) {
        UnsatisfiedLinkError e = new UnsatisfiedLinkError("native library " + entry.name() + " of plugin jar "
                + jar.image().source() + " not loaded: " + why);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /**
     * @return the copies made so far, by entry name
     */
    synchronized Map<String, UnnamedLibraryFile> copies() {
        return Map.copyOf(copies);
    }

    /**
     * Closes the copies of a plugin whose class loader is gone, except those the dynamic linker still maps: their
     * descriptor number must not name another library while the linker knows the library by it, so they stay
     * open. Runs in the class loader's cleaner, so it holds no reference to the class loader.
     */
    Runnable releaser() {
        return () -> {
            for (UnnamedLibraryFile copy : copies().values()) {
                try {
                    if (copy.mapped()) {
                        synchronized (STILL_MAPPED) {
                            STILL_MAPPED.add(copy);
                        }
                    } else {
                        copy.close();
                    }
                } catch (IOException e) {
                    // unknown whether it is mapped: keeping it open is the safe choice
                    synchronized (STILL_MAPPED) {
                        STILL_MAPPED.add(copy);
                    }
                }
            }
        };
    }
}
