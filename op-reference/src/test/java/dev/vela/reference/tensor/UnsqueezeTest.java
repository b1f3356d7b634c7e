package dev.vela.reference.tensor;

import static dev.vela.reference.tensor.TestTensors.iota;
import static dev.vela.reference.tensor.TestTensors.longs;
import static dev.vela.reference.tensor.TestTensors.node;
import static dev.vela.reference.tensor.TestTensors.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UnsqueezeTest {

    private final Unsqueeze unsqueeze = new Unsqueeze();

    private Tensor unsqueeze(Tensor x, long... axes) {
        Tensor a = longs(axes);
        return run(unsqueeze, node("Unsqueeze", 13, new Tensor[] {x, a}, 1).build(), x, a)
                .get(0);
    }

    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"INT4", "UINT4"})
    void insertsAxesForEveryType(DataType type) {
        Tensor x = iota(type, 3, 4);
        Tensor out = unsqueeze(x, 0, 3);
        assertThat(out.shape()).isEqualTo(Shape.of(1, 3, 4, 1));
        assertThat(out.toByteArray()).isEqualTo(x.toByteArray());
    }

    @Test
    void axesIndexTheOutputAndMayBeNegativeOrUnsorted() {
        Tensor x = iota(DataType.FLOAT32, 3, 4, 5);
        assertThat(unsqueeze(x, 5, 4, 2).shape()).isEqualTo(Shape.of(3, 4, 1, 5, 1, 1));
        assertThat(unsqueeze(x, -1).shape()).isEqualTo(Shape.of(3, 4, 5, 1));
        assertThat(unsqueeze(iota(DataType.FLOAT32), 0).shape()).isEqualTo(Shape.of(1));
    }

    @Test
    void axesAttributeBeforeOpset13() {
        Tensor x = iota(DataType.UINT8, 2);
        Node n = node("Unsqueeze", 11, new Tensor[] {x})
                .attr("axes", new int[] {1})
                .build();
        assertThat(unsqueeze.valueInputs(n)).isEmpty();
        assertThat(run(unsqueeze, n, x).get(0).shape()).isEqualTo(Shape.of(2, 1));
    }

    @Test
    void refusesOutOfRangeAndRepeatedAxes() {
        assertThatThrownBy(() -> unsqueeze(iota(DataType.FLOAT32, 2), 2))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("unsqueeze_under_test")
                .hasMessageContaining("axis 2 is out of range");
        assertThatThrownBy(() -> unsqueeze(iota(DataType.FLOAT32, 2), 0, -3))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("twice");
    }
}
