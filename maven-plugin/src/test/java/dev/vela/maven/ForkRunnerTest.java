package dev.vela.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.maven.fork.ForkConfig;
import dev.vela.maven.fork.ResultFile;
import dev.vela.maven.testplugin.MisbehavingRelu;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fork runner on real forked JVMs: completion, an exiting kernel, a hanging kernel, a bad jar. */
class ForkRunnerTest {

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    /** A plugin jar holding only the service file: the classes come from the test class path. */
    private Path pluginJar(Class<?> provider) throws Exception {
        Path jar = dir.resolve("plugin.jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry("META-INF/services/dev.vela.spi.OperatorProvider"));
            j.write((provider.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
        return jar;
    }

    private ForkOutcome run(Path jar, Duration caseTimeout, Duration total) throws Exception {
        ForkConfig config = new ForkConfig(
                jar,
                dir,
                dir.resolve("progress"),
                dir.resolve("results.tsv"),
                11,
                10,
                2,
                "default",
                List.of("numerics"),
                Set.of(),
                Set.of(),
                Map.of(),
                Map.of());
        Path file = dir.resolve("fork.properties");
        config.write(file);
        List<Path> cp = new ArrayList<>(
                Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                        .map(Path::of)
                        .toList());
        cp.add(jar);
        ForkRunner runner = new ForkRunner(
                Path.of(System.getProperty("java.home"), "bin", "java"),
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"),
                cp,
                caseTimeout,
                total,
                log::add);
        return runner.run(file, dir.resolve("progress"), dir.resolve("results.tsv"), dir);
    }

    @Test
    void theForkExtractsNativeLibrariesIntoAnEmptiedDirectoryOfItsOwn() throws Exception {
        // a library an earlier build left there (same name, size and reproducible-build time) must not be reused
        Path stale = Files.createDirectories(dir.resolve("javacpp-cache/linux-x86_64"))
                .resolve("libjniNative.so");
        Files.writeString(stale, "an earlier build");
        Path cache = ForkRunner.freshNativeCache(dir);
        assertThat(cache).isEqualTo(dir.resolve("javacpp-cache")).isEmptyDirectory();

        ForkRunner runner = new ForkRunner(
                Path.of("java"),
                List.of("-Dorg.bytedeco.javacpp.cachedir=/shared/cache", "-Xmx256m"),
                List.of(dir.resolve("plugin.jar")),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                log::add);
        List<String> cmd = runner.command(dir.resolve("fork.properties"), dir);
        String own = "-Dorg.bytedeco.javacpp.cachedir=" + cache;
        // the configured option comes first, so the fork's own (the last of that name) is the one the JVM keeps
        assertThat(cmd).contains(own);
        assertThat(cmd.lastIndexOf(own)).isGreaterThan(cmd.indexOf("-Dorg.bytedeco.javacpp.cachedir=/shared/cache"));
    }

    @Test
    void aCorrectPluginCompletesWithResults() throws Exception {
        ForkOutcome outcome = run(pluginJar(MisbehavingRelu.class), Duration.ofSeconds(20), Duration.ofSeconds(120));

        assertThat(outcome.kind()).as(outcome.describe()).isEqualTo(ForkOutcome.Kind.COMPLETED);
        ResultFile.Content content = ResultFile.read(dir.resolve("results.tsv"));
        assertThat(content.providers()).extracting(ResultFile.Provider::id).containsExactly("test-relu");
        assertThat(content.results()).singleElement().satisfies(r -> {
            assertThat(r.claim()).isEqualTo("Relu/float32/ANY");
            assertThat(r.status()).isEqualTo("PASSED");
            assertThat(r.cases()).isEqualTo(10);
        });
        assertThat(content.run().seed()).isEqualTo(11);
        assertThat(dir.resolve("conformance-test-relu.json")).exists();
    }

    @Test
    void aKernelCallingSystemExitIsNamedWithItsCaller() throws Exception {
        ForkOutcome outcome =
                run(pluginJar(MisbehavingRelu.Exits.class), Duration.ofSeconds(20), Duration.ofSeconds(120));

        assertThat(outcome.kind()).isEqualTo(ForkOutcome.Kind.EARLY_EXIT);
        assertThat(outcome.exitCode()).isEqualTo(5);
        assertThat(outcome.where())
                .startsWith("Relu/float32/ANY#numerics, vendor call #")
                .contains("invoke Relu(float32[");
        assertThat(outcome.detail())
                .contains("System.exit was called by thread")
                .contains("MisbehavingRelu$Exits.misbehave");
    }

    @Test
    void aHangingKernelIsKilledAfterThePerCaseTimeout() throws Exception {
        long t0 = System.nanoTime();
        ForkOutcome outcome =
                run(pluginJar(MisbehavingRelu.Hangs.class), Duration.ofSeconds(2), Duration.ofSeconds(120));
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;

        assertThat(outcome.kind()).isEqualTo(ForkOutcome.Kind.CASE_TIMEOUT);
        assertThat(outcome.where())
                .startsWith("Relu/float32/ANY#numerics, vendor call #")
                .contains("invoke Relu(float32[");
        assertThat(outcome.describe()).contains("per-case timeout of 2 s");
        assertThat(seconds).isLessThan(60);
        assertThat(dir.resolve("results.tsv")).doesNotExist();
    }

    @Test
    void theTotalTimeoutBoundsTheRun() throws Exception {
        ForkOutcome outcome =
                run(pluginJar(MisbehavingRelu.Hangs.class), Duration.ofSeconds(60), Duration.ofSeconds(3));

        assertThat(outcome.kind()).isEqualTo(ForkOutcome.Kind.TOTAL_TIMEOUT);
        assertThat(outcome.describe()).contains("total timeout of 3 s");
    }

    @Test
    void aProviderThatCannotBeCreatedIsASetupFailure() throws Exception {
        Path jar = dir.resolve("plugin.jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry("META-INF/services/dev.vela.spi.OperatorProvider"));
            j.write("com.example.Missing\n".getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }

        ForkOutcome outcome = run(jar, Duration.ofSeconds(20), Duration.ofSeconds(60));

        assertThat(outcome.kind()).isEqualTo(ForkOutcome.Kind.SETUP_FAILED);
        assertThat(outcome.detail()).contains("cannot create provider com.example.Missing");
    }
}
