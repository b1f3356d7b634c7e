package dev.vela.reference.tensor;

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

class RangeTest {

    private final Range range = new Range();

    private Tensor range(DataType type, long start, long limit, long delta) {
        Tensor[] in = {
            TestTensors.of(type, new int[0], start),
            TestTensors.of(type, new int[0], limit),
            TestTensors.of(type, new int[0], delta)
        };
        return run(range, node("Range", 11, in, 0, 1, 2).build(), in).get(0);
    }

    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            names = {"FLOAT32", "FLOAT64", "FLOAT16", "BFLOAT16", "INT16", "INT32", "INT64"})
    void countsUpAndDown(DataType type) {
        assertThat(values(range(type, 1, 8, 3))).containsExactly(1, 4, 7);
        assertThat(values(range(type, 10, 4, -3))).containsExactly(10, 7);
        assertThat(range(type, 5, 1, 1).shape()).isEqualTo(Shape.of(0));
    }

    @Test
    void fractionalFloatSteps() {
        Tensor[] in = {
            Tensor.ofFloats(Shape.scalar(), 0f),
            Tensor.ofFloats(Shape.scalar(), 1f),
            Tensor.ofFloats(Shape.scalar(), 0.25f)
        };
        assertThat(run(range, node("Range", 11, in, 0, 1, 2).build(), in).get(0).toFloatArray())
                .containsExactly(0f, 0.25f, 0.5f, 0.75f);
    }

    @Test
    void refusesZeroDeltaAndUnsupportedTypes() {
        assertThatThrownBy(() -> range(DataType.INT32, 0, 4, 0))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("range_under_test")
                .hasMessageContaining("delta");
        assertThatThrownBy(() -> range(DataType.UINT8, 0, 4, 1))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("uint8");
    }
}
