package dev.vela.reference.linalg;

import static dev.vela.reference.linalg.Fixtures.CLOSE;
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

class ReduceLogSumTest {

    private final ReduceLogSum logSum = new ReduceLogSum();

    @Test
    void takesTheLogOfTheSum() {
        Tensor x = floats(dims(2, 2), 1, 2, 3, 4);
        Tensor a = int64s(0);
        Tensor y = run(
                logSum,
                node("ReduceLogSum", 18, x)
                        .constantInput(a)
                        .attr("keepdims", 0L)
                        .build(),
                x,
                a);
        assertThat(y.shape()).isEqualTo(Shape.of(2));
        assertThat(y.toFloatArray()).containsExactly(new float[] {(float) Math.log(4), (float) Math.log(6)}, CLOSE);
        assertThat(run(logSum, node("ReduceLogSum", 18, x).build(), x).toFloatArray())
                .containsExactly(new float[] {2.30258509f}, CLOSE);
    }

    @Test
    void emptyReductionIsMinusInfinity() {
        Tensor e = Tensor.allocate(TensorType.of(DataType.FLOAT32, 2, 0, 4));
        Tensor a = int64s(1);
        assertThat(run(logSum, node("ReduceLogSum", 18, e).constantInput(a).build(), e, a)
                        .toFloatArray())
                .containsOnly(Float.NEGATIVE_INFINITY);
    }
}
