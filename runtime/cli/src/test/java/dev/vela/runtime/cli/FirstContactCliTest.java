package dev.vela.runtime.cli;

import static dev.vela.runtime.cli.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.runtime.bench.compare.ReferenceEngines;
import dev.vela.runtime.cli.CliRun.Result;
import dev.vela.runtime.io.Npy;
import dev.vela.runtime.testing.Onnx;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a first-time user of {@code vela} meets: usage, help texts, the engines command. */
class FirstContactCliTest {

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
    void runWritesOnlyTheSelectedOutputs(@TempDir Path dir) throws Exception {
        // y = Relu(x + b) has the intermediate s; selecting y writes y alone
        Path model = dir.resolve("add_relu.onnx");
        Files.write(model, Onnx.model(Onnx.addReluGraph()));
        Path x = dir.resolve("x.npy");
        Npy.write(x, Tensor.ofFloats(Shape.of(1, 3), 1, 2, 3));
        Path out = dir.resolve("out");

        Result r = cli(
                "run",
                "--model",
                model.toString(),
                "--input",
                "x=" + x,
                "--output",
                "y",
                "--output-dir",
                out.toString());
        Result unknown = cli(
                "run",
                "--model",
                model.toString(),
                "--input",
                "x=" + x,
                "--output",
                "s",
                "--output-dir",
                out.toString());

        assertThat(r.code()).as(r.err()).isZero();
        try (var files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("y.npy");
        }
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("'s' is not an output of the model; outputs are [y]");
    }

    @Test
    void theEnginesCommandTheToolPrintsIsTheOneTheReadmeShows() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));

        assertThat(ReferenceEngines.HOW_TO_ENABLE).contains(ReferenceEngines.ENGINES_COMMAND);
        assertThat(readme).contains(ReferenceEngines.ENGINES_COMMAND);
        // one reactor run that packages the SDK modules it copies beside: a lone copy-dependencies fails on a
        // clean machine (the SDK's own artifacts are not in the local repository)
        assertThat(ReferenceEngines.ENGINES_COMMAND).contains(" -am package dependency:copy-dependencies ");
    }
}
