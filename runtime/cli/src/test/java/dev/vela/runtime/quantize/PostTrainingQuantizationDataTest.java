package dev.vela.runtime.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.convert.Conversion;
import dev.vela.runtime.convert.ModelComparison;
import dev.vela.runtime.convert.OutputAgreement;
import dev.vela.runtime.passes.Pass;
import dev.vela.runtime.passes.Passes;
import dev.vela.spi.DataType;
import dev.vela.spi.Quantization;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five float models of the converter issue quantize to int8 and stay close to the float model (cosine >= 0.99,
 * same top-1 on the real samples), and are compared with the official int8 versions on the same inputs. Needs
 * {@code -Dvela.data=<shared data>}; calibration sets are built into a temp directory at test time.
 */
class PostTrainingQuantizationDataTest {

    private static final String TINY = "tflite/mlcommons-tiny/";
    private static final List<String> TABLE = new ArrayList<>();

    @TempDir
    Path work;

    private static Path data() {
        String data = System.getProperty("vela.data");
        Path dir = data == null ? null : Path.of(data);
        assumeTrue(
                dir != null && Files.isDirectory(dir.resolve("tflite/mlcommons-tiny")),
                "external models not found: set -Dvela.data=<shared data folder> (see the data README)");
        return dir;
    }

    @AfterAll
    static void printTable() {
        if (!TABLE.isEmpty()) {
            System.out.println("| model | calibration | validation | kept float | cosine ours/float | top-1 ours/float"
                    + " | cosine official/float | top-1 official/float | cosine ours/official | top-1 ours/official"
                    + " | size float -> ours (official) | dynamic: cosine, top-1 vs float, size |");
            TABLE.forEach(System.out::println);
        }
    }

    @Test
    void vww() throws IOException {
        Path d = data();
        String in = Model.load(d.resolve(TINY + "visual_wake_words__vww_96_float.tflite"))
                .inputs()
                .get(0)
                .name();
        List<Map<String, Tensor>> calibration = new ArrayList<>(PtqSamples.vww(d, in, false));
        calibration.addAll(PtqSamples.vww(d, in, true));
        check(
                "vww_96_float",
                d.resolve(TINY + "visual_wake_words__vww_96_float.tflite"),
                d.resolve(TINY + "visual_wake_words__vww_96_int8.tflite"),
                calibration,
                "person/no_person BMPs and their mirror images (4)",
                PtqSamples.vww(d, in, false),
                "person/no_person BMPs (real)",
                true);
    }

    @Test
    void vwwWithPercentileCalibration() throws IOException {
        Path d = data();
        String in = Model.load(d.resolve(TINY + "visual_wake_words__vww_96_float.tflite"))
                .inputs()
                .get(0)
                .name();
        List<Map<String, Tensor>> calibration = new ArrayList<>(PtqSamples.vww(d, in, false));
        calibration.addAll(PtqSamples.vww(d, in, true));
        check(
                "vww_96_float (percentile 99.99)",
                d.resolve(TINY + "visual_wake_words__vww_96_float.tflite"),
                d.resolve(TINY + "visual_wake_words__vww_96_int8.tflite"),
                calibration,
                "person/no_person BMPs and their mirror images (4)",
                PtqSamples.vww(d, in, false),
                "person/no_person BMPs (real)",
                true,
                CalibrationMethod.PERCENTILE);
    }

    @Test
    void kws() throws IOException {
        Path d = data();
        Model official = Model.load(d.resolve(TINY + "keyword_spotting__kws_ref_model.tflite"));
        Quantization q = PtqSamples.inputQuantization(official);
        String in = Model.load(d.resolve(TINY + "keyword_spotting__kws_ref_model_float32.tflite"))
                .inputs()
                .get(0)
                .name();
        check(
                "kws_ref_model_float32",
                d.resolve(TINY + "keyword_spotting__kws_ref_model_float32.tflite"),
                d.resolve(TINY + "keyword_spotting__kws_ref_model.tflite"),
                PtqSamples.kws(d, in, q, 7),
                "the MLPerf KWS sample and 7 time-rolled copies (8)",
                PtqSamples.kws(d, in, q, 0),
                "the MLPerf KWS sample (real)",
                true);
    }

