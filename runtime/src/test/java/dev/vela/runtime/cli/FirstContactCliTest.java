package dev.vela.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.runtime.bench.compare.ReferenceEngines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What a first-time user of {@code vela} meets: usage, help texts, the engines command. */
class FirstContactCliTest {

    private record Result(int code, String out, String err) {
    }

    private static Result cli(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = VelaCli.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void velaWithoutACommandIsAUsageErrorOnStderr() {
        Result r = cli();

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("vela: a command is required", "Usage: vela", "run", "bench", "inspect");
    }

    @Test
    void helpIsStillASuccess() {
        Result r = cli("--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: vela");
    }

    @Test
    void everyModelOptionNamesTheVelaPackage() {
        for (String command : new String[] {"run", "bench", "inspect"}) {
            Result r = cli(command, "--help");

            assertThat(r.code()).as(command).isZero();
            assertThat(r.out()).as(command).contains(".onnx", ".tflite", ".vela");
        }
    }

    @Test
    void aMissingModelFileFailsWithExitCodeOne() {
        Result r = cli("inspect", "--model", "no-such-model.onnx");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no-such-model.onnx").doesNotContain("\tat ");
    }

    @Test
    void theEnginesCommandTheToolPrintsIsTheOneTheReadmeShows() throws Exception {
        String readme = Files.readString(Path.of("README.md"));

        assertThat(ReferenceEngines.HOW_TO_ENABLE).contains(ReferenceEngines.ENGINES_COMMAND);
        assertThat(readme).contains(ReferenceEngines.ENGINES_COMMAND);
        // one reactor run that packages the SDK modules it copies beside: a lone copy-dependencies fails on a
        // clean machine (the SDK's own artifacts are not in the local repository)
        assertThat(ReferenceEngines.ENGINES_COMMAND).contains(" -am package dependency:copy-dependencies ");
    }
}
