package dev.vela.runtime.tflite;

import static dev.vela.runtime.tflite.TfliteTensorType.FLOAT32;
import static dev.vela.runtime.tflite.TfliteTensorType.INT8;
import static dev.vela.runtime.tflite.TfliteTensorType.UINT8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.runtime.Model;
import dev.vela.runtime.error.InvalidModelException;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import org.junit.jupiter.api.Test;

/**
 * One test per malformed TFLite input the adversarial review of issue 12 found accepted or failing without a name:
 * quantization out of range, Softmax beta NaN, negative dimensions, tensors over 2^31-1 elements or bytes, no graph
 * outputs, and builtin codes that are negative, contradictory or the placeholder. Each fails with its specific
 * exception naming the file and the tensor, node or operator code.
 */
class MalformedTfliteModelsTest {

    private static final String FILE = "bad.tflite";

    private static Model load(byte[] bytes) {
        return Model.fromBytes(FILE, bytes, Partitioner.of(KernelRegistry.reference()));
    }

    /** RELU on one quantized tensor type: x -> y, both with the given quantization. */
    private static byte[] relu(TfliteTensorType type, TestModelBuilder.Quant q) {
        TestModelBuilder b = new TestModelBuilder();
        int relu = b.builtin(BuiltinOperators.RELU, 1);
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", type, new int[] {1, 4}, 0, q);
        int y = g.tensor(
                "y",
                type,
                new int[] {1, 4},
                0,
                new TestModelBuilder.Quant(new float[] {0.5f}, new long[] {type == UINT8 ? 128 : 0}, 0));
        g.op(relu, new int[] {x}, new int[] {y}).io(new int[] {x}, new int[] {y});
        return b.build();
    }

    private static byte[] floatRelu(int[] shape, int[] outputs, Integer deprecated, Integer builtin) {
        TestModelBuilder b = new TestModelBuilder();
        int relu = b.code(deprecated, builtin, null, 1);
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", FLOAT32, shape);
        int y = g.tensor("y", FLOAT32, shape);
        g.op(relu, new int[] {x}, new int[] {y}).io(new int[] {x}, outputs.length == 0 ? outputs : new int[] {y});
        return b.build();
    }

    @Test
    void quantizationScaleZeroNanOrInfinityIsRefusedNamingTheTensor() {
        for (float scale : new float[] {0f, Float.NaN, Float.POSITIVE_INFINITY}) {
            byte[] model = relu(INT8, new TestModelBuilder.Quant(new float[] {scale}, new long[] {0}, 0));
            assertThatThrownBy(() -> load(model))
                    .isInstanceOf(InvalidModelException.class)
                    .hasMessageContaining(FILE)
                    .hasMessageContaining("tensor 0 'x'")
                    .hasMessageContaining("quantization scale " + scale + ": scales must be finite and positive");
        }
    }

    @Test
    void zeroPointOutsideItsTypeIsRefused() {
        byte[] model = relu(UINT8, new TestModelBuilder.Quant(new float[] {0.5f}, new long[] {300}, 0));
        assertThatThrownBy(() -> load(model))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining(FILE)
                .hasMessageContaining("tensor 0 'x'")
                .hasMessageContaining("zero point 300 outside the range of uint8 [0, 255]");
        byte[] int8 = relu(INT8, new TestModelBuilder.Quant(new float[] {0.5f}, new long[] {-129}, 0));
        assertThatThrownBy(() -> load(int8))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("zero point -129 outside the range of int8 [-128, 127]");
        assertThat(load(relu(UINT8, new TestModelBuilder.Quant(new float[] {0.5f}, new long[] {255}, 0)))
                        .inputs())
                .hasSize(1);
    }

    @Test
    void softmaxBetaNanIsRefusedNamingTheNode() {
        TestModelBuilder b = new TestModelBuilder();
        int softmax = b.builtin(BuiltinOperators.SOFTMAX, 1);
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", FLOAT32, 1, 4);
        int y = g.tensor("y", FLOAT32, 1, 4);
        g.op(softmax, new int[] {x}, new int[] {y}, OptionsDecoder.SOFTMAX_OPTIONS, fb -> {
                    fb.startTable(1);
                    fb.addFloat(0, Float.NaN, 0);
                    return fb.endTable();
                })
                .io(new int[] {x}, new int[] {y});
        assertThatThrownBy(() -> load(b.build()))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining(FILE)
                .hasMessageContaining("(Softmax)")
                .hasMessageContaining("'beta' must be finite and positive, got NaN");
    }

