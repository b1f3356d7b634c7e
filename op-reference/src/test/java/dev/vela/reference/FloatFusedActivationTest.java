package dev.vela.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.FusedActivation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference defines a float node with a fused activation: the plain operator, then the activation. */
class FloatFusedActivationTest {

    private static final TensorType ROW = TensorType.of(DataType.FLOAT32, Shape.of(6));
    private static final TensorType F32 = TensorType.of(DataType.FLOAT32, Shape.of(1, 2, 2, 1));

    private static KernelFactory factory(String op) {
        return new ReferenceProvider()
                .factories().stream()
                        .filter(f -> f.op().equals(OpId.of(op)))
                        .findFirst()
                        .orElseThrow();
    }

    private static Node.Builder add() {
        return Node.builder("Add").name("add").input(ROW).input(ROW);
    }

    private static float[] run(Node node) {
        Tensor a = Tensor.ofFloats(Shape.of(6), -3f, -0.5f, 0.5f, 4f, 10f, Float.NaN);
        Tensor b = Tensor.ofFloats(Shape.of(6), 1f, 0f, 0f, 3f, Float.NEGATIVE_INFINITY, 0f);
        return ReferenceTesting.run(factory("Add"), node, a, b).get(0).toFloatArray();
    }

    @Test
    void reluClampsFromBelowAndLetsNaNThrough() {
        // a + b = [-2, -0.5, 0.5, 7, -Inf, NaN]
        assertThat(run(add().attr("activation", "Relu").build())).containsExactly(0f, 0f, 0.5f, 7f, 0f, Float.NaN);
    }

    @Test
    void clipClampsToBothBounds() {
        assertThat(run(add().attr("activation", "Clip")
                        .attr("activation_params", -1f, 6f)
                        .build()))
                .containsExactly(-1f, -0.5f, 0.5f, 6f, -1f, Float.NaN);
        assertThat(run(add().attr("activation", "Clip")
                        .attr("activation_params", 1.5f, 1.5f)
                        .build()))
                .containsExactly(1.5f, 1.5f, 1.5f, 1.5f, 1.5f, Float.NaN);
    }

    @Test
    void tanhAndNoneAreDefinedToo() {
        float[] tanh = run(add().attr("activation", "Tanh").build());
        assertThat(tanh[3]).isEqualTo((float) Math.tanh(7.0));
        assertThat(tanh[4]).isEqualTo(-1f);
        assertThat(run(add().attr("activation", "None").build()))
                .containsExactly(-2f, -0.5f, 0.5f, 7f, Float.NEGATIVE_INFINITY, Float.NaN);
    }

    @Test
    void everyFloatFamilyAppliesIt() {
        Tensor x = Tensor.ofFloats(F32.shape(), 1, -2, 3, -4);
        Tensor w = Tensor.ofFloats(Shape.of(1, 1, 1, 1), 2f);
        Node conv = Node.builder("Conv")
                .name("c")
                .input(F32)
                .constantInput(w)
                .attr("data_format", "NHWC")
                .attr("activation", "Clip")
                .attr("activation_params", 0f, 5f)
                .build();
        assertThat(ReferenceTesting.run(factory("Conv"), conv, x, w).get(0).toFloatArray())
                .containsExactly(2, 0, 5, 0);
        Node pool = Node.builder("MaxPool")
                .name("p")
                .input(F32)
                .attr("data_format", "NHWC")
                .attr("kernel_shape", 1, 1)
                .attr("activation", "Relu")
                .build();
        assertThat(ReferenceTesting.run(factory("MaxPool"), pool, x).get(0).toFloatArray())
                .containsExactly(1, 0, 3, 0);
        Tensor identity = Tensor.ofFloats(Shape.of(2, 2), 1, 0, 0, 1);
        Node gemm = Node.builder("Gemm")
                .name("g")
                .input(TensorType.of(DataType.FLOAT32, Shape.of(1, 2)))
                .constantInput(identity)
                .attr("activation", "Relu")
                .build();
        assertThat(ReferenceTesting.run(factory("Gemm"), gemm, Tensor.ofFloats(Shape.of(1, 2), -1, 2), identity)
                        .get(0)
                        .toFloatArray())
                .containsExactly(0, 2);
    }

    @Test
    void malformedActivationsAreInvalidNodesNamingTheNode() {
        KernelFactory ref = factory("Add");
        for (Node bad : List.of(
                add().attr("activation", "Clip").build(),
                add().attr("activation", "Clip")
                        .attr("activation_params", new float[] {1f})
                        .build(),
                add().attr("activation", "Clip")
                        .attr("activation_params", 6f, 0f)
                        .build(),
                add().attr("activation", "Gelu").build())) {
            assertThat(ref.supports(bad).isSupported()).as(bad.describe()).isFalse();
            assertThatThrownBy(() -> ref.prepare(bad))
                    .as(bad.describe())
                    .isInstanceOf(InvalidNodeException.class)
                    .hasMessageContaining("node 'add' (Add)")
                    .hasMessageContaining("fused");
        }
    }

    @Test
    void plainIntegerNodesRefuseIt() {
        TensorType ints = TensorType.of(DataType.INT32, Shape.of(2));
        Node intAdd = Node.builder("Add")
                .name("i")
                .input(ints)
                .input(ints)
                .attr("activation", "Relu")
                .build();
        assertThat(factory("Add").supports(intAdd).isSupported()).isFalse();
        assertThatThrownBy(() -> factory("Add").prepare(intAdd))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("node 'i' (Add)")
                .hasMessageContaining("fused activation 'Relu'");
    }

    @Test
    void quantizedNodesApplyTheirFusedActivationAsAClamp() {
        Quantization q = Quantization.perTensor(0.5f, 0);
        TensorType int8 = TensorType.quantized(DataType.INT8, Shape.of(2), q);
        Node add = Node.builder("Add")
                .input(int8)
                .input(int8)
                .attr("activation", "Relu")
                .outputQuantization(0, q)
                .outputDataType(0, DataType.INT8)
                .build();
        Tensor x = Tensor.ofBytes(int8, (byte) 4, (byte) -6);
        Tensor y = Tensor.ofBytes(int8, (byte) 2, (byte) 2);
        // real 2 + 1 = 3 -> q 6; real -3 + 1 = -2 -> relu 0
        assertThat(ReferenceTesting.run(factory("Add"), add, x, y).get(0).toByteArray())
                .containsExactly(6, 0);
    }

    @Test
    void withoutActivationRemovesBothAttributesAndKeepsTheRest() {
        Node fused = Node.builder("Gemm")
                .name("g")
                .input(TensorType.of(DataType.FLOAT32, Shape.of(2, 3)))
                .input(TensorType.of(DataType.FLOAT32, Shape.of(3, 4)))
                .attr("alpha", 0.5f)
                .attr("activation", "Clip")
                .attr("activation_params", 0f, 6f)
                .build();
        Node plain = FloatFusedActivation.withoutActivation(fused);
        assertThat(plain.attributes().names()).containsExactly("alpha");
        assertThat(plain.inputCount()).isEqualTo(2);
        assertThat(plain.describe()).isEqualTo(fused.describe());
        assertThat(FusedActivation.of(fused)).isEqualTo(FusedActivation.clip(0f, 6f));
        assertThat(FusedActivation.of(plain)).isEqualTo(FusedActivation.NONE);
    }
}
