package dev.vela.runtime.cli;

import static dev.vela.runtime.cli.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vela.runtime.Model;
import dev.vela.runtime.cli.CliRun.Result;
import dev.vela.spi.NumericsFlavour;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --numerics tflm|tflite} (D15) on the commands that run models, {@code vela diff} between two flavours, and
 * {@code vela convert --numerics} recording the flavour in the package. The model is ad01_int8 (MLPerf Tiny anomaly
 * detection: ten int8 FULLY_CONNECTED layers, where the flavours differ).
 */
class NumericsOptionTest {

    @TempDir
    Path dir;

    private static Path ad01() {
        String root = System.getProperty("vela.data", "");
        Path file = root.isEmpty() ? null : Path.of(root, "tflite/mlcommons-tiny/anomaly_detection__ad01_int8.tflite");
        assumeTrue(file != null && Files.isRegularFile(file), "external data not found (set -Dvela.data)");
        return file;
    }

    @Test
    void diffBetweenTheTwoFlavoursNamesTheFirstFullyConnectedThatDiffers() {
        Path model = ad01();
        Result same = cli("diff", "--model", model.toString(), "--numerics", "tflite");
        assertThat(same.code()).as(same.out() + same.err()).isZero();
        assertThat(same.out())
                .contains("numerics  subject tflite, baseline tflite")
                .contains("the runs agree");

        Result two = cli("diff", "--model", model.toString(), "--numerics", "tflite", "--baseline-numerics", "tflm");
        assertThat(two.code()).as(two.out() + two.err()).isEqualTo(1);
        assertThat(two.out())
                .contains("numerics  subject tflite, baseline tflm")
                .contains("FIRST DIVERGENCE")
                .containsPattern("first divergence: node '[^']+' \\(Gemm");
    }

    @Test
    void runAndBenchTakeTheFlavourAndAnUnknownOneIsAClearError() throws Exception {
        Path model = ad01();
        Model m = Model.load(model);
        Path x = dir.resolve("x.npy");
        dev.vela.runtime.io.Npy.write(
                x,
                dev.vela.spi.Tensor.allocate(
                        dev.vela.spi.TensorType.of(m.inputs().get(0).dataType(), dev.vela.spi.Shape.of(1, 640))));
        Result run = cli(
                "run",
                "--model",
                model.toString(),
                "--numerics",
                "tflite",
                "--input",
                m.inputs().get(0).name() + "=" + x,
                "--output-dir",
                dir.resolve("out").toString());
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(dir.resolve("out")).isDirectoryContaining("glob:**.npy");
        Result bench =
                cli("bench", "--model", model.toString(), "--numerics", "tflite", "--warmup", "0", "--runs", "1");
        assertThat(bench.code()).as(bench.out() + bench.err()).isZero();
        Result unknown = cli("bench", "--model", model.toString(), "--numerics", "tflite-micro", "--runs", "1");
        assertThat(unknown.code()).isNotZero();
        assertThat(unknown.err())
                .contains("--numerics: unknown numerics flavour 'tflite-micro' (known: tflm, tflite)")
                .doesNotContain("\tat ");
    }

    @Test
    void convertRecordsTheFlavourInThePackage() {
        Path model = ad01();
        Path out = dir.resolve("ad01.vela");
        Result r = cli("convert", model.toString(), "-o", out.toString(), "--numerics", "tflite");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(Model.load(out).numerics()).isEqualTo(NumericsFlavour.TFLITE);
        assertThat(Model.load(model).numerics()).isEqualTo(NumericsFlavour.TFLM);
        Result inspect = cli("inspect", "--model", out.toString());
        assertThat(inspect.out()).contains("numerics: tflite");
        Result back = cli("inspect", "--model", out.toString(), "--numerics", "tflm");
        assertThat(back.out()).contains("numerics: tflm");
        Result diff = cli("diff", "--model", out.toString(), "--baseline-numerics", "tflm");
        assertThat(diff.out()).contains("numerics  subject tflite, baseline tflm");
        assertThat(diff.code()).isEqualTo(1);
    }
}
