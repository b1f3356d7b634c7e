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
        Files.writeString(src.resolve("Lib.java"),
                "package probe; public class Lib { public String toString() { return \"" + who + "\"; } }");
        Path classes = Files.createDirectories(dir.resolve(name + "-classes"));
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
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
        try (URLClassLoader application = new URLClassLoader(new URL[] {app.toUri().toURL()}, getClass().getClassLoader());
                ) {
            PluginClassLoader loader = new PluginClassLoader("test", entries(plugin), application);
            Object lib = loader.loadClass("probe.Lib").getConstructor().newInstance();
            assertThat(lib).hasToString("plugin's copy");
            assertThat(application.loadClass("probe.Lib").getConstructor().newInstance()).hasToString("application's copy");
            assertThat(loader.loadClass(Tensor.class.getName())).isSameAs(Tensor.class);
            assertThat(loader.loadClass("java.lang.String")).isSameAs(String.class);
            try (Stream<String> lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                    loader.getResource("probe/marker.txt").openStream(), java.nio.charset.StandardCharsets.UTF_8)).lines()) {
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
        try (URLClassLoader application = new URLClassLoader(new URL[] {app.toUri().toURL()}, getClass().getClassLoader());
                ) {
            PluginClassLoader loader = new PluginClassLoader("test", entries(empty), application);
            assertThat(loader.loadClass("probe.Lib").getConstructor().newInstance()).hasToString("application's copy");
        }
    }
}
