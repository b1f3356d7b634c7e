package dev.vela.reference.recurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.reference.ReferenceTesting;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

/** Float SVDF against the state shift, projection and time filter evaluated by hand. */
class FloatSvdfTest {

    private final FloatSvdf svdf = new FloatSvdf();
    private final Tensor x = Tensor.ofFloats(Shape.of(1, 2), 1f, 2f);
    private final Tensor weightsFeature = Tensor.ofFloats(Shape.of(2, 2), 1f, 0f, 0.5f, 1f);
    private final Tensor weightsTime = Tensor.ofFloats(Shape.of(2, 2), 1f, 2f, 0.5f, -1f);
    private final Tensor state = Tensor.ofFloats(Shape.of(1, 4), 10f, 20f, 30f, 40f);

    private static Node.Builder node(Tensor... inputs) {
        Node.Builder b = Node.builder(OpId.parse("tflite:SVDF")).name("svdf");
        for (Tensor t : inputs) {
            if (t == null) {
                b.absentInput();
            } else {
                b.constantInput(t);
            }
        }
        return b;
    }

    @Test
    void shiftsTheStateProjectsFiltersAndAddsTheBias() {
        Tensor bias = Tensor.ofFloats(Shape.of(2), 1f, -20f);
        Tensor[] in = {x, weightsFeature, weightsTime, bias, state};
        // projections 1 and 2.5; state rows [20, 1] and [40, 2.5]; units 20 + 2 + 1 = 23, 20 - 2.5 - 20 = -2.5
        assertThat(ReferenceTesting.run(svdf, node(in).attr("rank", 1L).build(), in)
                        .get(0)
                        .toFloatArray())
                .containsExactly(23f, -2.5f);
        assertThat(ReferenceTesting.run(
                                svdf,
                                node(in).attr("rank", 1L)
                                        .attr("activation", "Relu")
                                        .build(),
                                in)
                        .get(0)
                        .toFloatArray())
                .containsExactly(23f, 0f);
    }

    @Test
    void rankTwoSumsBothFiltersOfTheUnitWithoutBias() {
        Tensor[] in = {x, weightsFeature, weightsTime, null, state};
        Tensor y = ReferenceTesting.run(svdf, node(in).attr("rank", 2L).build(), in)
                .get(0);
        assertThat(y.shape()).isEqualTo(Shape.of(1, 1));
        assertThat(y.toFloatArray()).containsExactly(39.5f);
    }

    @Test
    void refusesQuantizedInputsARankThatDoesNotDivideAndAWrongBias() {
        Tensor q = Tensor.ofBytes(
                TensorType.quantized(DataType.INT8, Shape.of(1, 2), Quantization.perTensor(1f, 0)), (byte) 1, (byte) 2);
        assertThatThrownBy(() -> svdf.prepare(
                        node(q, weightsFeature, weightsTime, null, state).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("node 'svdf'")
                .hasMessageContaining("float32");
        assertThatThrownBy(() -> svdf.prepare(node(x, weightsFeature, weightsTime, null, state)
                        .attr("rank", 3L)
                        .build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("rank 3");
        Tensor bias = Tensor.ofFloats(Shape.of(3), 1f, 2f, 3f);
        assertThatThrownBy(() -> svdf.prepare(
                        node(x, weightsFeature, weightsTime, bias, state).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("bias");
        assertThatThrownBy(() -> svdf.prepare(node(x, weightsFeature, weightsTime, null, state)
                        .attr("activation", "Elu")
                        .build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("Elu");
    }
}
