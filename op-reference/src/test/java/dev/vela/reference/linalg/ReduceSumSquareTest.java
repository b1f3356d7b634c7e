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

class ReduceSumSquareTest {

    private final ReduceSumSquare sumSquare = new ReduceSumSquare();

    @Test
    void sumsSquares() {
        Tensor x = floats(dims(2, 3), 1, 2, 3, -1, 0, 2);
        Tensor a = int64s(1);
        Tensor y =
                run(sumSquare, node("ReduceSumSquare", 18, x).constantInput(a).build(), x, a);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 1));
        assertThat(y.toFloatArray()).containsExactly(14, 5);
    }

    @Test
    void noopSquaresWithoutReducing() {
        Tensor x = floats(dims(3), 1, -2, 3);
        Tensor a = int64s();
        Tensor y = run(
                sumSquare,
                node("ReduceSumSquare", 18, x)
                        .constantInput(a)
                        .attr("noop_with_empty_axes", 1L)
                        .build(),
                x,
                a);
        assertThat(y.toFloatArray()).containsExactly(1, 4, 9);
    }

    @Test
    void emptyReductionIsZeroAndIntegersWork() {
        Tensor e = Tensor.allocate(TensorType.of(DataType.FLOAT32, 0));
        assertThat(run(sumSquare, node("ReduceSumSquare", 18, e).build(), e).toFloatArray())
                .containsExactly(0);
        Tensor l = Tensor.ofLongs(Shape.of(2), 3_000_000_000L, 1);
        assertThat(run(sumSquare, node("ReduceSumSquare", 18, l).build(), l).getLong(0))
                .isEqualTo(9_000_000_000_000_000_001L);
    }
}
