package dev.vela.samples.runtimeit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.partition.NodePlacement;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.AdmittedProvider;
import dev.vela.runtime.plugin.PluginLoader;
import dev.vela.runtime.plugin.PluginSet;
import dev.vela.spi.Tensor;
import dev.vela.spi.admission.TrustStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * native-npu's JNI library, as JavaCPP loads it inside the runtime: from an unnamed copy of the verified jar's bytes
 * the runtime made, never from JavaCPP's cache. A file planted in the cache where JavaCPP would extract the
 * library, with the same name and size and the time the runtime used to report for it (which made JavaCPP reuse
 * it), is not loaded: the model still runs bit-exactly on native-npu, and the library the process maps is the
 * copy, whose bytes are the jar's entry.
 */
class NativeLibraryFromVerifiedBytesIT {

    private static final String LIBRARY = "dev/vela/samples/nativenpu/linux-x86_64/libjniNpuNative.so";
    private static final String CACHE_PROPERTY = "org.bytedeco.javacpp.cachedir";

    @TempDir
    Path work;

    @Test
    void aLibraryPlantedInJavaCppsCacheIsNeverLoaded() throws Exception {
        assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "plugin native libraries load on Linux");
        Path samples = Path.of(System.getProperty("samples.dir", ".."));
        String version = System.getProperty("samples.version", "0.1.0-SNAPSHOT");
        String base = "vela-sample-native-npu-" + version;
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Path jar = plugins.resolve(base + ".jar");
        Files.copy(samples.resolve("native-npu/target").resolve(base + ".jar"), jar);
        Files.copy(
                samples.resolve("native-npu/target/vela").resolve(base + "-vela-cert.json"),
                plugins.resolve(base + "-vela-cert.json"));
        byte[] entry;
        long crc;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry e = zip.getEntry(LIBRARY);
            try (InputStream in = zip.getInputStream(e)) {
                entry = in.readAllBytes();
            }
            crc = e.getCrc();
        }
        // where JavaCPP extracted a vela-plugin: URL (<cache>/<parent directory>/<name>), with the same size and
        // the time such a URL reports: JavaCPP would take this file for the library already extracted
        Path cache = Files.createDirectories(work.resolve("javacpp-cache"));
        Path planted = Files.createDirectories(cache.resolve("linux-x86_64")).resolve("libjniNpuNative.so");
        byte[] impostor = new byte[entry.length];
        java.util.Arrays.fill(impostor, (byte) 0x5a);
        Files.write(planted, impostor);
        Files.setLastModifiedTime(planted, FileTime.fromMillis(946_684_800_000L + crc * 1000L));
        long plantedInode = inode(planted);

        String previous = System.setProperty(CACHE_PROPERTY, cache.toString());
        try {
            TrustStore trust =
                    TrustStore.load(samples.resolve("dev-keys").resolve("vela-samples-DEVELOPMENT-ONLY.pub.pem"));
            PluginSet admitted =
                    new PluginLoader(trust, false).pluginsDirectory(plugins).load();
            assertThat(admitted.refusals()).isEmpty();
            AdmittedProvider npu = admitted.admitted().stream()
                    .filter(a -> a.id().equals("native-npu"))
                    .findFirst()
                    .orElseThrow();

            runsBitExactlyOnTheNpu(admitted);

            URL served = npu.provider().getClass().getClassLoader().getResource(LIBRARY);
            assertThat(served.getProtocol()).isEqualTo("file");
            assertThat(served.getPath())
                    .startsWith("/proc/" + ProcessHandle.current().pid() + "/fd/");
            Path copy = Path.of(served.getPath());
            assertThat(Files.readAllBytes(copy))
                    .as("the copy's bytes are the jar's entry")
                    .isEqualTo(entry);
            // a sealed memory file where the JDK can make one (22+, native access enabled), else an unlinked file
            String link = Files.readSymbolicLink(copy).toString();
            if (sealedMemoryFilesAvailable()) {
                assertThat(link).isEqualTo("/memfd:libjniNpuNative.so (deleted)");
            } else {
                assertThat(link).contains("/vela-native-").endsWith("/libjniNpuNative.so (deleted)");
            }
            List<String> maps = maps();
            assertThat(executableMappingsOf(maps, inode(copy)))
                    .as("the process runs the copy's code")
                    .isNotEmpty();
            assertThat(maps)
                    .as("nothing maps the planted file")
                    .noneMatch(line -> line.contains(planted.toString()))
                    .noneMatch(line -> inodeField(line).equals(Long.toString(plantedInode)));
            assertThat(Files.readAllBytes(planted)).isEqualTo(impostor);
        } finally {
            if (previous == null) {
                System.clearProperty(CACHE_PROPERTY);
            } else {
                System.setProperty(CACHE_PROPERTY, previous);
            }
        }
    }

    private static void runsBitExactlyOnTheNpu(PluginSet admitted) {
        String data = System.getProperty("vela.data");
        Path file = data == null
                ? null
                : Path.of(data, "tflite", "mlcommons-tiny", "visual_wake_words__vww_96_int8.tflite");
        assumeTrue(file != null && Files.isRegularFile(file), "external test data absent (-Dvela.data): " + file);
        Model plugged = Model.load(file, Partitioner.of(admitted, List.of()).withoutDelegates());
        Map<String, Tensor> feed = SamplePluginsInRuntimeIT.randomInputs(plugged, 3);
        try (Session s = plugged.newSession();
                Session reference = Model.load(file).newSession()) {
            Map<String, Tensor> got = s.run(feed);
            assertThat(s.placement().nodes())
                    .filteredOn(p -> p.claim().op().toString().equals("Conv"))
                    .extracting(NodePlacement::provider)
                    .isNotEmpty()
                    .containsOnly("native-npu");
            Map<String, Tensor> expected = reference.run(feed);
            expected.forEach((name, t) ->
                    assertThat(got.get(name).toByteArray()).as(name).isEqualTo(t.toByteArray()));
        }
    }

    private static boolean sealedMemoryFilesAvailable() throws ReflectiveOperationException {
        return Runtime.version().feature() >= 22
                && (Boolean) Module.class.getMethod("isNativeAccessEnabled").invoke(PluginLoader.class.getModule());
    }

    private static long inode(Path p) throws IOException {
        return ((Number) Files.getAttribute(p, "unix:ino")).longValue();
    }

    private static List<String> maps() throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.toList();
        }
    }

    private static String inodeField(String line) {
        String[] f = line.trim().split("\\s+", 6);
        return f.length > 4 ? f[4] : "";
    }

    private static List<String> executableMappingsOf(List<String> maps, long inode) {
        return maps.stream()
                .filter(line -> line.trim().split("\\s+", 6)[1].contains("x")
                        && inodeField(line).equals(Long.toString(inode)))
                .toList();
    }
}
