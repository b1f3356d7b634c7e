package dev.vela.runtime.tflite;

import static dev.vela.runtime.tflite.TfliteTensorType.FLOAT32;
import static dev.vela.runtime.tflite.TfliteTensorType.INT8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.error.InvalidInputException;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.spi.DataType;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Quantization through the runtime: declared quantization reaches the kernels and the session inputs, fused
 * activations stay attributes on quantized nodes and become nodes after float ones, hybrid weights are dequantized.
 */
class TfliteQuantizedRunTest {

    private static final TestModelBuilder.Quant HALF =
            new TestModelBuilder.Quant(new float[] {0.5f}, new long[] {-2}, 0);
    private static final byte RELU = 1;

    /** y = relu(x + c), quantized int8 with scale 0.5 and zero point -2 everywhere. */
    private static byte[] quantizedAddRelu() {
        TestModelBuilder b = new TestModelBuilder();
        int add = b.builtin(BuiltinOperators.ADD, 2);
        int cData = b.buffer(TestModelBuilder.int8(-2, -2, 2));
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", INT8, new int[] {1, 3}, 0, HALF);
        int c = g.tensor("c", INT8, new int[] {3}, cData, HALF);
        int y = g.tensor("y", INT8, new int[] {1, 3}, 0, HALF);
        g.op(add, new int[] {x, c}, new int[] {y}, OptionsDecoder.ADD_OPTIONS, fb -> {
                    fb.startTable(1);
                    fb.addByte(0, RELU, 0);
                    return fb.endTable();
                })
                .io(new int[] {x}, new int[] {y});
        return b.build();
    }

    @Test
    void quantizedNodesKeepTheFusedActivationAndDeclareTheirOutputQuantization() {
        TfliteGraph imported = TfliteImporter.importBytes("q.tflite", quantizedAddRelu());
        assertThat(imported.graph().nodes()).hasSize(1);
        GraphNode add = imported.graph().nodes().get(0);
        assertThat(add.attributes().getString("activation")).isEqualTo("Relu");
        assertThat(add.declaredOutput(0).orElseThrow().quantization()).contains(Quantization.perTensor(0.5f, -2));
        assertThat(imported.graph().inputs().get(0).quantization()).contains(Quantization.perTensor(0.5f, -2));
    }

    @Test
    void aPlainInt8InputGetsTheDeclaredQuantizationAndTheOutputCarriesItsOwn() {
        Model model = Model.fromBytes("q.tflite", quantizedAddRelu(), Partitioner.of(KernelRegistry.reference()));
        try (Session session = model.newSession()) {
            // real x = (q + 2) / 2 = 1, -2, 3; real c = 0, 0, 2; relu(x + c) = 1, 0, 5 -> q = 0, -2, 8
            Tensor x = Tensor.ofBytes(TensorType.of(DataType.INT8, Shape.of(1, 3)), (byte) 0, (byte) -6, (byte) 4);
            Tensor y = session.run(Map.of("x", x)).get("y");
            assertThat(y.type())
                    .isEqualTo(TensorType.quantized(DataType.INT8, Shape.of(1, 3), Quantization.perTensor(0.5f, -2)));
            assertThat(y.toByteArray()).containsExactly(0, -2, 8);
        }
    }

    @Test
    void anInputCarryingTheDeclaredQuantizationIsAccepted() {
        Model model = Model.fromBytes("q.tflite", quantizedAddRelu(), Partitioner.of(KernelRegistry.reference()));
        Tensor x = Tensor.ofBytes(
                TensorType.quantized(DataType.INT8, Shape.of(1, 3), Quantization.perTensor(0.5f, -2)),
                (byte) 0,
                (byte) -6,
                (byte) 4);
        try (Session session = model.newSession()) {
            assertThat(session.run(Map.of("x", x)).get("y").toByteArray()).containsExactly(0, -2, 8);
        }
    }

