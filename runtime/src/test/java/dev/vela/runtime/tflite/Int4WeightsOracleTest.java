package dev.vela.runtime.tflite;

import static dev.vela.runtime.tflite.TfliteTensorType.FLOAT32;
import static dev.vela.runtime.tflite.TfliteTensorType.INT4;
import static dev.vela.runtime.tflite.TfliteTensorType.INT8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.spi.DataType;
import dev.vela.spi.NumericsFlavour;
import dev.vela.spi.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TFLite models with INT4 weights on FULLY_CONNECTED and CONV_2D (packed two per byte, low nibble first), built with
 * the flatbuffers API because the data has none. TFLite 2.20 unpacks INT4 weights to int8 and runs its int8 kernels;
 * Vela's importer does the same, so an INT4 model must give exactly what the same model with the unpacked int8
 * weights gives, and, with the {@code tflite} numerics flavour, exactly what TFLite's reference kernels give
 * ({@link TfliteOracle#reference}); hybrid (float activation) layers within 1e-6 of the output range.
 */
class Int4WeightsOracleTest {

    @TempDir
    Path tmp;

    private static final int UNITS = 6;
    private static final int DEPTH = 9;

    @Test
    void int4FullyConnectedWithInt8ActivationsEqualsItsInt8TwinAndTflitesReferenceKernels() throws IOException {
        byte[] values = weights(UNITS * DEPTH);
        Path int4 = write("fc_int4.tflite", fullyConnected(values, true, false));
        Path int8 = write("fc_int8.tflite", fullyConnected(values, false, false));
        List<GraphNode> nodes = TfliteImporter.importBytes(int4.toString(), Files.readAllBytes(int4))
                .graph()
                .nodes();
        assertThat(nodes).extracting(n -> n.op().toString()).contains("Gemm");
        assertMatchesItsTwinAndTflitesReferenceKernels(int4, int8);
    }

    @Test
    void int4ConvWithInt8ActivationsEqualsItsInt8TwinAndTflitesReferenceKernels() throws IOException {
        byte[] values = weights(4 * 3 * 3 * 2);
        Path int4 = write("conv_int4.tflite", conv(values, true));
        Path int8 = write("conv_int8.tflite", conv(values, false));
        assertMatchesItsTwinAndTflitesReferenceKernels(int4, int8);
    }

    /**
     * With the {@code tflite} flavour the INT4 model must give exactly what its int8 twin gives and exactly what
     * TFLite's reference kernels give (TFLite unpacks INT4 filters to int8 at prepare time); with {@code tflm} it
     * must still equal its twin.
     */
    private static void assertMatchesItsTwinAndTflitesReferenceKernels(Path int4, Path int8) {
        Model tflm = Model.load(int4);
        Model tflmTwin = Model.load(int8);
        Model a = tflm.withNumerics(NumericsFlavour.TFLITE);
        Model b = tflmTwin.withNumerics(NumericsFlavour.TFLITE);
        assumeReferenceKernels();
        try (Session sa = a.newSession();
                Session sb = b.newSession();
                Session ta = tflm.newSession();
                Session tb = tflmTwin.newSession();
                TfliteOracle oracle = TfliteOracle.reference(int4)) {
            for (long seed = 1; seed <= 20; seed++) {
                Map<String, Tensor> in = RandomInputs.of(a, seed);
                Tensor mine = sa.run(in).values().iterator().next();
                assertThat(mine.toByteArray())
                        .as("seed %d: int4 model against its int8 twin (tflite)", seed)
                        .containsExactly(sb.run(in).values().iterator().next().toByteArray());
                assertThat(ta.run(in).values().iterator().next().toByteArray())
                        .as("seed %d: int4 model against its int8 twin (tflm)", seed)
                        .containsExactly(tb.run(in).values().iterator().next().toByteArray());
                byte[] theirs = oracle.run(List.of(in.values().iterator().next().toByteArray()), 1)
                        .get(0);
                assertThat(mine.toByteArray())
                        .as("seed %d: %s against TFLite's reference kernels", seed, int4.getFileName())
                        .containsExactly(theirs);
            }
        }
    }

    /** CONV_2D 3x3 SAME on int8 [1, 5, 5, 2] with per-channel int4 or int8 weights [4, 3, 3, 2]. */
    private byte[] conv(byte[] values, boolean int4) {
        TestModelBuilder b = new TestModelBuilder();
        int conv = b.builtin(BuiltinOperators.CONV_2D, int4 ? 7 : 3);
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor(
                "x",
                INT8,
                new int[] {1, 5, 5, 2},
                0,
                new TestModelBuilder.Quant(new float[] {0.04f}, new long[] {-5}, 0));
        int w = g.tensor(
                "w",
                int4 ? INT4 : INT8,
                new int[] {4, 3, 3, 2},
                b.buffer(int4 ? pack(values) : values),
                new TestModelBuilder.Quant(new float[] {0.1f, 0.2f, 0.05f, 0.15f}, new long[4], 0));
        int bias = g.tensor(
                "b",
                TfliteTensorType.INT32,
                new int[] {4},
                b.buffer(TestModelBuilder.int32(100, -50, 0, 7)),
                new TestModelBuilder.Quant(new float[] {0.004f, 0.008f, 0.002f, 0.006f}, new long[4], 0));
        int y = g.tensor(
                "y",
                INT8,
                new int[] {1, 5, 5, 4},
                0,
                new TestModelBuilder.Quant(new float[] {0.3f}, new long[] {4}, 0));
        g.op(conv, new int[] {x, w, bias}, new int[] {y}, OptionsDecoder.CONV_2D_OPTIONS, options(6, fb -> {
                    fb.addInt(1, 1, 0);
                    fb.addInt(2, 1, 0);
                }))
                .io(new int[] {x}, new int[] {y});
        return b.build();
    }

    @Test
    void int4HybridFullyConnectedAgreesWithTflitesReferenceKernels() throws IOException {
        Path file = write("fc_int4_hybrid.tflite", fullyConnected(weights(UNITS * DEPTH), true, true));
        assumeOracle();
        HybridKernelsOracleTest.compare(file, 20);
        HybridKernelsOracleTest.compare(file, 20, true);
    }

    @Test
    void int4WeightsWithAPackingThatDoesNotMatchTheShapeAreRefusedByName() {
        // 54 int4 elements need 27 bytes; give 28
        byte[] bytes = fullyConnectedWithWeightBytes(new byte[28]);
        assertThatThrownBy(() -> TfliteImporter.importBytes("bad.tflite", bytes))
                .hasMessageContaining("'w'")
                .hasMessageContaining("needs 27 bytes");
    }

    @Test
    void anOddCountWithANonZeroUnusedNibbleIsRefusedByName() {
        // 3 x 3 = 9 elements: 5 bytes, the high nibble of the last one unused
        byte[] packed = new byte[5];
        packed[4] = (byte) 0x30;
        TestModelBuilder b = new TestModelBuilder();
        int fc = b.builtin(BuiltinOperators.FULLY_CONNECTED, 13);
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", FLOAT32, 1, 3);
        int w = g.tensor(
                "w_odd",
                INT4,
                new int[] {3, 3},
                b.buffer(packed),
                new TestModelBuilder.Quant(new float[] {0.1f}, new long[] {0}, 0));
        int y = g.tensor("y", FLOAT32, 1, 3);
        g.op(fc, new int[] {x, w, -1}, new int[] {y}, OptionsDecoder.FULLY_CONNECTED_OPTIONS, options(4, fb -> {}))
                .io(new int[] {x}, new int[] {y});
        byte[] model = b.build();
        assertThatThrownBy(() -> TfliteImporter.importBytes("odd.tflite", model))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageContaining("w_odd")
                .hasMessageContaining("unused high nibble");
        packed[4] = 0x03;
        assertThat(TfliteImporter.importBytes("odd.tflite", b.build()).graph().nodes())
                .isNotEmpty();
    }

    private byte[] fullyConnected(byte[] values, boolean int4, boolean hybrid) {
        TestModelBuilder b = new TestModelBuilder();
        int fc = b.builtin(BuiltinOperators.FULLY_CONNECTED, int4 ? 13 : 4);
        TestModelBuilder.Subgraph g = b.subgraph();
        TestModelBuilder.Quant xq = hybrid ? null : new TestModelBuilder.Quant(new float[] {0.05f}, new long[] {3}, 0);
        int x = g.tensor("x", hybrid ? FLOAT32 : INT8, new int[] {2, DEPTH}, 0, xq);
        int w = g.tensor(
                "w",
                int4 ? INT4 : INT8,
                new int[] {UNITS, DEPTH},
                b.buffer(int4 ? pack(values) : values),
                new TestModelBuilder.Quant(new float[] {0.11f}, new long[] {0}, 0));
        TestModelBuilder.Quant yq = hybrid ? null : new TestModelBuilder.Quant(new float[] {0.07f}, new long[] {-2}, 0);
        int y = g.tensor("y", hybrid ? FLOAT32 : INT8, new int[] {2, UNITS}, 0, yq);
        g.op(fc, new int[] {x, w, -1}, new int[] {y}, OptionsDecoder.FULLY_CONNECTED_OPTIONS, options(4, fb -> {}))
                .io(new int[] {x}, new int[] {y});
        return b.build();
    }

    private byte[] fullyConnectedWithWeightBytes(byte[] packed) {
        TestModelBuilder b = new TestModelBuilder();
        int fc = b.builtin(BuiltinOperators.FULLY_CONNECTED, 13);
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", FLOAT32, 2, DEPTH);
        int w = g.tensor(
                "w",
                INT4,
                new int[] {UNITS, DEPTH},
                b.buffer(packed),
                new TestModelBuilder.Quant(new float[] {0.11f}, new long[] {0}, 0));
        int y = g.tensor("y", FLOAT32, 2, UNITS);
        g.op(fc, new int[] {x, w, -1}, new int[] {y}, OptionsDecoder.FULLY_CONNECTED_OPTIONS, options(4, fb -> {}))
                .io(new int[] {x}, new int[] {y});
        return b.build();
    }

    /** Seeded int4 values in [-8, 7], one per byte. */
    private static byte[] weights(int n) {
        Random r = new Random(4);
        byte[] v = new byte[n];
        for (int i = 0; i < n; i++) {
            v[i] = (byte) (r.nextInt(16) - 8);
        }
        return v;
    }

    /** TFLite's packing: element 2i in the low nibble of byte i, element 2i+1 in the high nibble. */
    private static byte[] pack(byte[] values) {
        byte[] out = new byte[(values.length + 1) / 2];
        for (int i = 0; i < values.length; i++) {
            out[i / 2] |= (byte) ((values[i] & 0xf) << (i % 2 == 0 ? 0 : 4));
        }
        return out;
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

    private static void assumeReferenceKernels() {
        assumeOracle();
        String unavailable = ReferenceKernelResolver.unavailableReason();
        assumeTrue(unavailable == null, unavailable);
    }

    private static void assumeOracle() {
        String unavailable = TfliteOracle.unavailableReason();
        assumeTrue(unavailable == null, unavailable);
        assertThat(DataType.INT4.storageBytes(UNITS * DEPTH)).isEqualTo(27);
    }
}
