package dev.vela.runtime.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.runtime.Model;
import dev.vela.runtime.cli.VelaCli;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.io.Npy;
import dev.vela.spi.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every model of {@code tflite/mlcommons-tiny} and {@code tflite/tflite-micro} runs through {@code vela run}
 * (.npy in, .npy out) with outputs of the declared type and shape, except the three whose custom operators
 * (Ethos-U, TFLM signal processing) are refused by name: the signal operators need a plugin that defines them, the
 * Ethos-U command stream is not FlexBuffers options.
 */
class TfliteModelsRunTest {

    /** Models made of custom operators, and the first custom operator the refusal must name. */
    private static final Map<String, String> CUSTOM = Map.of(
            "person_detect_vela.tflite", "ethos-u",
            "audio_preprocessor_float.tflite", "SignalWindow",
            "audio_preprocessor_int8.tflite", "SignalWindow");

    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> everyModelRunsThroughVelaRun() throws IOException {
        Path dir = TfliteData.require();
        List<Path> models = new ArrayList<>();
        for (String folder : List.of("mlcommons-tiny", "tflite-micro")) {
            try (Stream<Path> files = Files.list(dir.resolve(folder))) {
                files.filter(f -> f.toString().endsWith(".tflite")).sorted().forEach(models::add);
            }
        }
        assertThat(models).hasSizeGreaterThanOrEqualTo(34);
        return models.stream().map(m -> DynamicTest.dynamicTest(m.getFileName().toString(), () -> check(m)));
    }

    private void check(Path modelFile) throws IOException {
        String name = modelFile.getFileName().toString();
        if (CUSTOM.containsKey(name)) {
            if (name.contains("vela")) {
                assertThatThrownBy(() -> Model.load(modelFile))
                        .isInstanceOf(TfliteFormatException.class)
                        .hasMessageContaining(name)
                        .hasMessageContaining("CUSTOM:" + CUSTOM.get(name));
            } else {
                assertThatThrownBy(() -> Model.load(modelFile))
                        .isInstanceOf(dev.vela.runtime.error.UnsupportedOperatorException.class)
                        .hasMessageContaining(name)
                        .hasMessageContaining("tflite:" + CUSTOM.get(name))
                        .hasMessageContaining("load a plugin that defines it");
            }
            return;
        }
        Model model = Model.load(modelFile);
        Path runDir = Files.createDirectories(work.resolve(name));
        List<String> args = new ArrayList<>(List.of("run", "--model", modelFile.toString()));
        int k = 0;
        for (Map.Entry<String, Tensor> e : RandomInputs.of(model, 42).entrySet()) {
            Path npy = runDir.resolve("input" + k++ + ".npy");
            Npy.write(npy, e.getValue());
            args.add("--input");
            args.add(e.getKey() + "=" + npy);
        }
        Path out = runDir.resolve("out");
        args.addAll(List.of("--output-dir", out.toString()));
        runCli(args.toArray(new String[0]));
        for (ValueSpec spec : model.outputs()) {
            Tensor y = Npy.read(out.resolve(Npy.safeFileName(spec.name()) + ".npy"));
            assertThat(y.dataType()).as("type of output %s", spec.name()).isEqualTo(spec.dataType());
            assertThat(y.shape().toLongArray())
                    .as("shape of output %s", spec.name())
                    .containsExactly(spec.dims());
            if (y.dataType().isFloatingPoint()) {
                for (float v : y.toFloatArray()) {
                    assertThat(Float.isFinite(v))
                            .as("finite output of %s", name)
                            .isTrue();
                }
            }
        }
    }

    private static void runCli(String... args) {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = VelaCli.execute(args);
        } finally {
            System.setOut(oldOut);
        }
        assertThat(code)
                .as("exit code of vela %s, output: %s", String.join(" ", args), buffer)
                .isZero();
    }
}
