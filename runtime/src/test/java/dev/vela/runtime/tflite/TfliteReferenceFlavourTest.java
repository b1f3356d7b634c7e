package dev.vela.runtime.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.NumericsFlavour;
import dev.vela.spi.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The {@code tflite} numerics flavour (D15) against its definition, TFLite 2.20's reference kernels
 * ({@code BuiltinRefOpResolver}, through {@link ReferenceKernelResolver}): every model of {@code tflite/mlcommons-tiny}
 * and {@code tflite/tflite-micro} that TFLite runs, on {@value #RUNS} seeded random inputs each, must give integer
 * outputs identical to TFLite's and float outputs within the float tolerance policy; DTLN streamed frame by frame
 * must follow TFLite's stateful run bit for bit. Skipped where the oracle cannot be built (no g++, no JDK headers,
 * no native TFLite for the platform).
 */
class TfliteReferenceFlavourTest {

    static final int RUNS = 5;
    private static final long BASE_SEED = 20261207L;

    /**
     * Dynamic-range ("hybrid") models, float activations with int8 weights: TFLite quantizes their activations on
     * the fly, which is issue 16's dynamic-range kernels, not an integer flavour. Excluded here;
     * {@link HybridKernelsOracleTest} checks them.
     */
    static final Set<String> HYBRID = TfliteOracleTest.HYBRID;

    @TestFactory
    Stream<DynamicTest> everyRunnableModelMatchesTflitesReferenceKernels() throws IOException {
        Path dir = TfliteData.require();
        String unavailable = ReferenceKernelResolver.unavailableReason();
        assumeTrue(unavailable == null, unavailable);
        List<Path> models = new ArrayList<>();
        for (String folder : List.of("mlcommons-tiny", "tflite-micro")) {
            try (Stream<Path> files = Files.list(dir.resolve(folder))) {
                files.filter(f -> f.toString().endsWith(".tflite"))
                        .filter(f -> !TfliteOracleTest.CUSTOM.contains(
                                f.getFileName().toString()))
                        .filter(f -> !TfliteOracleTest.ORACLE_CANNOT_RUN.containsKey(
                                f.getFileName().toString()))
                        .filter(f -> !HYBRID.contains(f.getFileName().toString()))
                        .sorted()
                        .forEach(models::add);
            }
        }
        assertThat(models).as("models TFLite runs, hybrids excluded").hasSize(27);
        return models.stream().map(m -> DynamicTest.dynamicTest(m.getFileName().toString(), () -> compare(m)));
    }

    private static void compare(Path file) {
        String name = file.getFileName().toString();
        Model model = Model.load(file).withNumerics(NumericsFlavour.TFLITE);
        try (TfliteOracle oracle = TfliteOracle.reference(file);
                Session session = model.newSession()) {
            for (int run = 0; run < RUNS; run++) {
                long seed = BASE_SEED + run;
                Map<String, Tensor> inputs = RandomInputs.of(model, seed);
                List<byte[]> raw = new ArrayList<>();
                inputs.values().forEach(t -> raw.add(t.toByteArray()));
                List<byte[]> expected = oracle.run(raw, model.outputs().size());
                Map<String, Tensor> actual = session.reset().run(inputs);
                for (int o = 0; o < model.outputs().size(); o++) {
                    ValueSpec spec = model.outputs().get(o);
                    String where = name + " (numerics tflite) seed " + seed + " output '" + spec.name() + "'";
                    TfliteOracleTest.check(where, actual.get(spec.name()), expected.get(o));
                }
            }
        }
    }

    @Test
    void dtlnStreamedWithTheTfliteFlavourIsBitExactWithTflitesStatefulRun() throws IOException {
        String unavailable = ReferenceKernelResolver.unavailableReason();
        assumeTrue(unavailable == null, unavailable);
        Path dtln = DtlnFrames.dtln();
        Model model = Model.load(dtln).withNumerics(NumericsFlavour.TFLITE);
        List<byte[]> frames = DtlnFrames.frames();
        List<byte[]> tflite = new ArrayList<>();
        try (TfliteOracle oracle = TfliteOracle.reference(dtln)) {
            tflite.add(oracle.run(List.of(frames.get(0)), 1).get(0));
            for (byte[] f : frames.subList(1, frames.size())) {
                tflite.add(oracle.runKeepingState(List.of(f), 1).get(0));
            }
        }
        int resetWorst = 0;
        try (Session streamed = model.newSession();
                Session resetting = model.newSession()) {
            for (int i = 0; i < frames.size(); i++) {
                byte[] kept = DtlnFrames.run(streamed, model, frames.get(i));
                assertThat(kept).as("frame %d of the stream", i).isEqualTo(tflite.get(i));
                byte[] fresh = DtlnFrames.run(resetting.reset(), model, frames.get(i));
                resetWorst = Math.max(resetWorst, DtlnFrames.maxLsb(fresh, tflite.get(i)));
            }
        }
        System.out.printf(
                "DTLN, numerics tflite, %d frames: streamed bit-exact with TFLite's reference kernels;"
                        + " reset every frame %d LSB off%n",
                frames.size(), resetWorst);
        assertThat(resetWorst).as("a run that forgets the state").isGreaterThan(10);
    }
}
