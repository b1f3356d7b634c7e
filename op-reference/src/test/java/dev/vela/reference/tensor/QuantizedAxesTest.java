package dev.vela.reference.tensor;

import static dev.vela.reference.tensor.TestTensors.longs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

class QuantizedAxesTest {

    private static final Quantization PER_AXIS = Quantization.perAxis(0, new float[] {0.5f, 0.25f}, new long[] {0, 0});
    private static final TensorType WEIGHTS = TensorType.quantized(DataType.INT8, Shape.of(2, 3), PER_AXIS);
    private static final TensorType ACTIVATIONS =
            TensorType.quantized(DataType.INT8, Shape.of(2, 3), Quantization.perTensor(0.1f, -3));

    @Test
    void transposeMovesThePerAxisParameters() {
        Node n = Node.builder("Transpose").input(WEIGHTS).build();
        TensorType out = new Transpose().prepare(n).outputTypes().get(0);
        assertThat(out)
                .isEqualTo(TensorType.quantized(
                        DataType.INT8,
                        Shape.of(3, 2),
                        Quantization.perAxis(1, new float[] {0.5f, 0.25f}, new long[] {0, 0})));
    }

    @Test
    void unsqueezeShiftsTheAxisAndPerTensorParametersCarryOver() {
        Tensor axes = longs(0);
        TensorType out = new Unsqueeze()
                .prepare(Node.builder("Unsqueeze")
                        .input(WEIGHTS)
                        .constantInput(axes)
                        .build())
                .outputTypes()
                .get(0);
        assertThat(out.quantization().orElseThrow().axis()).isEqualTo(1);
        assertThat(out.shape()).isEqualTo(Shape.of(1, 2, 3));
        TensorType flat = new Flatten()
                .prepare(Node.builder("Flatten")
                        .input(ACTIVATIONS)
                        .attr("axis", 0L)
                        .build())
                .outputTypes()
                .get(0);
        assertThat(flat).isEqualTo(ACTIVATIONS.withShape(Shape.of(1, 6)));
    }

    @Test
    void refusesOpsThatWouldScrambleThePerAxisParameters() {
        assertThatThrownBy(() -> new Flatten()
                        .prepare(Node.builder("Flatten")
                                .name("f")
                                .input(WEIGHTS)
                                .attr("axis", 0L)
                                .build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("per-axis");
        Node reversed = Node.builder("Slice")
                .input(WEIGHTS)
                .constantInput(longs(-1))
                .constantInput(longs(Long.MIN_VALUE))
                .constantInput(longs(0))
                .constantInput(longs(-1))
                .build();
        assertThatThrownBy(() -> new Slice().prepare(reversed))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("per-axis");
        Node gathered = Node.builder("Gather")
                .input(WEIGHTS)
                .input(TensorType.of(DataType.INT64, 1))
                .build();
        assertThatThrownBy(() -> new Gather().prepare(gathered)).isInstanceOf(InvalidNodeException.class);
    }

    @Test
    void concatNeedsEqualParametersAndCumSumRefusesQuantized() {
        Node mixed = Node.builder("Concat")
                .input(ACTIVATIONS)
                .input(TensorType.of(DataType.INT8, 2, 3))
                .attr("axis", 0L)
                .build();
        assertThatThrownBy(() -> new Concat().prepare(mixed))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("requantizing");
        Node same = Node.builder("Concat")
                .input(ACTIVATIONS)
                .input(ACTIVATIONS)
                .attr("axis", 1L)
                .build();
        assertThat(new Concat().prepare(same).outputTypes().get(0)).isEqualTo(ACTIVATIONS.withShape(Shape.of(2, 6)));
        Node cumsum = Node.builder("CumSum")
                .input(ACTIVATIONS)
                .input(TensorType.of(DataType.INT64))
                .build();
        assertThatThrownBy(() -> new CumSum().prepare(cumsum))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("quantized");
    }
}
