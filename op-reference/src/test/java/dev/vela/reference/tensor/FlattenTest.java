package dev.vela.reference.tensor;

import static dev.vela.reference.tensor.TestTensors.iota;
import static dev.vela.reference.tensor.TestTensors.node;
import static dev.vela.reference.tensor.TestTensors.run;
import static dev.vela.reference.tensor.TestTensors.values;
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

class FlattenTest {

    private final Flatten flatten = new Flatten();

    private Tensor flatten(Tensor x, Long axis) {
        Node.Builder b = node("Flatten", 21, new Tensor[] {x});
        if (axis != null) {
            b.attr("axis", axis.longValue());
        }
        return run(flatten, b.build(), x).get(0);
    }

    @Test
    void defaultAxisIsOne() {
        Tensor out = flatten(iota(DataType.FLOAT32, 5, 4, 3, 2), null);
        assertThat(out.shape()).isEqualTo(Shape.of(5, 24));
        assertThat(out.toFloatArray())
                .isEqualTo(iota(DataType.FLOAT32, 5, 4, 3, 2).toFloatArray());
    }

    @Test
    void everyAxisIncludingZeroRankAndNegative() {
        Tensor x = iota(DataType.INT32, 2, 3, 4, 5);
        assertThat(flatten(x, 0L).shape()).isEqualTo(Shape.of(1, 120));
        assertThat(flatten(x, 2L).shape()).isEqualTo(Shape.of(6, 20));
        assertThat(flatten(x, 4L).shape()).isEqualTo(Shape.of(120, 1));
        assertThat(flatten(x, -1L).shape()).isEqualTo(Shape.of(24, 5));
        assertThat(flatten(x, -4L).shape()).isEqualTo(Shape.of(1, 120));
        assertThat(values(flatten(x, -3L))).isEqualTo(values(x));
    }

    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"INT4", "UINT4"})
    void copiesEveryType(DataType type) {
        Tensor x = iota(type, 2, 2, 2);
        Tensor out = flatten(x, 2L);
        assertThat(out.dataType()).isEqualTo(type);
        assertThat(out.toByteArray()).isEqualTo(x.toByteArray());
    }

    @Test
    void emptyAndScalarInputs() {
        assertThat(flatten(iota(DataType.FLOAT32, 2, 0, 3), 2L).shape()).isEqualTo(Shape.of(0, 3));
        assertThat(flatten(iota(DataType.FLOAT32), 0L).shape()).isEqualTo(Shape.of(1, 1));
    }

    @Test
    void refusesAxisOutOfRange() {
        assertThatThrownBy(() -> flatten(iota(DataType.FLOAT32, 2, 3), 3L))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("flatten_under_test")
                .hasMessageContaining("axis 3");
        assertThatThrownBy(() -> flatten(iota(DataType.FLOAT32, 2, 3), -3L)).isInstanceOf(InvalidNodeException.class);
    }
}