    @Test
    void anInputQuantizedDifferentlyIsRefusedNamingTheInput() {
        Model model = Model.fromBytes("q.tflite", quantizedAddRelu(), Partitioner.of(KernelRegistry.reference()));
        Tensor x = Tensor.ofBytes(
                TensorType.quantized(DataType.INT8, Shape.of(1, 3), Quantization.perTensor(0.25f, 0)),
                (byte) 0,
                (byte) 0,
                (byte) 0);
        try (Session session = model.newSession()) {
            assertThatThrownBy(() -> session.run(Map.of("x", x)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("'x'")
                    .hasMessageContaining("quantized");
        }
    }

    @Test
    void aFloatNodesFusedReluRunsAsANodeOfItsOwn() {
        TestModelBuilder b = new TestModelBuilder();
        int sub = b.builtin(BuiltinOperators.SUB, 1);
        int cData = b.buffer(TestModelBuilder.float32(1f, -5f, 0.5f));
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", FLOAT32, 1, 3);
        int c = g.tensor("c", FLOAT32, new int[] {3}, cData, null);
        int y = g.tensor("y", FLOAT32, 1, 3);
        g.op(sub, new int[] {x, c}, new int[] {y}, OptionsDecoder.SUB_OPTIONS, fb -> {
                    fb.startTable(1);
                    fb.addByte(0, RELU, 0);
                    return fb.endTable();
                })
                .io(new int[] {x}, new int[] {y});
        Model model = Model.fromBytes("f.tflite", b.build(), Partitioner.of(KernelRegistry.reference()));
        assertThat(model.graph().nodes()).extracting(n -> n.op().toString()).containsExactly("Sub", "Relu");
        try (Session session = model.newSession()) {
            Tensor out = session.run(Map.of("x", Tensor.ofFloats(Shape.of(1, 3), 0f, -7f, 2f)))
                    .get("y");
            assertThat(out.toFloatArray()).containsExactly(0f, 0f, 1.5f);
        }
    }

    @Test
    void hybridInt8WeightsOfAFloatLayerStayInt8AndRunOnTheHybridKernel() {
        TestModelBuilder b = new TestModelBuilder();
        int fc = b.builtin(BuiltinOperators.FULLY_CONNECTED, 3);
        int wData = b.buffer(TestModelBuilder.int8(4, -2, 1, 3));
        TestModelBuilder.Subgraph g = b.subgraph();
        int x = g.tensor("x", FLOAT32, 1, 2);
        int w = g.tensor(
                "w",
                INT8,
                new int[] {2, 2},
                wData,
                new TestModelBuilder.Quant(new float[] {0.5f, 0.25f}, new long[] {0, 0}, 0));
        int y = g.tensor("y", FLOAT32, 1, 2);
        g.op(fc, new int[] {x, w, -1}, new int[] {y}).io(new int[] {x}, new int[] {y});
        Model model = Model.fromBytes("h.tflite", b.build(), Partitioner.of(KernelRegistry.reference()));
        GraphNode gemm = model.graph().nodes().get(0);
        // the weights stay int8 with their per-channel scales; the hybrid kernel quantizes x per row on the fly
        assertThat(model.graph().initializers().get(gemm.inputs().get(1)).dataType())
                .isEqualTo(DataType.INT8);
        try (Session session = model.newSession()) {
            Tensor out = session.run(Map.of("x", Tensor.ofFloats(Shape.of(1, 2), 1f, 2f)))
                    .get("y");
            // x = [1, 2] quantizes symmetrically with scale 2/127 to [64, 127]; the int32 sums 4*64 - 2*127 = 2 and
            // 64 + 3*127 = 445 are rescaled by 2/127 times 0.5 and 0.25 (the float weights would give 0 and 1.75)
            assertThat(out.toFloatArray()).containsExactly(new float[] {2f / 127f, 445f / 254f}, within(1e-6f));
        }
    }
}
