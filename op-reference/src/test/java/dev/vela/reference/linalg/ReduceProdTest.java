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

class ReduceProdTest {

    private final ReduceProd prod = new ReduceProd();

    private Tensor reduce(Tensor data, long... axes) {
        Tensor a = int64s(axes);
        return run(prod, node("ReduceProd", 18, data).constantInput(a).build(), data, a);
    }

    @Test
    void multipliesAlongAxes() {
        Tensor x = floats(dims(3, 2, 2), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        Tensor y = reduce(x, 1);
        assertThat(y.shape()).isEqualTo(Shape.of(3, 1, 2));
        assertThat(y.toFloatArray()).containsExactly(3, 8, 35, 48, 99, 120);
        assertThat(run(prod, node("ReduceProd", 13, x).attr("axes", 0, 1, 2).build(), x)
                        .toFloatArray())
                .containsExactly(479001600f);
    }

    @Test
    void emptyReductionIsOne() {
        Tensor e = Tensor.allocate(TensorType.of(DataType.FLOAT32, 2, 0, 4));
        assertThat(reduce(e, 1).toFloatArray()).containsOnly(1);
    }

    @Test
    void multipliesInt64() {
        Tensor l = Tensor.ofLongs(Shape.of(3), 100_000, 100_000, -3);
        assertThat(reduce(l, 0).getLong(0)).isEqualTo(-30_000_000_000L);
    }
}
