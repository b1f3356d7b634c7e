package dev.vela.samples.signalbroken;

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
 * The gate on the signal plugin with planted bugs, run by failsafe after {@code package}: the shaded jar goes
 * through the gate's own fork entry point ({@link CertifyMain}, what {@code vela:certify} starts) in a separate JVM.
 * The build fails unless exactly the two buggy operators are refused, each by the checks meant to find its bug, and
 * the seven correct kernels beside them are certified.
 */
class GateRefusesBrokenSignalPluginIT {
    private static final long SEED = 20261120L;
    private static final String SUBTRACTION = "tflite:SignalFilterBankSpectralSubtraction/uint32/ANY";
    private static final String LOG = "tflite:SignalFilterBankLog/uint32/ANY";

    private static ResultFile.Content results;

    @BeforeAll
    static void certify() throws Exception {
        Path jar = Path.of(System.getProperty("broken.jar", "target/vela-sample-signal-broken-0.1.0-SNAPSHOT.jar"));
        assertThat(jar).as("the packaged plugin jar").isRegularFile();
        Path reportDir = Path.of(System.getProperty("broken.out", "target/vela"));
        Files.createDirectories(reportDir);
        Path resultFile = reportDir.resolve("result.json");
        Files.deleteIfExists(resultFile);
        ForkConfig config = new ForkConfig(
                jar,
                reportDir,
                reportDir.resolve("progress.bin"),
                resultFile,
                SEED,
                30,
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

    private static Set<String> findings(String claim) {
        return results.results().stream()
                .filter(r -> r.failed() && r.claim().equals(claim))
                .map(r -> r.check())
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
    void onlyTheTwoBuggyOperatorsFail() {
        assertThat(results.providers()).extracting(ResultFile.Provider::id).containsExactly(BrokenSignalProvider.ID);
        Set<String> failed = results.results().stream()
                .filter(ResultFile.Result::failed)
                .map(ResultFile.Result::claim)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(failed).containsExactlyInAnyOrder(SUBTRACTION, LOG);
        Set<String> claims =
                results.results().stream().map(ResultFile.Result::claim).collect(Collectors.toCollection(TreeSet::new));
        assertThat(claims).hasSize(11);
    }

    @Test
    void theForgetfulSpectralSubtractionIsCaughtByTheStreamCaseAndTheStateCheck() {
        assertThat(findings(SUBTRACTION)).contains("admission-cases", "state");
        assertThat(message(SUBTRACTION, "admission-cases"))
                .contains("PySpectralSubtractionStream5Frames")
                .contains("step 1");
        // a single frame from the initial state is right: the single-invocation checks pass
        assertThat(findings(SUBTRACTION)).doesNotContain("numerics", "output-types");
    }

    @Test
    void theTruncatingLogIsCaughtByNumericsAndTheShippedCases() {
        assertThat(findings(LOG)).contains("numerics", "admission-cases");
        assertThat(message(LOG, "admission-cases")).contains("the kernel gives");
    }
}
