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

class CumSumTest {

    private final CumSum cumsum = new CumSum();

    private Tensor cumsum(Tensor x, long axis, long exclusive, long reverse) {
        Tensor a = Tensor.ofInts(Shape.scalar(), (int) axis);
        return run(
                        cumsum,
                        node("CumSum", 14, new Tensor[] {x, a})
                                .attr("exclusive", exclusive)
                                .attr("reverse", reverse)
                                .build(),
                        x,
                        a)
                .get(0);
    }

    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"BOOL", "INT4", "UINT4"})
    void runningSumForEveryNumericType(DataType type) {
        Tensor x = TestTensors.of(type, new int[] {5}, 1, 2, 3, 4, 5);
        assertThat(values(cumsum(x, 0, 0, 0))).containsExactly(1, 3, 6, 10, 15);
        assertThat(values(cumsum(x, 0, 1, 0))).containsExactly(0, 1, 3, 6, 10);
        assertThat(values(cumsum(x, 0, 0, 1))).containsExactly(15, 14, 12, 9, 5);
        assertThat(values(cumsum(x, 0, 1, 1))).containsExactly(14, 12, 9, 5, 0);
    }

    @Test
    void alongEitherAxisOfAMatrix() {
        Tensor x = TestTensors.of(DataType.FLOAT64, new int[] {2, 3}, 1, 2, 3, 4, 5, 6);
        assertThat(values(cumsum(x, 0, 0, 0))).containsExactly(1, 2, 3, 5, 7, 9);
        assertThat(values(cumsum(x, -1, 0, 0))).containsExactly(1, 3, 6, 4, 9, 15);
    }

    @Test
    void wrapsIntegers() {
        Tensor x = TestTensors.of(DataType.INT8, new int[] {2}, 100, 100);
        assertThat(values(cumsum(x, 0, 0, 0))).containsExactly(100, -56);
    }

    @Test
    void refusesAxisOutOfRangeWhenInvoked() {
        assertThatThrownBy(() -> cumsum(iota(DataType.FLOAT32, 3), 1, 0, 0))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("cumsum_under_test")
                .hasMessageContaining("axis 1 is out of range");
    }
}
