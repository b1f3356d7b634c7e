package dev.vela.reference.tensor;

import static dev.vela.reference.tensor.TestTensors.iota;
import static dev.vela.reference.tensor.TestTensors.node;
import static dev.vela.reference.tensor.TestTensors.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NonZeroTest {

    private final NonZero nonZero = new NonZero();

    private Tensor nonZero(Tensor x) {
        return run(nonZero, node("NonZero", 13, new Tensor[] {x}, 0).build(), x).get(0);
    }

    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"INT4", "UINT4"})
    void coordinatesOfNonZeroElementsForEveryType(DataType type) {
        // ONNX example: [[1, 0], [1, 1]] -> [[0, 1, 1], [0, 0, 1]]
        Tensor out = nonZero(TestTensors.of(type, new int[] {2, 2}, 1, 0, 1, 1));
        assertThat(out.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(out.toLongArray()).containsExactly(0, 1, 1, 0, 0, 1);
    }

    @Test
    void negativeZeroIsZeroAndNanIsNot() {
        Tensor out = nonZero(Tensor.ofFloats(Shape.of(3), -0f, Float.NaN, 0f));
        assertThat(out.toLongArray()).containsExactly(1);
        assertThat(nonZero(iota(DataType.INT32, 0, 2)).shape()).isEqualTo(Shape.of(2, 0));
    }

    @Test
    void needsTheValue() {
        assertThat(nonZero.valueInputs(node("NonZero", 13, new Tensor[] {iota(DataType.FLOAT32, 2)})
                        .build()))
                .containsExactly(0);
        assertThatThrownBy(() -> nonZero.prepare(node("NonZero", 13, new Tensor[] {iota(DataType.FLOAT32, 2)})
                        .build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("nonzero_under_test");
    }
}
