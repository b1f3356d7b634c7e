package dev.vela.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.Tensor;
import dev.vela.spi.admission.JarImage;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginClassLoaderTest {

    @TempDir
    Path dir;

    /** A jar holding {@code probe.Lib} whose {@code toString()} says {@code who}, plus a marker resource. */
    private Path jarWithLib(String name, String who) throws Exception {
        Path src = Files.createDirectories(dir.resolve(name + "-src/probe"));
        Files.writeString(
                src.resolve("Lib.java"),
                "package probe; public class Lib { public String toString() { return \"" + who + "\"; } }");
        Path classes = Files.createDirectories(dir.resolve(name + "-classes"));
        int rc = ToolProvider.getSystemJavaCompiler()
                .run(
                        null,
                        null,
                        null,
                        "-d",
                        classes.toString(),
                        src.resolve("Lib.java").toString());
        assertThat(rc).isZero();
        Path jar = dir.resolve(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("probe/Lib.class"));
            Files.copy(classes.resolve("probe/Lib.class"), out);
            out.putNextEntry(new JarEntry("probe/marker.txt"));
            OutputStream o = out;
            o.write(who.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return jar;
    }

    static JarEntries entries(Path jar) throws Exception {
        return JarEntries.of(JarImage.read(jar, JarImage.DEFAULT_MAX_BYTES));
    }

    @Test
    void pluginClassesWinOverTheApplicationsButTheSpiIsShared() throws Exception {
        Path app = jarWithLib("app", "application's copy");
        Path plugin = jarWithLib("plugin", "plugin's copy");
        try (URLClassLoader application =
                new URLClassLoader(new URL[] {app.toUri().toURL()}, getClass().getClassLoader()); ) {
            PluginClassLoader loader = new PluginClassLoader("test", entries(plugin), application);
            Object lib = loader.loadClass("probe.Lib").getConstructor().newInstance();
            assertThat(lib).hasToString("plugin's copy");
            assertThat(application.loadClass("probe.Lib").getConstructor().newInstance())
                    .hasToString("application's copy");
            assertThat(loader.loadClass(Tensor.class.getName())).isSameAs(Tensor.class);
            assertThat(loader.loadClass("java.lang.String")).isSameAs(String.class);
            try (Stream<String> lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                            loader.getResource("probe/marker.txt").openStream(),
                            java.nio.charset.StandardCharsets.UTF_8))
                    .lines()) {
                assertThat(lines).containsExactly("plugin's copy");
            }
        }
    }

    @Test
    void classesThePluginLacksComeFromTheApplication() throws Exception {
        Path app = jarWithLib("app2", "application's copy");
        Path empty = dir.resolve("empty.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(empty))) {
            out.putNextEntry(new JarEntry("nothing.txt"));
        }
        try (URLClassLoader application =
                new URLClassLoader(new URL[] {app.toUri().toURL()}, getClass().getClassLoader()); ) {
            PluginClassLoader loader = new PluginClassLoader("test", entries(empty), application);
            assertThat(loader.loadClass("probe.Lib").getConstructor().newInstance())
                    .hasToString("application's copy");
        }
    }

    @Test
    void resourceUrlsServeTheVerifiedBytesAndSurviveBeingRebuiltFromText() throws Exception {
        Path plugin = jarWithLib("urls", "first content");
        PluginClassLoader loader =
                new PluginClassLoader("test", entries(plugin), getClass().getClassLoader());
        java.net.URL url = loader.getResource("probe/marker.txt");
        assertThat(url.getProtocol()).isEqualTo("vela-plugin");
        // the file changes after it was read: the URL still serves what was verified
        Files.write(plugin, new byte[] {0});
        assertThat(url.openStream().readAllBytes())
                .asString(java.nio.charset.StandardCharsets.UTF_8)
                .isEqualTo("first content");
        // JavaCPP rebuilds the URL from its text and asks for size and time before extracting a native library
        java.net.URL rebuilt = new java.net.URL(url.toString());
        java.net.URLConnection c = rebuilt.openConnection();
        assertThat(c.getContentLengthLong()).isEqualTo("first content".length());
        assertThat(c.getLastModified()).isPositive();
        assertThat(new String(c.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("first content");
        assertThat(new java.io.File(url.toURI().getPath()).getName()).isEqualTo("marker.txt");
        assertThat(rebuilt).isEqualTo(url);
        assertThat(loader.getResource("probe/absent.txt")).isNull();
        // classes come from the same bytes, with the jar's root as their code source
        Class<?> lib = loader.loadClass("probe.Lib");
        assertThat(lib.getClassLoader()).isSameAs(loader);
        assertThat(lib.getProtectionDomain().getCodeSource().getLocation().toString())
                .startsWith("vela-plugin:/");
        assertThat(lib.getPackage().getName()).isEqualTo("probe");
    }

    /** A jar of one native-library entry with the given bytes and the fixed time reproducible builds give. */
    private Path libraryJar(String name, String content) throws Exception {
        Path jar = dir.resolve(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            JarEntry e = new JarEntry("linux-x86_64/libprobe.so");
            e.setTime(1_000_000_000_000L);
            out.putNextEntry(e);
            out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return jar;
    }

    /**
     * The entry's {@code vela-plugin:} URL, rebuilt from its text: the class loader serves a native library as a
     * verified copy instead (PluginNativeLibrariesTest), but a plugin that extracts an entry itself through JavaCPP's
     * cache (an executable, say) still reads it through this URL.
     */
    private java.net.URLConnection libraryConnection(Path jar) throws Exception {
        JarEntries entries = entries(jar);
        PluginUrls.register(entries);
        return new java.net.URL(
                        PluginUrls.url(entries, "linux-x86_64/libprobe.so").toString())
                .openConnection();
    }

    @Test
    void aLibraryOfTheSameNameSizeAndJarTimeButOtherBytesReportsAnotherTime() throws Exception {
        // JavaCPP reuses a cached extraction when size and time match: equal times must mean equal bytes
        java.net.URLConnection first = libraryConnection(libraryJar("build1", "library build one"));
        java.net.URLConnection second = libraryConnection(libraryJar("build2", "library build two"));
        java.net.URLConnection again = libraryConnection(libraryJar("build1-again", "library build one"));
        assertThat(second.getContentLengthLong()).isEqualTo(first.getContentLengthLong());
        assertThat(second.getLastModified()).isNotEqualTo(first.getLastModified());
        assertThat(again.getLastModified()).isEqualTo(first.getLastModified());
        assertThat(first.getLastModified())
                .isGreaterThanOrEqualTo(946_684_800_000L)
                .isLessThan(5_242_880_000_000L);
    }

    @Test
    void aJarWithDuplicateOrInconsistentEntriesIsRefused() throws Exception {
        Path jar = dir.resolve("dup.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("a/one.txt"));
            out.write('1');
            out.putNextEntry(new JarEntry("a/two.txt"));
            out.write('2');
        }
        byte[] bytes = Files.readAllBytes(jar);
        // rename every occurrence (local header and central directory) of the second entry to the first one's name
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).replace("a/two.txt", "a/one.txt");
        Files.write(jar, text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> entries(jar))
                .hasMessageContaining("dup.jar")
                .hasMessageContaining("a/one.txt appears twice");
        // a local header that names another entry than the central directory does
        String once = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        int central = once.lastIndexOf("a/two.txt");
        Files.write(
                jar,
                (once.substring(0, central) + "a/six.txt" + once.substring(central + 9))
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> entries(jar))
                .hasMessageContaining("names another entry");
        // damaged data is caught by its CRC-32
        byte[] flipped = bytes.clone();
        int dataStart = 30 + 9 + ((flipped[28] & 0xff) | (flipped[29] & 0xff) << 8); // the first entry's data
        flipped[dataStart] ^= 0x55;
        Files.write(jar, flipped);
        JarEntries damaged = entries(jar);
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        damaged.open(damaged.find("a/one.txt").orElseThrow()).readAllBytes())
                .hasMessageContaining("damaged");
    }
}
