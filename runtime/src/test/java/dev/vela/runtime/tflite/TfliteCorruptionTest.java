package dev.vela.runtime.tflite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.vela.runtime.error.InvalidModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Truncated, bit-flipped and random files: every outcome must be a successful read or a clear
 * {@link TfliteFormatException} / {@link TfliteUnsupportedException} (or, for values the schema allows but the
 * specification does not, such as a zero point outside its type, an {@link InvalidModelException}) naming the file,
 * never another exception, a hang or an out-of-memory error.
 */
class TfliteCorruptionTest {

    private static final String FILE = "c.tflite";

    @Test
    void everyTruncationOfABuiltModelFailsClearly() {
        byte[] model = builtModel();
        for (int cut = 0; cut < model.length; cut++) {
            byte[] head = java.util.Arrays.copyOf(model, cut);
            // A flatbuffer is written back to front, so any cut loses the root: it must fail.
            assertClearFailure(head, "truncated at " + cut);
        }
    }

    @Test
    void flippedBytesOfABuiltModelReadOrFailClearly() {
        byte[] model = builtModel();
        Random random = new Random(20261120L);
        int read = 0;
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] bytes = model.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
            }
            read += readOrClearFailure(bytes, "trial " + trial) ? 1 : 0;
        }
        // Flips in names and data leave a valid model: both outcomes must occur.
        assertThat(read).isBetween(1, 19_999);
    }

    @Test
    void randomBytesBehindTheIdentifierFailClearly() {
        Random random = new Random(7);
        for (int trial = 0; trial < 5_000; trial++) {
            byte[] bytes = new byte[8 + random.nextInt(512)];
            random.nextBytes(bytes);
            bytes[4] = 'T';
            bytes[5] = 'F';
            bytes[6] = 'L';
            bytes[7] = '3';
            // Small root offsets make the walk go further into the random bytes.
            if (random.nextBoolean()) {
                bytes[0] = (byte) (8 + random.nextInt(Math.min(120, bytes.length - 7)));
                bytes[1] = 0;
                bytes[2] = 0;
                bytes[3] = 0;
            }
            readOrClearFailure(bytes, "random trial " + trial);
        }
    }

    @Test
    void realModelsTruncatedAtManyOffsetsAndFlippedFailClearly() throws IOException {
        Path dir = TfliteData.require();
        String[] names = {
            "tflite-micro/hello_world_int8.tflite",
            "tflite-micro/network_tester_dwconv_int8.tflite",
            "mlcommons-tiny/keyword_spotting__kws_ref_model.tflite",
            "tflite-micro/trained_lstm_int8.tflite",
            "tflite-micro/keyword_scrambled.tflite",
            "tflite-micro/person_detect_vela.tflite"
        };
        Random random = new Random(42);
        for (String name : names) {
            byte[] model = Files.readAllBytes(dir.resolve(name));
            int step = Math.max(1, model.length / 1500);
            for (int cut = 0; cut < model.length; cut += step) {
                assertClearFailure(java.util.Arrays.copyOf(model, cut), name + " truncated at " + cut);
            }
            for (int trial = 0; trial < 1_000; trial++) {
                byte[] bytes = model.clone();
                // Flip bytes in the metadata part mostly: the flatbuffer tables sit after the big buffers.
                int at = random.nextBoolean()
                        ? random.nextInt(model.length)
                        : model.length - 1 - random.nextInt(Math.min(model.length, 4096));
                bytes[at] = (byte) random.nextInt(256);
                readOrClearFailure(bytes, name + " byte " + at + " set");
            }
        }
    }

    private static void assertClearFailure(byte[] bytes, String what) {
        if (readOrClearFailure(bytes, what)) {
            fail(what + ": read successfully, expected a format error");
        }
    }

    /** @return true when the bytes read as a model, false on a clear error; fails the test otherwise */
    private static boolean readOrClearFailure(byte[] bytes, String what) {
        try {
            TfliteModel model = TfliteReader.read(FILE, bytes);
            // Reading what the importer reads must not fail either.
            for (TfliteSubgraph g : model.subgraphs()) {
                for (TfliteTensor t : g.tensors()) {
                    model.data(t).remaining();
                }
                for (TfliteOperator op : g.operators()) {
                    model.operatorCode(op).name();
                }
            }
            return true;
        } catch (TfliteFormatException | TfliteUnsupportedException | InvalidModelException e) {
            assertThat(e.getMessage()).as(what).startsWith(FILE + ": ");
            return false;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw new AssertionError(what + ": unexpected " + e, e);
        }
    }

    /** A model with every kind of table: quantized tensors, constants, options, a custom op, a signature. */
    private static byte[] builtModel() {
        TestModelBuilder b = new TestModelBuilder();
        int conv = b.builtin(BuiltinOperators.CONV_2D, 3);
        int custom = b.custom("my-op");
        int w = b.buffer(TestModelBuilder.int8(1, 2, 3, 4, 5, 6, 7, 8));
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor(
                "x",
                TfliteTensorType.INT8,
                new int[] {1, 3, 3, 1},
                0,
                new TestModelBuilder.Quant(new float[] {0.5f}, new long[] {-1}, 0));
        int k = g.tensor(
                "k",
                TfliteTensorType.INT8,
                new int[] {2, 2, 2, 1},
                w,
                new TestModelBuilder.Quant(new float[] {0.1f, 0.2f}, new long[] {0, 0}, 0));
        int y = g.tensor(
                "y",
                TfliteTensorType.INT8,
                new int[] {1, 2, 2, 2},
                0,
                new TestModelBuilder.Quant(new float[] {0.25f}, new long[] {3}, 0));
        int z = g.tensor("z", TfliteTensorType.INT8, 1, 2, 2, 2);
        g.op(conv, new int[] {x, k, -1}, new int[] {y}, OptionsDecoder.CONV_2D_OPTIONS, fb -> {
                    fb.startTable(6);
                    fb.addByte(0, (byte) 1, 0);
                    fb.addInt(1, 1, 0);
                    fb.addInt(2, 1, 0);
                    fb.addByte(3, (byte) 3, 0);
                    return fb.endTable();
                })
                .op(custom, new int[] {y}, new int[] {z})
                .io(new int[] {x}, new int[] {z});
        b.signature("serving_default", 0, "x", x, "z", z);
        return b.build();
    }
}