    @Test
    void resnet() throws IOException {
        Path d = data();
        String in = Model.load(d.resolve(TINY + "image_classification__pretrainedResnet.tflite"))
                .inputs()
                .get(0)
                .name();
        check(
                "pretrainedResnet",
                d.resolve(TINY + "image_classification__pretrainedResnet.tflite"),
                d.resolve(TINY + "image_classification__pretrainedResnet_quant.tflite"),
                PtqSamples.syntheticImages(in, 16, 1),
                "16 synthetic images (seed 1)",
                PtqSamples.syntheticImages(in, 8, 2),
                "8 synthetic images (seed 2; no real samples)",
                false);
    }

    @Test
    void anomalyDetection() throws IOException {
        Path d = data();
        Model official = Model.load(d.resolve(TINY + "anomaly_detection__ad01_int8.tflite"));
        Quantization q = PtqSamples.inputQuantization(official);
        String in = Model.load(d.resolve(TINY + "anomaly_detection__ad01_fp32.tflite"))
                .inputs()
                .get(0)
                .name();
        check(
                "ad01_fp32",
                d.resolve(TINY + "anomaly_detection__ad01_fp32.tflite"),
                d.resolve(TINY + "anomaly_detection__ad01_int8.tflite"),
                PtqSamples.syntheticFeatures(in, q, 16, 1),
                "16 synthetic feature vectors (seed 1)",
                PtqSamples.syntheticFeatures(in, q, 8, 2),
                "8 synthetic feature vectors (seed 2; no real samples)",
                false);
    }

    @Test
    void mnistLstm() throws IOException {
        Path d = data();
        String in = Model.load(d.resolve("tflite/tflite-micro/trained_lstm.tflite"))
                .inputs()
                .get(0)
                .name();
        List<Map<String, Tensor>> digits = PtqSamples.mnist(d, in);
        Row row = check(
                "trained_lstm",
                d.resolve("tflite/tflite-micro/trained_lstm.tflite"),
                d.resolve("tflite/tflite-micro/trained_lstm_int8.tflite"),
                digits,
                "the 10 MNIST digit PNGs",
                digits,
                "the 10 MNIST digit PNGs (real)",
                true);
        assertThat(row.keptFloat).anyMatch(s -> s.contains("LSTM"));
    }

    @Test
    void dynamicRangeKeepsKwsClose() throws IOException {
        Path d = data();
        Path source = d.resolve(TINY + "keyword_spotting__kws_ref_model_float32.tflite");
        Model official = Model.load(d.resolve(TINY + "keyword_spotting__kws_ref_model.tflite"));
        String in = Model.load(source).inputs().get(0).name();
        List<Map<String, Tensor>> samples = PtqSamples.kws(d, in, PtqSamples.inputQuantization(official), 3);
        QuantizationPass pass =
                new QuantizationPass(QuantizationPass.Mode.DYNAMIC, List.of(), CalibrationMethod.MINMAX, 100, x -> {});
        List<Pass> passes = new ArrayList<>(Passes.defaults());
        passes.add(pass);
        Path out = work.resolve("kws-dynamic.vela");
        Conversion c = Conversion.run(source, out, passes);
        // the dense layer becomes a hybrid Gemm on int8 weights; the depthwise (grouped) layers, which no hybrid
        // kernel takes, keep float compute behind a DequantizeLinear
        assertThat(c.after().nodes())
                .anyMatch(n ->
                        n.op().name().equals("Gemm") && n.attributes().getLong("asymmetric_quantize_inputs", 0) == 1);
        assertThat(c.after().nodes()).anyMatch(n -> n.op().name().equals("DequantizeLinear"));
        ModelComparison cmp = ModelComparison.run(Model.load(source), Model.load(out), samples, x -> {});
        assertThat(cmp.outputs().get(0).cosine()).isGreaterThanOrEqualTo(0.99);
        assertThat(cmp.outputs().get(0).top1Agreement()).isEqualTo(1.0);
    }

    private record Row(double cosine, double top1, List<String> keptFloat) {}

    private Row check(
            String label,
            Path source,
            Path officialPath,
            List<Map<String, Tensor>> calibration,
            String calibrationText,
            List<Map<String, Tensor>> validation,
            String validationText,
            boolean real)
            throws IOException {
        return check(
                label,
                source,
                officialPath,
                calibration,
                calibrationText,
                validation,
                validationText,
                real,
                CalibrationMethod.MINMAX);
    }

