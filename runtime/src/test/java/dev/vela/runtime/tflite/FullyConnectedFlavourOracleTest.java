package dev.vela.runtime.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.flatbuffers.FlatBufferBuilder;
import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.spi.NumericsFlavour;
import dev.vela.spi.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One FULLY_CONNECTED per model, uint8 (asymmetric weights), int16x8 (int16 activations, int8 weights, int64 bias)
 * and int8, with the {@code tflite} numerics flavour against TFLite 2.20's reference kernels ({@link
 * TfliteOracle#reference}): outputs identical on every seeded input. {@value #MODELS} models per type with seeded
 * scales and weights, so that requantization roundings of every kind occur; the data's models cover int8 FC only.
 */
class FullyConnectedFlavourOracleTest {

    private static final int MODELS = 6;
    private static final int RUNS = 10;
    private static final int BATCH = 3;
    private static final int DEPTH = 23;
    private static final int UNITS = 9;

    @TempDir
    Path tmp;

    @Test
    void uint8FullyConnectedEqualsTflitesReferenceKernels() throws IOException {
        compareModels(TfliteTensorType.UINT8);
    }

    @Test
    void int16x8FullyConnectedEqualsTflitesReferenceKernels() throws IOException {
        compareModels(TfliteTensorType.INT16);
    }

    @Test
    void int8FullyConnectedEqualsTflitesReferenceKernels() throws IOException {
        compareModels(TfliteTensorType.INT8);
    }

    private void compareModels(TfliteTensorType type) throws IOException {
        String unavailable = TfliteOracle.unavailableReason();
        assumeTrue(unavailable == null, unavailable);
        unavailable = ReferenceKernelResolver.unavailableReason();
        assumeTrue(unavailable == null, unavailable);
        int differing = 0;
        for (int m = 0; m < MODELS; m++) {
            Path file = tmp.resolve("fc_" + type.name().toLowerCase() + "_" + m + ".tflite");
            Files.write(file, fullyConnected(type, new Random(1000L * type.code() + m)));
            Model model = Model.load(file).withNumerics(NumericsFlavour.TFLITE);
            Model tflm = Model.load(file);
            try (Session session = model.newSession();
                    Session tflmSession = tflm.newSession();
                    TfliteOracle oracle = TfliteOracle.reference(file)) {
                for (long seed = 1; seed <= RUNS; seed++) {
                    Map<String, Tensor> in = RandomInputs.of(model, seed);
                    Tensor mine = session.run(in).values().iterator().next();
                    byte[] theirs = oracle.run(
                                    List.of(in.values().iterator().next().toByteArray()), 1)
                            .get(0);
                    assertThat(mine.toByteArray())
                            .as(
                                    "%s seed %d (numerics tflite) against TFLite's reference kernels",
                                    file.getFileName(), seed)
                            .containsExactly(theirs);
                    byte[] other =
                            tflmSession.run(in).values().iterator().next().toByteArray();
                    differing += java.util.Arrays.equals(other, theirs) ? 0 : 1;
                }
            }
        }
        System.out.printf(
                "[fc-flavour] %s FULLY_CONNECTED: %d models x %d runs identical to TFLite's reference kernels with"
                        + " numerics tflite; with tflm %d runs differ%n",
                type, MODELS, RUNS, differing);
    }

    /** x [BATCH, DEPTH] -> FULLY_CONNECTED (bias) -> y [BATCH, UNITS], seeded scales, zero points and weights. */
    private static byte[] fullyConnected(TfliteTensorType type, Random r) {
        boolean int16 = type == TfliteTensorType.INT16;
        boolean uint8 = type == TfliteTensorType.UINT8;
        TestModelBuilder b = new TestModelBuilder();
        int fc = b.builtin(BuiltinOperators.FULLY_CONNECTED, uint8 ? 1 : int16 ? 7 : 4);
        TestModelBuilder.Subgraph g = b.subgraph();
        float sx = 0.005f + 0.05f * r.nextFloat();
        float sw = 0.002f + 0.02f * r.nextFloat();
        float sy = sx * sw * (20 + 200 * r.nextFloat()) * (int16 ? 3 : 8);
        long zx = int16 ? 0 : uint8 ? 100 + r.nextInt(56) : r.nextInt(40) - 20;
        long zy = int16 ? 0 : uint8 ? 100 + r.nextInt(56) : r.nextInt(40) - 20;
        int x = g.tensor("x", type, new int[] {BATCH, DEPTH}, 0, quant(sx, zx));
        byte[] weights = new byte[UNITS * DEPTH];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (byte) (uint8 ? r.nextInt(256) : r.nextInt(255) - 127);
        }
        TfliteTensorType wType = uint8 ? TfliteTensorType.UINT8 : TfliteTensorType.INT8;
        int w = g.tensor(
                "w", wType, new int[] {UNITS, DEPTH}, b.buffer(weights), quant(sw, uint8 ? 110 + r.nextInt(36) : 0));
        ByteBuffer bias = ByteBuffer.allocate(UNITS * (int16 ? 8 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < UNITS; i++) {
            int v = r.nextInt(20001) - 10000;
            if (int16) {
                bias.putLong(v);
            } else {
                bias.putInt(v);
            }
        }
        int c = g.tensor(
                "b",
                int16 ? TfliteTensorType.INT64 : TfliteTensorType.INT32,
                new int[] {UNITS},
                b.buffer(bias.array()),
                quant(sx * sw, 0));
        int y = g.tensor("y", type, new int[] {BATCH, UNITS}, 0, quant(sy, zy));
        g.op(fc, new int[] {x, w, c}, new int[] {y}, OptionsDecoder.FULLY_CONNECTED_OPTIONS, fb -> emptyOptions(fb))
                .io(new int[] {x}, new int[] {y});
        return b.build();
    }

    private static int emptyOptions(FlatBufferBuilder fb) {
        fb.startTable(4);
        return fb.endTable();
    }

    private static TestModelBuilder.Quant quant(float scale, long zeroPoint) {
        return new TestModelBuilder.Quant(new float[] {scale}, new long[] {zeroPoint}, 0);
    }
}
