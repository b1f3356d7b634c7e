package dev.vela.runtime.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every runnable model of {@code tflite/mlcommons-tiny} and {@code tflite/tflite-micro} against TFLite's own
 * interpreter ({@link TfliteOracle}) on {@value #RUNS} seeded random inputs each: integer outputs must be identical,
 * float outputs within rtol {@value #RTOL} / atol {@value #ATOL}. A failure names the model, the seed, the output
 * and the first differing element.
 *
 * <p>The oracle runs TFLite's optimized kernels, what TFLite applications run without a delegate ({@link
 * TfliteReferenceFlavourTest} compares the {@code tflite} numerics flavour with TFLite's reference kernels). Vela's integer kernels are
 * bit-exact with TFLite's reference kernels and TFLite Micro (the seanet, DTLN and network_tester goldens prove
 * it), and on {@link #OPTIMIZED_KERNEL_LSB the models listed} TFLite's optimized CONV_2D, FULLY_CONNECTED, MEAN and
 * int8 LSTM kernels round some requantizations differently. For those models a differing run is explained, not
 * tolerated: every TFLite operator is re-run alone through Vela on TFLite's own input tensors
 * ({@link TfliteOperatorDiff}), and only the listed operators may differ, by at most 1 LSB; anything else fails.
 * Dynamic-range ("hybrid") models are judged by {@link HybridKernelsOracleTest}: their layers alone on TFLite's
 * inputs, and the model at the float policy unless a float rounding upstream flips an on-the-fly quantization step.
 */
class TfliteOracleTest {

    static final int RUNS = 20;
    static final double RTOL = 1e-4;
    static final double ATOL = 1e-5;
    private static final long BASE_SEED = 20261120L;

    static final Set<String> CUSTOM =
            Set.of("person_detect_vela.tflite", "audio_preprocessor_float.tflite", "audio_preprocessor_int8.tflite");

    /**
     * Models TFLite 2.20's interpreter cannot run, so the oracle cannot judge them (they are covered by goldens,
     * label checks and {@link TfliteModelsRunTest}); the reason is asserted where TFLite fails cleanly.
     */
    static final Map<String, String> ORACLE_CANNOT_RUN = Map.of(
            // TOCO wrote per-axis quantization with quantized_dimension 3 on 1-D bias tensors: TFLM accepts it,
            // TFLite refuses ("quantized_dimension must be in range [0, 1). Was 3.")
            "person_detect.tflite", "build an interpreter",
            // running it in TFLite corrupts the process's memory (the JVM crashes right after Invoke): never invoked
            "keyword_scrambled_8bit.tflite", "");

    /** Per model: the TFLite operators whose optimized kernels may differ from the reference by 1 LSB. */
    static final Map<String, Set<String>> OPTIMIZED_KERNEL_LSB = Map.of(
            "anomaly_detection__ToyCar__baseline_tf23__model__model_ToyCar_quant_fullint.tflite",
            Set.of("FULLY_CONNECTED"),
            "anomaly_detection__ToyCar__baseline_tf23__model__model_ToyCar_quant_fullint_micro.tflite",
            Set.of("FULLY_CONNECTED"),
            "anomaly_detection__ToyCar__baseline_tf23__model__model_ToyCar_quant_fullint_micro_intio.tflite",
            Set.of("FULLY_CONNECTED"),
            "anomaly_detection__ad01_int8.tflite",
            Set.of("FULLY_CONNECTED"),
            "image_classification__pretrainedResnet_quant.tflite",
            Set.of("CONV_2D"),
            "dtln_noise_suppression.tflite",
            Set.of("FULLY_CONNECTED", "UNIDIRECTIONAL_SEQUENCE_LSTM"),
            "mobilenet_v2_quantized_1x3x224x224.tflite",
            Set.of("CONV_2D", "FULLY_CONNECTED", "MEAN"));

    /** Dynamic-range models: float activations, int8 weights; judged by {@link HybridKernelsOracleTest}. */
    static final Set<String> HYBRID = Set.of(
            "anomaly_detection__ToyCar__baseline_tf23__model__model_ToyCar_quant.tflite",
            "keyword_spotting__kws_ref_model_float32.tflite");

    @TestFactory
    Stream<DynamicTest> everyModelAgreesWithTflite() throws IOException {
        Path dir = TfliteData.require();
        String unavailable = TfliteOracle.unavailableReason();
        assumeTrue(unavailable == null, unavailable);
        List<Path> models = new ArrayList<>();
        for (String folder : List.of("mlcommons-tiny", "tflite-micro")) {
            try (Stream<Path> files = Files.list(dir.resolve(folder))) {
                files.filter(f -> f.toString().endsWith(".tflite"))
                        .filter(f -> !CUSTOM.contains(f.getFileName().toString()))
                        .filter(f -> !HYBRID.contains(f.getFileName().toString()))
                        .sorted()
                        .forEach(models::add);
            }
        }
        return models.stream().map(m -> DynamicTest.dynamicTest(m.getFileName().toString(), () -> compare(m)));
    }

    private static void compare(Path file) {
        String cannot = ORACLE_CANNOT_RUN.get(file.getFileName().toString());
        if (cannot != null) {
            if (!cannot.isEmpty()) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TfliteOracle(file).close())
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining(cannot);
            }
            return;
        }
        String name = file.getFileName().toString();
        Model model = Model.load(file);
        Set<String> mayDiffer = OPTIMIZED_KERNEL_LSB.getOrDefault(name, Set.of());
        TfliteGraph imported = mayDiffer.isEmpty() ? null : importModel(file);
        int explained = 0;
        try (TfliteOracle oracle = new TfliteOracle(file, !mayDiffer.isEmpty());
                Session session = model.newSession()) {
            for (int run = 0; run < RUNS; run++) {
                long seed = BASE_SEED + run;
                Map<String, Tensor> inputs = RandomInputs.of(model, seed);
                List<byte[]> raw = new ArrayList<>();
                inputs.values().forEach(t -> raw.add(t.toByteArray()));
                List<byte[]> expected = oracle.run(raw, model.outputs().size());
                // the oracle resets TFLite's variable tensors before every run: so does the session (LSTM/SVDF state)
                Map<String, Tensor> actual = session.reset().run(inputs);
                try {
                    for (int o = 0; o < model.outputs().size(); o++) {
                        ValueSpec spec = model.outputs().get(o);
                        String where = name + " seed " + seed + " output '" + spec.name() + "'";
                        check(where, actual.get(spec.name()), expected.get(o));
                    }
                } catch (AssertionError e) {
                    if (mayDiffer.isEmpty()) {
                        throw e;
                    }
                    explainByOperators(name, seed, imported, oracle, mayDiffer, e);
                    explained++;
                }
            }
        }
        if (!mayDiffer.isEmpty()) {
            System.out.println("[tflite-oracle] " + name + ": " + (RUNS - explained) + "/" + RUNS + " runs identical, "
                    + explained + " differ only through 1-LSB differences of " + mayDiffer);
        }
    }

    /** Every operator alone on TFLite's inputs: only the documented ones may differ, by at most 1 LSB. */
    private static void explainByOperators(
            String name,
            long seed,
            TfliteGraph imported,
            TfliteOracle oracle,
            Set<String> mayDiffer,
            AssertionError endToEnd) {
        for (TfliteOperatorDiff.Result r : TfliteOperatorDiff.compare(imported, oracle)) {
            if (r.differing() == 0) {
                continue;
            }
            if (!mayDiffer.contains(r.code()) || r.maxUnits() > 1) {
                AssertionError e = new AssertionError(name + " seed " + seed + ": operator " + r
                        + " on TFLite's own inputs; only " + mayDiffer + " may differ, by 1 LSB");
                e.addSuppressed(endToEnd);
                throw e;
            }
        }
    }

    private static TfliteGraph importModel(Path file) {
        try {
            return TfliteImporter.importBytes(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void check(String where, Tensor actual, byte[] expected) {
        assertThat(actual.toByteArray().length).as("%s: byte size", where).isEqualTo(expected.length);
        if (!actual.dataType().isFloatingPoint()) {
            byte[] got = actual.toByteArray();
            for (int i = 0; i < got.length; i++) {
                if (got[i] != expected[i]) {
                    int element = i / actual.dataType().byteSize();
                    throw new AssertionError(where + ": element " + element + " is " + actual.getLong(element)
                            + ", TFLite gives " + integer(expected, element, actual.dataType())
                            + " (integer outputs must be identical)");
                }
            }
            return;
        }
        assertThat(actual.dataType()).isEqualTo(DataType.FLOAT32);
        ByteBuffer want = ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < actual.elementCount(); i++) {
            double got = actual.getDouble(i);
            double ref = want.getFloat(4 * i);
            if (!(Math.abs(got - ref) <= ATOL + RTOL * Math.abs(ref))) {
                throw new AssertionError(where + ": element " + i + " is " + got + ", TFLite gives " + ref
                        + " (beyond rtol " + RTOL + " / atol " + ATOL + ")");
            }
        }
    }

    private static long integer(byte[] bytes, int element, DataType type) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return switch (type.byteSize()) {
            case 1 -> type.isSigned() ? b.get(element) : b.get(element) & 0xff;
            case 2 -> type.isSigned() ? b.getShort(2 * element) : b.getShort(2 * element) & 0xffff;
            case 4 -> b.getInt(4 * element);
            default -> b.getLong(8 * element);
        };
    }
}
