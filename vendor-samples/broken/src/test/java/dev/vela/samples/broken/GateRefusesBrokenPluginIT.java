package dev.vela.samples.broken;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.maven.fork.CertifyMain;
import dev.vela.maven.fork.ForkConfig;
import dev.vela.maven.fork.ResultFile;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo of the gate, run by failsafe after {@code package}: the packaged jar goes through the
 * gate's own fork entry point ({@link CertifyMain}, what {@code vela:certify} starts) in a separate
 * JVM with the gate's JVM options, and the build fails unless every one of the four bugs is found
 * by the check meant to find it and nothing is certified that should not be.
 */
class GateRefusesBrokenPluginIT {

    private static final long SEED = 20261120L;

    private static ResultFile.Content results;
    private static Path reportDir;

    @BeforeAll
    static void certify() throws Exception {
        Path jar = Path.of(System.getProperty("broken.jar", "target/vela-sample-broken-0.1.0-SNAPSHOT.jar"));
        assertThat(jar).as("the packaged plugin jar").isRegularFile();
        reportDir = Path.of(System.getProperty("broken.out", "target/vela"));
        Files.createDirectories(reportDir);
        Path resultFile = reportDir.resolve("result.json");
        Files.deleteIfExists(resultFile);
        // generous time per check: the findings must not depend on how loaded the machine is
        ForkConfig config = new ForkConfig(
                jar,
                reportDir,
                reportDir.resolve("progress.bin"),
                resultFile,
                SEED,
                40,
                30,
                "default",
                List.of(),
                Set.of(),
                Set.of(),
                Map.of(),
                Map.of());
        Path configFile = reportDir.resolve("fork.properties");
        config.write(configFile);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = jar + File.pathSeparator + System.getProperty("java.class.path");
        Process fork = new ProcessBuilder(
                        java,
                        "-Xmx1g",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        classPath,
                        CertifyMain.class.getName(),
                        configFile.toString())
                .redirectOutput(reportDir.resolve("fork-stdout.log").toFile())
                .redirectError(reportDir.resolve("fork-stderr.log").toFile())
                .start();
        assertThat(fork.waitFor(10, TimeUnit.MINUTES))
                .as("the certification run finishes")
                .isTrue();
        assertThat(fork.exitValue())
                .as("the fork completes (see target/vela/fork-stderr.log)")
                .isZero();
        results = ResultFile.read(resultFile);
    }

    /** @return "claim#check" of every failed or errored check */
    private static Set<String> findings() {
        return results.results().stream()
                .filter(ResultFile.Result::failed)
                .map(r -> r.claim() + "#" + r.check())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String message(String claim, String check) {
        return results.results().stream()
                .filter(r -> r.claim().equals(claim) && r.check().equals(check))
                .map(ResultFile.Result::message)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void onlyTheSamplesProviderIsTested() {
        assertThat(results.providers()).extracting(ResultFile.Provider::id).containsExactly(BrokenSampleProvider.ID);
    }

    @Test
    void everyClaimFailsCertification() {
        Set<String> failedClaims = results.results().stream()
                .filter(ResultFile.Result::failed)
                .map(ResultFile.Result::claim)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(failedClaims)
                .containsExactlyInAnyOrder(
                        "Add/float32/ANY", "Conv/float32/NCHW", "Relu/float32/ANY", "Sigmoid/float32/ANY");
    }

    @Test
    void convIgnoringEndPadsIsCaughtByItsOutputShape() {
        assertThat(findings()).contains("Conv/float32/NCHW#output-types");
        assertThat(message("Conv/float32/NCHW", "output-types")).contains("differ from the reference's");
    }

    @Test
    void addWithSuffixBroadcastIsCaughtByNumerics() {
        assertThat(findings()).contains("Add/float32/ANY#numerics");
        // The output shape is right: only the values are wrong.
        assertThat(findings()).doesNotContain("Add/float32/ANY#output-types");
    }

    @Test
    void reluSwallowingNanIsCaughtByNumerics() throws Exception {
        assertThat(findings()).filteredOn(f -> f.startsWith("Relu/")).containsExactly("Relu/float32/ANY#numerics");
        // the kit shrinks the failing case to the one value that shows the bug
        assertThat(Files.readString(reportDir.resolve("conformance-" + BrokenSampleProvider.ID + ".json")))
                .contains("input 0: float32[] = [NaN]");
    }

    @Test
    void sigmoidInPlaceIsCaughtByInputsUnchangedOnly() {
        assertThat(findings())
                .filteredOn(f -> f.startsWith("Sigmoid/"))
                .containsExactly("Sigmoid/float32/ANY#inputs-unchanged");
    }

    @Test
    void reportsCarryTheFailuresWithReplayLines() throws Exception {
        String json = Files.readString(reportDir.resolve("conformance-" + BrokenSampleProvider.ID + ".json"));
        assertThat(json).contains("FAILED").contains("-Dvela.conformance.replay=");
        assertThat(Files.readString(reportDir.resolve("TEST-conformance-" + BrokenSampleProvider.ID + ".xml")))
                .contains("<failure");
    }
}
