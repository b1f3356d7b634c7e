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
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SliceTest {

    private final Slice slice = new Slice();

    private Tensor slice(Tensor x, Tensor starts, Tensor ends, Tensor axes, Tensor steps) {
        Tensor[] in = steps != null
                ? new Tensor[] {x, starts, ends, axes, steps}
                : axes != null ? new Tensor[] {x, starts, ends, axes} : new Tensor[] {x, starts, ends};
        return run(slice, node("Slice", 13, in, 1, 2, 3, 4).build(), in).get(0);
    }

    @Test
    void windowOnTwoAxesWithSteps() {
        // x[i][j] = 4i + j over 3x4; rows 0..2 step 2, columns 1..3.
        Tensor out = slice(iota(DataType.FLOAT32, 3, 4), longs(0, 1), longs(3, 3), longs(0, 1), longs(2, 1));
        assertThat(out.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(out.toFloatArray()).containsExactly(1, 2, 9, 10);
    }

    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"INT4", "UINT4"})
    void negativeStepsWalkBackwardsForEveryType(DataType type) {
        Tensor out = slice(iota(type, 5), longs(-1), longs(Long.MIN_VALUE), longs(0), longs(-2));
        assertThat(out.shape()).isEqualTo(Shape.of(3));
        assertThat(values(out)).containsExactly(TestTensors.as(type, 4, 2, 0));
    }

    @Test
    void clampsOutOfRangeStartsAndEnds() {
        Tensor x = iota(DataType.INT32, 2, 5);
        assertThat(values(slice(x, longs(1), longs(1000), longs(1), null))).containsExactly(1, 2, 3, 4, 6, 7, 8, 9);
        assertThat(slice(x, longs(1000), longs(1001), longs(1), null).shape()).isEqualTo(Shape.of(2, 0));
        assertThat(values(slice(x, longs(-100), longs(-3), longs(-1), null))).containsExactly(0, 1, 5, 6);
        assertThat(values(slice(x, longs(100), longs(-100), longs(1), longs(-1))))
                .containsExactly(4, 3, 2, 1, 0, 9, 8, 7, 6, 5);
    }

    @Test
    void emptyAxisStaysEmptyInBothDirections() {
        Tensor x = iota(DataType.FLOAT32, 2, 0);
        assertThat(slice(x, longs(-1), longs(Long.MIN_VALUE), longs(1), longs(-1))
                        .shape())
                .isEqualTo(Shape.of(2, 0));
        assertThat(slice(x, longs(0), longs(5), longs(1), null).shape()).isEqualTo(Shape.of(2, 0));
    }

    @Test
    void defaultAxesAreTheLeadingOnes() {
        Tensor out = slice(iota(DataType.INT8, 3, 2), longs(1, 1), longs(3, 2), null, null);
        assertThat(out.shape()).isEqualTo(Shape.of(2, 1));
        assertThat(values(out)).containsExactly(3, 5);
    }

    @Test
    void attributesBeforeOpset10() {
        Tensor x = iota(DataType.FLOAT64, 4, 2);
        Node n = node("Slice", 9, new Tensor[] {x})
                .attr("starts", new int[] {1})
                .attr("ends", new int[] {-1})
                .attr("axes", new int[] {0})
                .build();
        Tensor out = run(slice, n, x).get(0);
        assertThat(out.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(values(out)).containsExactly(2, 3, 4, 5);
        assertThat(slice.valueInputs(n)).isEmpty();
    }

    @Test
    void valueInputsFromOpset10() {
        Tensor x = iota(DataType.FLOAT32, 4);
        assertThat(slice.valueInputs(
                        node("Slice", 10, new Tensor[] {x, longs(0), longs(1)}).build()))
                .containsExactlyInAnyOrder(1, 2);
        assertThat(slice.valueInputs(node("Slice", 13, new Tensor[] {x, longs(0), longs(1), null, longs(1)})
                        .build()))
                .containsExactlyInAnyOrder(1, 2, 4);
    }

    @Test
    void refusesBadArguments() {
        Tensor x = iota(DataType.FLOAT32, 4, 4);
        assertThatThrownBy(() -> slice(x, longs(0), longs(1), longs(0), longs(0)))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("slice_under_test")
                .hasMessageContaining("step 0");
        assertThatThrownBy(() -> slice(x, longs(0), longs(1), longs(2), null))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("axis 2 is out of range");
        assertThatThrownBy(() -> slice(x, longs(0, 0), longs(1), null, null))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("equal lengths");
        assertThatThrownBy(() -> slice(x, longs(0, 0), longs(1, 1), longs(0, -2), null))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("twice");
    }
}