    private Row check(
            String label,
            Path source,
            Path officialPath,
            List<Map<String, Tensor>> calibration,
            String calibrationText,
            List<Map<String, Tensor>> validation,
            String validationText,
            boolean real,
            CalibrationMethod method)
            throws IOException {
        QuantizationPass pass = new QuantizationPass(QuantizationPass.Mode.INT8, calibration, method, 99.99, x -> {});
        List<Pass> passes = new ArrayList<>(Passes.defaults());
        passes.add(pass);
        Path out = work.resolve(label.replaceAll("[^A-Za-z0-9_]", "_") + ".vela");
        Conversion c = Conversion.run(source, out, passes);
        Model original = Model.load(source);
        Model ours = Model.load(out);
        assertThat(c.after().nodes())
                .anyMatch(n -> (n.op().name().equals("Conv") || n.op().name().equals("Gemm"))
                        && n.declaredOutput(0)
                                .map(v -> v.dataType() == DataType.INT8)
                                .orElse(false));
        ModelComparison cmp = ModelComparison.run(original, ours, validation, x -> {});
        OutputAgreement vsFloat = cmp.outputs().get(0);

        Model official = Model.load(officialPath);
        OutputAgreement officialVsFloat = new OutputAgreement("official");
        OutputAgreement oursVsOfficial = new OutputAgreement("ours");
        try (Session f = original.newSession();
                Session o = ours.newSession();
                Session t = official.newSession()) {
            for (Map<String, Tensor> sample : validation) {
                Tensor expected = f.run(sample).values().iterator().next();
                Tensor mine = o.run(sample).get(original.outputs().get(0).name());
                Tensor theirs = t.run(officialInputs(official, sample))
                        .values()
                        .iterator()
                        .next();
                officialVsFloat.add(expected, theirs);
                oursVsOfficial.add(theirs, mine);
            }
        }
        QuantizationPass dynamic =
                new QuantizationPass(QuantizationPass.Mode.DYNAMIC, List.of(), CalibrationMethod.MINMAX, 100, x -> {});
        List<Pass> dynamicPasses = new ArrayList<>(Passes.defaults());
        dynamicPasses.add(dynamic);
        Path dynamicOut = work.resolve("dynamic.vela");
        Conversion dc = Conversion.run(source, dynamicOut, dynamicPasses);
        OutputAgreement dyn = ModelComparison.run(original, Model.load(dynamicOut), validation, x -> {})
                .outputs()
                .get(0);
        assertThat(dyn.cosine()).as(label + " dynamic-range cosine vs float").isGreaterThanOrEqualTo(0.99);
        TABLE.add(String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %.4f | %s | %.4f | %s | %.4f | %s | %d -> %d (%d) " + "| %.4f, %s, %d |",
                label,
                calibrationText,
                validationText,
                pass.keptFloat().isEmpty() ? "none" : String.join(", ", pass.keptFloat()),
                vsFloat.cosine(),
                pct(vsFloat.top1Agreement()),
                officialVsFloat.cosine(),
                pct(officialVsFloat.top1Agreement()),
                oursVsOfficial.cosine(),
                pct(oursVsOfficial.top1Agreement()),
                c.sizeBefore(),
                c.sizeAfter(),
                Files.size(officialPath),
                dyn.cosine(),
                pct(dyn.top1Agreement()),
                dc.sizeAfter()));
        assertThat(vsFloat.cosine()).as(label + " cosine vs float").isGreaterThanOrEqualTo(0.99);
        if (real) {
            assertThat(vsFloat.top1Agreement()).as(label + " top-1 vs float").isEqualTo(1.0);
        }
        return new Row(vsFloat.cosine(), vsFloat.top1Agreement(), pass.keptFloat());
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * v);
    }

    /** The official int8 models take int8 inputs: the float sample quantized with their input parameters. */
    private static Map<String, Tensor> officialInputs(Model official, Map<String, Tensor> sample) {
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        Tensor x = sample.values().iterator().next();
        var spec = official.inputs().get(0);
        Quantization q = spec.quantization().orElse(null);
        if (q == null) {
            inputs.put(spec.name(), x);
            return inputs;
        }
        Tensor t = Tensor.allocate(TensorType.quantized(spec.dataType(), x.shape(), q));
        for (int i = 0; i < x.elementCount(); i++) {
            t.setLong(i, QuantizationMath.quantize(x.getDouble(i), q.scale(), q.zeroPoint(), -128, 127));
        }
        inputs.put(spec.name(), t);
        return inputs;
    }
}
