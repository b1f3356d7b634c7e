package dev.vela.reference.linalg;

import static dev.vela.reference.linalg.Fixtures.dims;
import static dev.vela.reference.linalg.Fixtures.floats;
import static dev.vela.reference.linalg.Fixtures.int64s;
import static dev.vela.reference.linalg.Fixtures.node;
import static dev.vela.reference.linalg.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

class ReduceL1Test {

    private final ReduceL1 l1 = new ReduceL1();
    private final Tensor x = floats(dims(2, 2), 1, -2, -3, 4);

    @Test
    void sumsAbsoluteValues() {
        Tensor a = int64s(-1);
        Tensor y = run(
                l1,
                node("ReduceL1", 18, x).constantInput(a).attr("keepdims", 0L).build(),
                x,
                a);
        assertThat(y.shape()).isEqualTo(Shape.of(2));
        assertThat(y.toFloatArray()).containsExactly(3, 7);
        assertThat(run(l1, node("ReduceL1", 13, x).build(), x).toFloatArray()).containsExactly(10);
    }

    @Test
    void noopTakesAbsoluteValuesWithoutReducing() {
        Tensor y =
                run(l1, node("ReduceL1", 18, x).attr("noop_with_empty_axes", 1L).build(), x);
        assertThat(y.shape()).isEqualTo(x.shape());
        assertThat(y.toFloatArray()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void emptyReductionIsZeroAndIntegersWork() {
        Tensor e = Tensor.allocate(TensorType.of(DataType.FLOAT32, 0, 3));
        Tensor a = int64s(0);
        assertThat(run(l1, node("ReduceL1", 18, e).constantInput(a).build(), e, a)
                        .toFloatArray())
                .containsExactly(0, 0, 0);
        Tensor i = Tensor.ofInts(Shape.of(3), -1, 2, -3);
        assertThat(run(l1, node("ReduceL1", 18, i).build(), i).getLong(0)).isEqualTo(6);
    }
}
