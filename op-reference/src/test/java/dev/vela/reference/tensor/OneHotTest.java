package dev.vela.reference.tensor;

import static dev.vela.reference.tensor.TestTensors.longs;
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

class OneHotTest {

    private final OneHot oneHot = new OneHot();

    private Tensor oneHot(Tensor indices, long depth, Tensor values, Long axis) {
        Tensor d = Tensor.ofLongs(Shape.scalar(), depth);
        Node.Builder b = node("OneHot", 11, new Tensor[] {indices, d, values}, 1);
        if (axis != null) {
            b.attr("axis", axis.longValue());
        }
        return run(oneHot, b.build(), indices, d, values).get(0);
    }

    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"INT4", "UINT4"})
    void lastAxisByDefaultWithValuesOfAnyType(DataType type) {
        Tensor out = oneHot(longs(1, -1, 7), 3, TestTensors.of(type, new int[] {2}, 0, 5), null);
        assertThat(out.shape()).isEqualTo(Shape.of(3, 3));
        assertThat(out.dataType()).isEqualTo(type);
        assertThat(values(out)).containsExactly(TestTensors.as(type, 0, 5, 0, 0, 0, 5, 0, 0, 0));
    }

    @Test
    void leadingAxisAndFloatIndices() {
        Tensor indices = Tensor.ofFloats(Shape.of(2), 0f, 1.7f);
        Tensor out = oneHot(indices, 2, Tensor.ofFloats(Shape.of(2), -1f, 1f), 0L);
        assertThat(out.shape()).isEqualTo(Shape.of(2, 2));
        // out[d][i] = on where indices[i] == d
        assertThat(out.toFloatArray()).containsExactly(1f, -1f, -1f, 1f);
    }

    @Test
    void middleAxisByNegativeIndex() {
        Tensor indices = TestTensors.of(DataType.INT32, new int[] {2, 2}, 0, 1, 1, 0);
        Tensor out = oneHot(indices, 2, TestTensors.of(DataType.INT64, new int[] {2}, 0, 1), -2L);
        assertThat(out.shape()).isEqualTo(Shape.of(2, 2, 2));
        assertThat(values(out)).containsExactly(1, 0, 0, 1, 0, 1, 1, 0);
    }

    @Test
    void refusesBadDepthValuesAndAxis() {
        Tensor values = Tensor.ofFloats(Shape.of(2), 0f, 1f);
        assertThatThrownBy(() -> oneHot(longs(0), 0, values, null))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("onehot_under_test")
                .hasMessageContaining("depth");
        assertThatThrownBy(() -> oneHot(longs(0), 2, Tensor.ofFloats(Shape.of(3), 0f, 1f, 2f), null))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("[off, on]");
        assertThatThrownBy(() -> oneHot(longs(0), 2, values, 2L))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("axis 2 is out of range");
    }
}
