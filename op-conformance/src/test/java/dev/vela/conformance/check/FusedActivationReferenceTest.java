package dev.vela.conformance.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.conformance.cases.FusedActivation;
import dev.vela.reference.ReferenceProvider;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kit's expectation for a float node with a fused activation: the reference on the plain node, then the clamp. */
class FusedActivationReferenceTest {

    private static final TensorType ROW = TensorType.of(DataType.FLOAT32, Shape.of(6));

    private static KernelFactory reference(String op) {
        return new FusedActivationReference(new ReferenceProvider().factories().stream()
                .filter(f -> f.op().equals(OpId.of(op))).findFirst().orElseThrow());
    }

    private static Node add() {
        return Node.builder("Add").name("add").input(ROW).input(ROW).build();
    }

    private static float[] run(Node node) {
        Tensor a = Tensor.ofFloats(Shape.of(6), -3f, -0.5f, 0.5f, 4f, 10f, Float.NaN);
        Tensor b = Tensor.ofFloats(Shape.of(6), 1f, 0f, 0f, 3f, Float.NEGATIVE_INFINITY, 0f);
        try (Kernel k = reference("Add").prepare(node)) {
            Tensor out = Tensor.allocate(k.outputTypes().get(0));
            k.invoke(Invocation.of(List.of(a, b), List.of(out), null));
            float[] v = new float[6];
            for (int i = 0; i < 6; i++) {
                v[i] = (float) out.getDouble(i);
            }
            return v;
        }
    }

    @Test
    void reluClampsFromBelowAndLetsNaNThrough() {
        // a + b = [-2, -0.5, 0.5, 7, -Inf, NaN]
        assertThat(run(FusedActivation.with(add(), "Relu", null))).containsExactly(0f, 0f, 0.5f, 7f, 0f, Float.NaN);
    }

    @Test
    void clipClampsToBothBounds() {
        assertThat(run(FusedActivation.with(add(), "Clip", new float[] {-1f, 6f})))
                .containsExactly(-1f, -0.5f, 0.5f, 6f, -1f, Float.NaN);
        assertThat(run(FusedActivation.with(add(), "Clip", new float[] {1.5f, 1.5f})))
                .containsExactly(1.5f, 1.5f, 1.5f, 1.5f, 1.5f, Float.NaN);
    }

    @Test
    void aPlainNodeIsTheReferenceItself() {
        assertThat(run(add())).containsExactly(-2f, -0.5f, 0.5f, 7f, Float.NEGATIVE_INFINITY, Float.NaN);
        assertThat(reference("Add").supports(FusedActivation.with(add(), "Relu", null)).isSupported()).isTrue();
    }

    @Test
    void malformedActivationsAreInvalidNodes() {
        KernelFactory ref = reference("Add");
        for (Node bad : List.of(FusedActivation.with(add(), "Clip", null), FusedActivation.with(add(), "Clip", new float[] {1f}),
                FusedActivation.with(add(), "Clip", new float[] {6f, 0f}), FusedActivation.with(add(), "Gelu", null))) {
            assertThat(ref.supports(bad).isSupported()).as(bad.describe()).isFalse();
            assertThatThrownBy(() -> ref.prepare(bad)).as(bad.describe()).isInstanceOf(InvalidNodeException.class)
                    .hasMessageContaining("fused");
        }
    }

    @Test
    void integerAndQuantizedNodesAreLeftToTheWrappedFactory() {
        TensorType ints = TensorType.of(DataType.INT32, Shape.of(2));
        Node intAdd = FusedActivation.with(Node.builder("Add").name("add").input(ints).input(ints).build(), "Relu", null);
        // the reference refuses the attribute on an int32 node, and the wrapper does not emulate it there
        assertThat(reference("Add").supports(intAdd).isSupported()).isFalse();
        TensorType q = TensorType.quantized(DataType.INT8, Shape.of(1, 2, 3, 3), Quantization.perTensor(0.5f, 0));
        Tensor w = Tensor.allocate(TensorType.quantized(DataType.INT8, Shape.of(2, 2, 1, 1), Quantization.perTensor(0.25f, 0)));
        Node qconv = FusedActivation.with(Node.builder("Conv").name("conv").input(q).constantInput(w)
                .outputQuantization(0, Quantization.perTensor(1f, 0)).build(), "Relu", null);
        KernelFactory plain = new ReferenceProvider().factories().stream().filter(f -> f.op().equals(OpId.of("Conv")))
                .findFirst().orElseThrow();
        assertThat(reference("Conv").supports(qconv).isSupported()).isEqualTo(plain.supports(qconv).isSupported());
    }

    @Test
    void withoutRemovesBothAttributesAndKeepsTheRest() {
        Node fused = FusedActivation.with(Node.builder("Gemm").name("g").input(TensorType.of(DataType.FLOAT32, Shape.of(2, 3)))
                .input(TensorType.of(DataType.FLOAT32, Shape.of(3, 4))).attr("alpha", 0.5f).build(), "Clip", new float[] {0f, 6f});
        Node plain = FusedActivation.without(fused);
        assertThat(plain.attributes().names()).containsExactly("alpha");
        assertThat(plain.inputCount()).isEqualTo(2);
        assertThat(FusedActivation.of(fused)).contains(new FusedActivation(0, 6));
        assertThat(FusedActivation.of(plain)).isEmpty();
    }
}
