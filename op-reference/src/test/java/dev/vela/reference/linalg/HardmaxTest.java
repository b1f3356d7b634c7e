package dev.vela.reference.linalg;

import static dev.vela.reference.linalg.Fixtures.dims;
import static dev.vela.reference.linalg.Fixtures.floats;
import static dev.vela.reference.linalg.Fixtures.node;
import static dev.vela.reference.linalg.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

class HardmaxTest {

    private final Hardmax hardmax = new Hardmax();

    @Test
    void marksTheFirstMaximumOfEachRow() {
        Tensor x = floats(dims(3, 3), 3, 0, 1, 2, 2, 1, -1, 5, 5);
        Tensor y = run(hardmax, node("Hardmax", 13, x).build(), x);
        assertThat(y.toFloatArray()).containsExactly(1, 0, 0, 1, 0, 0, 0, 1, 0);
    }

    @Test
    void worksAlongAnyAxisFromOpset13() {
        Tensor x = floats(dims(2, 2), 1, 4, 3, 2);
        assertThat(run(hardmax, node("Hardmax", 13, x).attr("axis", 0L).build(), x)
                        .toFloatArray())
                .containsExactly(0, 1, 1, 0);
    }

    @Test
    void coercesToTwoDimensionsBeforeOpset13() {
        // [2x2] at axis 0 is one row of four: only the overall maximum is marked
        Tensor x = floats(dims(2, 2), 1, 4, 3, 2);
        assertThat(run(hardmax, node("Hardmax", 11, x).attr("axis", 0L).build(), x)
                        .toFloatArray())
                .containsExactly(0, 1, 0, 0);
    }

    @Test
    void treatsNanAsTheMaximumLikeNumpy() {
        Tensor x = floats(dims(1, 3), 1, Float.NaN, 7);
        assertThat(run(hardmax, node("Hardmax", 13, x).build(), x).toFloatArray())
                .containsExactly(0, 1, 0);
    }

    @Test
    void emptyLanesGiveAnEmptyResult() {
        Tensor x = Tensor.allocate(TensorType.of(DataType.FLOAT32, 2, 0));
        assertThat(run(hardmax, node("Hardmax", 13, x).build(), x).elementCount())
                .isZero();
    }

    @Test
    void refusesAxisOutOfRange() {
        Tensor x = floats(dims(2, 2), 1, 4, 3, 2);
        assertThatThrownBy(() ->
                        hardmax.prepare(node("Hardmax", 13, x).attr("axis", 5L).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("axis 5");
    }
}
