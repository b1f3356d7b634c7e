package dev.vela.reference.tensor;

import static dev.vela.reference.tensor.TestTensors.iota;
import static dev.vela.reference.tensor.TestTensors.longs;
import static dev.vela.reference.tensor.TestTensors.node;
import static dev.vela.reference.tensor.TestTensors.run;
import static dev.vela.reference.tensor.TestTensors.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExpandTest {

    private final Expand expand = new Expand();

    private Tensor expand(Tensor x, long... shape) {
        Tensor s = longs(shape);
        return run(expand, node("Expand", 13, new Tensor[] {x, s}, 1).build(), x, s)
                .get(0);
    }

    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"INT4", "UINT4"})
    void broadcastsAColumnForEveryType(DataType type) {
        Tensor out = expand(TestTensors.of(type, new int[] {3, 1}, 1, 2, 3), 2, 1, 2);
        assertThat(out.shape()).isEqualTo(Shape.of(2, 3, 2));
        assertThat(values(out)).containsExactly(TestTensors.as(type, 1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3));
    }

    @Test
    void onesInTheTargetKeepTheInputDimension() {
        Tensor out = expand(iota(DataType.FLOAT32, 2, 3), 1, 1);
        assertThat(out.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(out.toFloatArray()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(expand(iota(DataType.FLOAT32, 1), 0).shape()).isEqualTo(Shape.of(0));
    }

    @Test
    void refusesIncompatibleAndNegativeShapes() {
        assertThatThrownBy(() -> expand(iota(DataType.FLOAT32, 3), 2))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("expand_under_test")
                .hasMessageContaining("broadcast");
        assertThatThrownBy(() -> expand(iota(DataType.FLOAT32, 3), -1))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("invalid dimension");
    }
}
