package dev.vela.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vela.spi.admission.JarImage;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin's native libraries come from unnamed copies of the verified jar's bytes: the class loader hands out
 * {@code file:/proc/<pid>/fd/<n>}, the copy has no name left anywhere, what the dynamic linker maps is that copy,
 * and a copy changed before its check is refused naming the jar and entry. The libraries are built with the C
 * compiler on first use; the tests skip, saying why, without one.
 */
class PluginNativeLibrariesTest {

    private static final String LIBRARY_ENTRY = "probe/linux-x86_64/libvelaprobe.so";
    private static final String ROOT_LIBRARY_ENTRY = "libvelaprobe.so";

    @TempDir
    static Path work;

    private static byte[] library;
    private static Path classes;

    @TempDir
    Path base;

    @BeforeAll
    static void buildLibraryAndPluginClass() throws Exception {
        assumeTrue(UnnamedLibraryFile.supported(), "plugin native libraries load by descriptor on Linux only");
        Path source = work.resolve("probe.c");
        // a value per build, so that two builds never have the same bytes
        Files.writeString(source, "int vela_probe_answer(void) { return " + System.nanoTime() % 1000 + "; }\n");
        Path so = work.resolve("libvelaprobe.so");
        int rc;
        try {
            Process cc = new ProcessBuilder("cc", "-shared", "-fPIC", "-o", so.toString(), source.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            rc = cc.waitFor(60, TimeUnit.SECONDS) ? cc.exitValue() : -1;
            assumeTrue(rc == 0, "cc could not build a shared library: " + output);
        } catch (IOException noCompiler) {
            assumeTrue(false, "no C compiler (cc) to build a shared library: " + noCompiler.getMessage());
        }
        library = Files.readAllBytes(so);
        Path src = Files.createDirectories(work.resolve("src/probe"));
        Files.writeString(src.resolve("Native.java"), """
                package probe;
                public class Native {
                    /** System.load, called by plugin code, of the path of the plugin's own resource */
                    public static String load(String resource) throws Exception {
                        String path = new java.io.File(Native.class.getClassLoader().getResource(resource).toURI())
                                .getPath();
                        System.load(path);
                        return path;
                    }
                    public static void loadLibrary(String name) {
                        System.loadLibrary(name);
                    }
                }
                """);
        classes = Files.createDirectories(work.resolve("classes"));
        assertThat(ToolProvider.getSystemJavaCompiler()
                        .run(
                                null,
                                null,
                                null,
                                "-d",
                                classes.toString(),
                                src.resolve("Native.java").toString()))
                .isZero();
    }

    private Path pluginJar(String name, String libraryEntry) throws IOException {
        Path jar = work.resolve(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("probe/Native.class"));
            Files.copy(classes.resolve("probe/Native.class"), out);
            out.putNextEntry(new JarEntry(libraryEntry));
            out.write(library);
            out.putNextEntry(new JarEntry("probe/notes.txt"));
            out.write("not a library".getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static JarEntries entries(Path jar) throws IOException {
        return JarEntries.of(JarImage.read(jar, JarImage.DEFAULT_MAX_BYTES));
    }

    private PluginNativeLibraries natives(JarEntries jar, UnnamedLibraryFile.Interference interference) {
        return new PluginNativeLibraries(jar, Optional.empty(), base, true, interference);
    }

    @Test
    void aLibraryEntryIsServedAsAFileWithoutANameHoldingTheVerifiedBytes() throws Exception {
        JarEntries jar = entries(pluginJar("served", LIBRARY_ENTRY));
        PluginNativeLibraries natives = natives(jar, UnnamedLibraryFile.Interference.NONE);
        PluginClassLoader loader = new PluginClassLoader("test", jar, getClass().getClassLoader(), natives);

        URL url = loader.getResource(LIBRARY_ENTRY);
        UnnamedLibraryFile copy = natives.copies().get(LIBRARY_ENTRY);
        String pid = Long.toString(ProcessHandle.current().pid());
        assertThat(url).hasToString("file:/proc/" + pid + "/fd/" + copy.descriptor());
        try (InputStream in = url.openStream()) {
            assertThat(in.readAllBytes()).isEqualTo(library);
        }
        // no name: the link's text is the former name, marked deleted, and neither it nor its directory exists
        String former = Files.readSymbolicLink(Path.of(copy.loadPath())).toString();
        assertThat(former).endsWith("/libvelaprobe.so (deleted)");
        Path formerFile = Path.of(former.substring(0, former.length() - " (deleted)".length()));
        assertThat(formerFile).doesNotExist();
        assertThat(formerFile.getParent()).doesNotExist();
        try (Stream<Path> left = Files.list(base)) {
            assertThat(left)
                    .as("nothing left in the directory copies are made in")
                    .isEmpty();
        }
        // the same copy each time; other resources keep their in-memory URLs
        assertThat(loader.getResource(LIBRARY_ENTRY)).isEqualTo(url);
        assertThat(loader.getResource("probe/notes.txt").getProtocol()).isEqualTo(PluginUrls.PROTOCOL);
    }

    @Test
    void systemLoadByPluginCodeMapsTheCopyNotAFileByName() throws Exception {
        JarEntries jar = entries(pluginJar("load", LIBRARY_ENTRY));
        PluginNativeLibraries natives = natives(jar, UnnamedLibraryFile.Interference.NONE);
        PluginClassLoader loader = new PluginClassLoader("test", jar, getClass().getClassLoader(), natives);

        Object loaded =
                loader.loadClass("probe.Native").getMethod("load", String.class).invoke(null, LIBRARY_ENTRY);

        UnnamedLibraryFile copy = natives.copies().get(LIBRARY_ENTRY);
        assertThat(loaded).isEqualTo(copy.loadPath());
        assertThat(copy.mapped()).as("the dynamic linker maps the copy's inode").isTrue();
        assertThat(executableMappingsOf(copy.loadPath()))
                .as("executable mappings of the copy, by inode")
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).endsWith(" (deleted)"));
        // a loaded copy is kept open when its plugin goes: its descriptor number names it for the linker
        natives.releaser().run();
        assertThat(Path.of(copy.loadPath())).exists();
    }

    @Test
    void systemLoadLibraryByPluginCodeFindsTheCopyOfTheLibraryAtTheJarsRoot() throws Exception {
        JarEntries jar = entries(pluginJar("loadLibrary", ROOT_LIBRARY_ENTRY));
        PluginNativeLibraries natives = natives(jar, UnnamedLibraryFile.Interference.NONE);
        PluginClassLoader loader = new PluginClassLoader("test", jar, getClass().getClassLoader(), natives);

        loader.loadClass("probe.Native").getMethod("loadLibrary", String.class).invoke(null, "velaprobe");

        UnnamedLibraryFile copy = natives.copies().get(ROOT_LIBRARY_ENTRY);
        assertThat(copy).isNotNull();
        assertThat(copy.mapped()).isTrue();
    }

    @Test
    void aCopyChangedBeforeItsCheckIsRefusedNamingTheJarAndEntry() throws Exception {
        Path jarFile = pluginJar("changed", LIBRARY_ENTRY);
        JarEntries jar = entries(jarFile);
        // another process writing into the file between the runtime's write and its check
        byte[] other = library.clone();
        other[other.length / 2] ^= 1;
        PluginNativeLibraries natives = natives(jar, new UnnamedLibraryFile.Interference() {
            @Override
            public void written(Path file) throws IOException {
                Files.write(file, other);
            }
        });
        PluginClassLoader loader = new PluginClassLoader("test", jar, getClass().getClassLoader(), natives);

        assertThatThrownBy(() -> loader.getResource(LIBRARY_ENTRY))
                .isInstanceOf(UnsatisfiedLinkError.class)
                .hasMessageContaining(LIBRARY_ENTRY)
                .hasMessageContaining(jarFile.toString())
                .hasMessageContaining("does not hold the verified bytes");
        assertThat(natives.copies()).isEmpty();
        try (Stream<Path> left = Files.list(base)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aFilePlantedWhereTheCopyWasIsRefusedNotLoaded() throws Exception {
        Path jarFile = pluginJar("planted", LIBRARY_ENTRY);
        JarEntries jar = entries(jarFile);
        // System.load canonicalises /proc/self/fd/<n> through the link's text, "<former name> (deleted)": a file
        // created by that name would be what the JDK loads
        List<Path> planted = new java.util.ArrayList<>();
        PluginNativeLibraries natives = natives(jar, new UnnamedLibraryFile.Interference() {
            @Override
            public void unlinked(Path file) throws IOException {
                Files.createDirectories(file.getParent());
                planted.add(Files.write(file.resolveSibling(file.getFileName() + " (deleted)"), new byte[] {1}));
            }
        });
        PluginClassLoader loader = new PluginClassLoader("test", jar, getClass().getClassLoader(), natives);

        try {
            assertThatThrownBy(() -> loader.getResource(LIBRARY_ENTRY))
                    .isInstanceOf(UnsatisfiedLinkError.class)
                    .hasMessageContaining(LIBRARY_ENTRY)
                    .hasMessageContaining(jarFile.toString())
                    .hasMessageContaining("resolves to " + planted.get(0));
            assertThat(natives.copies()).isEmpty();
        } finally {
            Files.deleteIfExists(planted.get(0));
            Files.deleteIfExists(planted.get(0).getParent());
        }
    }

    @Test
    void anUnloadedCopyIsClosedWhenItsPluginGoes() throws Exception {
        JarEntries jar = entries(pluginJar("released", LIBRARY_ENTRY));
        PluginNativeLibraries natives = natives(jar, UnnamedLibraryFile.Interference.NONE);
        PluginClassLoader loader = new PluginClassLoader("test", jar, getClass().getClassLoader(), natives);
        loader.getResource(LIBRARY_ENTRY);
        UnnamedLibraryFile copy = natives.copies().get(LIBRARY_ENTRY);
        String former = Files.readSymbolicLink(Path.of(copy.loadPath())).toString();

        natives.releaser().run();

        Path descriptor = Path.of(copy.loadPath());
        assertThat(!Files.exists(descriptor) || !readLink(descriptor).equals(former))
                .as("the descriptor no longer holds the copy")
                .isTrue();
    }

    @Test
    void elsewhereThanLinuxLibraryEntriesAreRefusedNamingTheJarAndEntry() throws Exception {
        Path jarFile = pluginJar("elsewhere", LIBRARY_ENTRY);
        JarEntries jar = entries(jarFile);
        PluginNativeLibraries natives =
                new PluginNativeLibraries(jar, Optional.empty(), base, false, UnnamedLibraryFile.Interference.NONE);
        PluginClassLoader loader = new PluginClassLoader("test", jar, getClass().getClassLoader(), natives);

        assertThatThrownBy(() -> loader.getResource(LIBRARY_ENTRY))
                .isInstanceOf(UnsatisfiedLinkError.class)
                .hasMessageContaining(LIBRARY_ENTRY)
                .hasMessageContaining(jarFile.toString())
                .hasMessageContaining("only on Linux");
        assertThat(loader.getResource("probe/notes.txt")).isNotNull();
    }

    @Test
    void copiesAreMadeInTheDirectoryThePropertyNames() throws Exception {
        assumeTrue(SealedMemoryFiles.available().isEmpty(), "sealed memory files are used instead of a directory");
        JarEntries jar = entries(pluginJar("property", LIBRARY_ENTRY));
        String previous = System.setProperty(PluginNativeLibraries.DIRECTORY_PROPERTY, base.toString());
        try {
            PluginNativeLibraries natives = new PluginNativeLibraries(jar);
            URL url = natives.url(jar.find(LIBRARY_ENTRY).orElseThrow());
            assertThat(Files.readSymbolicLink(Path.of(url.getPath())).toString())
                    .startsWith(base.resolve("vela-native-").toString());
        } finally {
            if (previous == null) {
                System.clearProperty(PluginNativeLibraries.DIRECTORY_PROPERTY);
            } else {
                System.setProperty(PluginNativeLibraries.DIRECTORY_PROPERTY, previous);
            }
        }
    }

    @Test
    void whereTheJdkCanSealAMemoryFileTheLoadedCopyCannotBeWrittenEvenThroughItsDescriptor() throws Exception {
        Optional<SealedMemoryFiles> sealed = SealedMemoryFiles.available();
        assumeTrue(
                sealed.isPresent(),
                "sealed memory files need JDK 22 or later with native access enabled"
                        + " (e.g. -Djvm=<JDK 22+>/bin/java -DargLine=--enable-native-access=ALL-UNNAMED)");
        JarEntries jar = entries(pluginJar("sealed", LIBRARY_ENTRY));
        PluginNativeLibraries natives =
                new PluginNativeLibraries(jar, sealed, base, true, UnnamedLibraryFile.Interference.NONE);
        PluginClassLoader loader = new PluginClassLoader("test", jar, getClass().getClassLoader(), natives);

        Object loaded =
                loader.loadClass("probe.Native").getMethod("load", String.class).invoke(null, LIBRARY_ENTRY);

        UnnamedLibraryFile copy = natives.copies().get(LIBRARY_ENTRY);
        Path descriptor = Path.of(copy.loadPath());
        assertThat(loaded).isEqualTo(copy.loadPath());
        assertThat(Files.readSymbolicLink(descriptor)).hasToString("/memfd:libvelaprobe.so (deleted)");
        assertThat(Files.readAllBytes(descriptor)).isEqualTo(library);
        assertThat(copy.mapped()).isTrue();
        assertThatThrownBy(() -> {
                    try (FileChannel w = FileChannel.open(descriptor, StandardOpenOption.WRITE)) {
                        w.write(ByteBuffer.wrap(new byte[] {1}));
                    }
                })
                .as("the seals refuse writes, the owner's included")
                .isInstanceOf(IOException.class);
        assertThat(Files.readAllBytes(descriptor)).isEqualTo(library);
        try (Stream<Path> left = Files.list(base)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void libraryEntriesAreRecognisedByTheirSuffix() {
        assertThat(List.of("a/libx.so", "libx.so.1", "a/libx.so.1.2", "x.dll", "a/libx.dylib", "libx.jnilib"))
                .allMatch(PluginNativeLibraries::isNativeLibrary);
        assertThat(List.of("a/", "a/x.so/", "x.sol", "x.so.txt", "x.txt", ".so"))
                .noneMatch(PluginNativeLibraries::isNativeLibrary);
    }

    private static String readLink(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException gone) {
            return "";
        }
    }

    /** The lines of /proc/self/maps that map the file behind {@code path} executable, matched by inode. */
    private static List<String> executableMappingsOf(String path) throws IOException {
        String inode = Files.getAttribute(new File(path).toPath(), "unix:ino").toString();
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            return maps.filter(line -> {
                        String[] f = line.trim().split("\\s+", 6);
                        return f.length > 5 && f[1].contains("x") && f[4].equals(inode);
                    })
                    .toList();
        }
    }
}