    @Test
    void negativeDimensionsAreRefused() {
        int relu = BuiltinOperators.RELU;
        assertThatThrownBy(() -> load(floatRelu(new int[] {1, -3}, new int[] {1}, relu, relu)))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageContaining(FILE)
                .hasMessageContaining("negative dimension");
    }

    @Test
    void tensorsOverIntMaxElementsOrBytesAreRefusedNamingTheTensor() {
        int relu = BuiltinOperators.RELU;
        assertThatThrownBy(() -> load(floatRelu(new int[] {65536, 65536}, new int[] {1}, relu, relu)))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining(FILE)
                .hasMessageContaining("tensor 0 'x'")
                .hasMessageContaining("more than 2^31-1 elements");
        // 2^30 floats: the elements fit, the 4 GiB do not (this used to end in "ArithmeticException: integer overflow")
        assertThatThrownBy(() -> load(floatRelu(new int[] {1 << 30}, new int[] {1}, relu, relu)))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("tensor 0 'x'")
                .hasMessageContaining("4294967296 bytes");
    }

    @Test
    void graphWithoutOutputsIsRefused() {
        int relu = BuiltinOperators.RELU;
        assertThatThrownBy(() -> load(floatRelu(new int[] {1, 4}, new int[0], relu, relu)))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining(FILE)
                .hasMessageContaining("declares no outputs");
    }

    @Test
    void negativeContradictoryOrPlaceholderBuiltinCodesAreRefused() {
        int[] shape = {1, 4};
        // a negative byte made max(int, byte) pick the int field's default 0: the operator became an ADD
        assertThatThrownBy(() -> load(floatRelu(shape, new int[] {1}, -3, null)))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageContaining(FILE)
                .hasMessageContaining("operator code 0 has a negative builtin code");
        assertThatThrownBy(() -> load(floatRelu(shape, new int[] {1}, 0, -7)))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageContaining("negative builtin code");
        assertThatThrownBy(() -> load(floatRelu(shape, new int[] {1}, BuiltinOperators.RELU6, BuiltinOperators.RELU)))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageContaining("builtin_code 19 (RELU) but deprecated_builtin_code 21 (RELU6)");
        assertThatThrownBy(() -> load(floatRelu(shape, new int[] {1}, 127, null)))
                .isInstanceOf(TfliteFormatException.class)
                .hasMessageContaining("PLACEHOLDER_FOR_GREATER_OP_CODES");
        // a code no TFLite version defines reads (the file may come from a newer converter) but is refused when used
        assertThatThrownBy(() -> load(floatRelu(shape, new int[] {1}, 127, 9999)))
                .isInstanceOf(TfliteUnsupportedException.class)
                .hasMessageContaining(FILE)
                .hasMessageContaining("operator 0")
                .hasMessageContaining("9999");
        // old files set only the byte, new ones both: still accepted
        assertThat(load(floatRelu(shape, new int[] {1}, BuiltinOperators.RELU, null))
                        .graph()
                        .nodes())
                .hasSize(1);
        assertThat(load(floatRelu(shape, new int[] {1}, BuiltinOperators.RELU, BuiltinOperators.RELU))
                        .graph()
                        .nodes())
                .hasSize(1);
    }

    @Test
    void anOperatorMissingWhatItsDefinitionRequiresIsRefusedNamingIt() {
        // RELU without an output: the mapping used to fail with ArrayIndexOutOfBoundsException
        TestModelBuilder b = new TestModelBuilder();
        int relu = b.builtin(BuiltinOperators.RELU, 1);
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", FLOAT32, 1, 4);
        g.op(relu, new int[] {x}, new int[0]).io(new int[] {x}, new int[] {x});
        assertThatThrownBy(() -> load(b.build()))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining(FILE)
                .hasMessageContaining("operator 0 (RELU) does not fit its definition");
    }
}
