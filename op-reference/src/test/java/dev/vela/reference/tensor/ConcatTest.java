package dev.vela.reference.tensor;

import static dev.vela.reference.tensor.TestTensors.iota;
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

class ConcatTest {

    private final Concat concat = new Concat();

    private Tensor concat(long axis, Tensor... xs) {
        return run(concat, node("Concat", 13, xs).attr("axis", axis).build(), xs)
                .get(0);
    }

    @Test
    void joinsAlongTheFirstAxis() {
        Tensor out = concat(0, iota(DataType.FLOAT32, 1, 2), iota(DataType.FLOAT32, 2, 2));
        assertThat(out.shape()).isEqualTo(Shape.of(3, 2));
        assertThat(out.toFloatArray()).containsExactly(0, 1, 0, 1, 2, 3);
    }

    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"INT4", "UINT4"})
    void joinsAlongTheLastAxisByNegativeIndexForEveryType(DataType type) {
        Tensor a = TestTensors.of(type, new int[] {2, 2}, 1, 2, 3, 4);
        Tensor b = TestTensors.of(type, new int[] {2, 1}, 5, 6);
        Tensor out = concat(-1, a, b);
        assertThat(out.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(values(out)).containsExactly(TestTensors.as(type, 1, 2, 5, 3, 4, 6));
    }

    @Test
    void middleAxisWithAnEmptyInput() {
        Tensor a = iota(DataType.INT64, 2, 1, 2);
        Tensor empty = iota(DataType.INT64, 2, 0, 2);
        Tensor b = TestTensors.of(DataType.INT64, new int[] {2, 1, 2}, 10, 11, 12, 13);
        Tensor out = concat(1, a, empty, b);
        assertThat(out.shape()).isEqualTo(Shape.of(2, 2, 2));
        assertThat(values(out)).containsExactly(0, 1, 10, 11, 2, 3, 12, 13);
    }

    @Test
    void singleInputIsACopy() {
        assertThat(values(concat(0, iota(DataType.UINT8, 3)))).containsExactly(0, 1, 2);
    }

    @Test
    void refusesAxisOutOfRangeMismatchedShapesAndTypes() {
        assertThatThrownBy(() -> concat(2, iota(DataType.FLOAT32, 2, 2), iota(DataType.FLOAT32, 2, 2)))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("concat_under_test")
                .hasMessageContaining("axis 2 is out of range");
        assertThatThrownBy(() -> concat(0, iota(DataType.FLOAT32, 2, 2), iota(DataType.FLOAT32, 2, 3)))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("outside axis 0");
        assertThatThrownBy(() -> concat(0, iota(DataType.FLOAT32, 2, 2), iota(DataType.FLOAT32, 2)))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("rank");
        assertThatThrownBy(() -> concat(0, iota(DataType.FLOAT32, 2), iota(DataType.INT32, 2)))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("int32");
    }
}
