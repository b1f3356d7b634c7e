package dev.vela.runtime.tflite;

import static dev.vela.runtime.tflite.TfliteTensorType.FLOAT32;
import static dev.vela.runtime.tflite.TfliteTensorType.INT8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.NumericsFlavour;
import dev.vela.spi.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dynamic-range ("hybrid") layers against TFLite 2.20 run from Java ({@link TfliteOracle}: TFLite's builtin kernels
 * through {@code BuiltinOpResolverWithoutDefaultDelegates}, so XNNPACK, which computes hybrid layers its own way,
 * never runs). TFLite's hybrid CONV_2D has one implementation for every kernel type, and its hybrid
 * FULLY_CONNECTED's integer stage is exact in every implementation. The single-layer models are also run against
 * TFLite's reference kernels ({@code BuiltinRefOpResolver} through the test JNI shim), where the outputs are
 * identical.
 *
 * <p>A hybrid layer's output must agree within {@value #RTOL} relative to the output's largest magnitude: the
 * integer stage (on-the-fly quantization, int32 sums) is exact, and the float stage performs the same float
 * operations in the same order. A single differently rounded activation quantization would move an output by about
 * 1/127 of its range, four orders of magnitude beyond this bound, so the bound proves the integer stage bit-exact.
 * The data's dynamic-range models also hold float layers (depthwise convolutions, average pools) that feed hybrid
 * ones: with the {@code tflite} numerics flavour those sum in TFLite's reference order, so the whole model is held
 * to {@value #RTOL} on every run against TFLite's reference kernels, and so is every operator alone on TFLite's own
 * input tensors (which names the operator when one differs).
 */
class HybridKernelsOracleTest {

    static final double RTOL = 1e-6;

    private static final int RUNS = 20;
    private static final long BASE_SEED = 20261207L;

    @TempDir
    Path tmp;

    /** Every dynamic-range model of the data's index, on seeded random inputs. */
    @TestFactory
    Stream<DynamicTest> dynamicRangeModelsOfTheDataAgreeWithTflite() {
        Path dir = TfliteData.require();
        requireOracle();
        List<Path> models = new ArrayList<>();
        for (Map<String, String> row : TfliteData.index(dir)) {
            if (row.get("kind").startsWith("dynamic-range")) {
                models.add(TfliteData.modelFile(dir, row));
            }
        }
        assertThat(models).as("dynamic-range models in the index").isNotEmpty();
        return models.stream().map(m -> DynamicTest.dynamicTest(m.getFileName().toString(), () -> compareModel(m)));
    }

    /**
     * The whole model with the {@code tflite} flavour against TFLite's reference kernels, at {@link #RTOL} on every
     * run; every operator alone, on TFLite's inputs, at {@link #RTOL} too (integer outputs exact).
     */
    private static void compareModel(Path file) throws IOException {
        requireReferenceKernels();
        String name = file.getFileName().toString();
        TfliteGraph imported = TfliteImporter.importBytes(file.toString(), Files.readAllBytes(file));
        Model model = Model.load(file).withNumerics(NumericsFlavour.TFLITE);
        int hybridOperators = 0;
        double worstOperator = 0;
        double worstModel = 0;
        try (TfliteOracle oracle = new TfliteOracle(file, true, true);
                Session session = model.newSession()) {
            for (int run = 0; run < RUNS; run++) {
                long seed = BASE_SEED + run;
                Map<String, Tensor> inputs = RandomInputs.of(model, seed);
                shape(inputs, run);
                List<byte[]> raw = new ArrayList<>();
                inputs.values().forEach(t -> raw.add(t.toByteArray()));
                List<byte[]> expected = oracle.run(raw, model.outputs().size());
                Map<String, Tensor> actual = session.reset().run(inputs);
                hybridOperators = 0;
                for (TfliteOperatorDiff.Result r :
                        TfliteOperatorDiff.compare(imported, oracle, NumericsFlavour.TFLITE)) {
                    String what = name + " seed " + seed + ": " + r.code() + " #" + r.operator()
                            + " alone on TFLite's inputs";
                    hybridOperators += isHybrid(imported, r.operator()) ? 1 : 0;
                    if (r.floatingPoint()) {
                        worstOperator = Math.max(worstOperator, r.maxRelative());
                        assertThat(r.maxRelative()).as(what).isLessThanOrEqualTo(RTOL);
                    } else {
                        assertThat(r.differing()).as(what + " (integer: exact)").isZero();
                    }
                }
                for (int o = 0; o < model.outputs().size(); o++) {
                    ValueSpec spec = model.outputs().get(o);
                    String where = name + " seed " + seed + " output '" + spec.name() + "'";
                    worstModel = Math.max(worstModel, check(where, actual.get(spec.name()), expected.get(o), RTOL));
                }
            }
        }
        assertThat(hybridOperators).as("%s: hybrid operators", name).isPositive();
        System.out.printf(
                "[hybrid-oracle] %s (numerics tflite, TFLite reference kernels): %d hybrid operators; over %d runs the"
                        + " largest difference of an operator alone %.3g, of the model %.3g of the output range%n",
                name, hybridOperators, RUNS, worstOperator, worstModel);
    }

    /** Float activations into int8 weights: the operators TFLite runs with its hybrid kernels. */
    private static boolean isHybrid(TfliteGraph imported, int operator) {
        TfliteOperator op = imported.model().mainSubgraph().operators().get(operator);
        TfliteSubgraph g = imported.model().mainSubgraph();
        return op.inputs().length > 1
                && op.input(1) >= 0
                && g.tensor(op.input(0)).type() == FLOAT32
                && g.tensor(op.input(1)).type() == INT8;
    }

    @Test
    void fullyConnectedPerTensorSymmetricInputs() throws IOException {
        compare(fullyConnected(3, 37, 11, false, false, true), RUNS);
    }

    @Test
    void fullyConnectedAsymmetricInputs() throws IOException {
        compare(fullyConnected(4, 29, 9, true, false, true), RUNS);
    }

    @Test
    void fullyConnectedPerChannelAsymmetricInputsWithoutBias() throws IOException {
        compare(fullyConnected(2, 16, 7, true, true, false), RUNS);
    }

    @Test
    void convPerTensorSymmetricInputsSamePaddingStride2() throws IOException {
        compare(conv(2, 9, 7, 3, 5, 3, 2, true, false), RUNS);
    }

    @Test
    void convPerChannelAsymmetricInputsValidPadding() throws IOException {
        compare(conv(2, 8, 6, 4, 3, 3, 1, false, true), RUNS);
    }

    /** The single-layer models against TFLite 2.20's reference kernels, the definition the brief names. */
    @Test
    void singleLayersAgreeWithTflitesReferenceKernels() throws IOException {
        compare(fullyConnected(3, 37, 11, false, false, true), RUNS, true);
        compare(fullyConnected(4, 29, 9, true, false, true), RUNS, true);
        compare(fullyConnected(2, 16, 7, true, true, false), RUNS, true);
        compare(conv(2, 9, 7, 3, 5, 3, 2, true, false), RUNS, true);
        compare(conv(2, 8, 6, 4, 3, 3, 1, false, true), RUNS, true);
    }

    private Path fullyConnected(int batch, int depth, int units, boolean asymmetric, boolean perChannel, boolean bias)
            throws IOException {
        Random r = new Random(depth * 31L + units);
        TestModelBuilder b = new TestModelBuilder();
        int fc = b.builtin(BuiltinOperators.FULLY_CONNECTED, 9);
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", FLOAT32, batch, depth);
        int w = g.tensor(
                "w",
                INT8,
                new int[] {units, depth},
                b.buffer(randomInt8(r, units * depth)),
                weightQuant(r, perChannel ? units : 1));
        int c = bias ? g.tensor("b", FLOAT32, new int[] {units}, b.buffer(randomFloats(r, units)), null) : -1;
        int y = g.tensor("y", FLOAT32, batch, units);
        g.op(fc, new int[] {x, w, c}, new int[] {y}, OptionsDecoder.FULLY_CONNECTED_OPTIONS, options(4, fb -> {
                    fb.addBoolean(3, asymmetric, false);
                }))
                .io(new int[] {x}, new int[] {y});
        return write("fc.tflite", b.build());
    }

    private Path conv(
            int batch, int h, int w, int channels, int outChannels, int k, int stride, boolean same, boolean perChannel)
            throws IOException {
        Random r = new Random(h * 131L + outChannels);
        TestModelBuilder b = new TestModelBuilder();
        int conv = b.builtin(BuiltinOperators.CONV_2D, 2);
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", FLOAT32, batch, h, w, channels);
        int weights = g.tensor(
                "w",
                INT8,
                new int[] {outChannels, k, k, channels},
                b.buffer(randomInt8(r, outChannels * k * k * channels)),
                weightQuant(r, perChannel ? outChannels : 1));
        int c = g.tensor("b", FLOAT32, new int[] {outChannels}, b.buffer(randomFloats(r, outChannels)), null);
        int outH = same ? (h + stride - 1) / stride : (h - k) / stride + 1;
        int outW = same ? (w + stride - 1) / stride : (w - k) / stride + 1;
        int y = g.tensor("y", FLOAT32, batch, outH, outW, outChannels);
        g.op(conv, new int[] {x, weights, c}, new int[] {y}, OptionsDecoder.CONV_2D_OPTIONS, options(6, fb -> {
                    fb.addByte(0, (byte) (same ? 0 : 1), 0);
                    fb.addInt(1, stride, 0);
                    fb.addInt(2, stride, 0);
                }))
                .io(new int[] {x}, new int[] {y});
        return write("conv.tflite", b.build());
    }

    private static TestModelBuilder.Quant weightQuant(Random r, int channels) {
        float[] scales = new float[channels];
        for (int i = 0; i < channels; i++) {
            scales[i] = 0.002f + 0.02f * r.nextFloat();
        }
        return new TestModelBuilder.Quant(scales, new long[channels], 0);
    }

    private static byte[] randomInt8(Random r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (r.nextInt(255) - 127);
        }
        return b;
    }

    private static byte[] randomFloats(Random r, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) r.nextGaussian();
        }
        return TestModelBuilder.float32(f);
    }

    private static TestModelBuilder.TableWriter options(int fields, Consumer<FlatBufferBuilder> body) {
        return fb -> {
            fb.startTable(fields);
            body.accept(fb);
            return fb.endTable();
        };
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = tmp.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static void requireReferenceKernels() {
        requireOracle();
        String unavailable = ReferenceKernelResolver.unavailableReason();
        assumeTrue(unavailable == null, unavailable);
    }

    private static void requireOracle() {
        String unavailable = TfliteOracle.unavailableReason();
        assumeTrue(unavailable == null, unavailable);
    }

    /** Runs the model in Vela and TFLite on the same seeded inputs (some all-zero, some shifted positive). */
    static void compare(Path file, int runs) {
        compare(file, runs, false);
    }

    /**
     * @param reference run TFLite's reference kernels ({@code BuiltinRefOpResolver} through the test JNI shim)
     *     instead of its builtin ones
     */
    static void compare(Path file, int runs, boolean reference) {
        requireOracle();
        if (reference) {
            String unavailable = ReferenceKernelResolver.unavailableReason();
            assumeTrue(unavailable == null, unavailable);
        }
        String name = file.getFileName().toString() + (reference ? " (reference kernels)" : "");
        Model model = Model.load(file);
        double worst = 0;
        try (TfliteOracle oracle = reference ? TfliteOracle.reference(file) : new TfliteOracle(file);
                Session session = model.newSession()) {
            for (int run = 0; run < runs; run++) {
                long seed = BASE_SEED + run;
                Map<String, Tensor> inputs = RandomInputs.of(model, seed);
                shape(inputs, run);
                List<byte[]> raw = new ArrayList<>();
                inputs.values().forEach(t -> raw.add(t.toByteArray()));
                List<byte[]> expected = oracle.run(raw, model.outputs().size());
                Map<String, Tensor> actual = session.reset().run(inputs);
                for (int o = 0; o < model.outputs().size(); o++) {
                    ValueSpec spec = model.outputs().get(o);
                    worst = Math.max(
                            worst,
                            check(
                                    name + " seed " + seed + " output '" + spec.name() + "'",
                                    actual.get(spec.name()),
                                    expected.get(o),
                                    RTOL));
                }
            }
        }
        System.out.printf(
                "[hybrid-oracle] %s: largest difference %.3g of the output range over %d runs%n", name, worst, runs);
    }

    /** Run 0 is all zeros (TFLite's zero-input shortcut), odd runs are shifted positive (asymmetric offsets). */
    private static void shape(Map<String, Tensor> inputs, int run) {
        for (Tensor t : inputs.values()) {
            for (int i = 0; i < t.elementCount(); i++) {
                double v = t.getDouble(i);
                t.setDouble(i, run == 0 ? 0 : run % 2 == 1 ? 3 * v + 2.5 : v);
            }
        }
    }

    /** @return the largest difference relative to the largest output magnitude, failing beyond {@code bound} */
    private static double check(String where, Tensor actual, byte[] expected, double bound) {
        assertThat(actual.toByteArray().length).as("%s: byte size", where).isEqualTo(expected.length);
        ByteBuffer want = ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN);
        double largest = 0;
        for (int i = 0; i < actual.elementCount(); i++) {
            largest = Math.max(largest, Math.abs(want.getFloat(4 * i)));
        }
        double worst = 0;
        for (int i = 0; i < actual.elementCount(); i++) {
            double got = actual.getDouble(i);
            double ref = want.getFloat(4 * i);
            double diff = Math.abs(got - ref);
            if (!(diff <= bound * largest)) {
                throw new AssertionError(where + ": element " + i + " is " + got + ", TFLite gives " + ref + " (beyond "
                        + bound + " of the largest output magnitude " + largest + ")");
            }
            worst = Math.max(worst, largest == 0 ? 0 : diff / largest);
        }
        return worst;
    }
}
