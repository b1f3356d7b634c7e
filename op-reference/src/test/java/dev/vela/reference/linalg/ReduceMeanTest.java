package dev.vela.reference.linalg;

import static dev.vela.reference.linalg.Fixtures.dims;
import static dev.vela.reference.linalg.Fixtures.floats;
import static dev.vela.reference.linalg.Fixtures.int64s;
import static dev.vela.reference.linalg.Fixtures.node;
import static dev.vela.reference.linalg.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

class ReduceMeanTest {

    private final ReduceMean mean = new ReduceMean();
    private final Tensor x = floats(dims(3, 2, 2), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);

    @Test
    void averagesTheAxesInputFromOpset18() {
        Tensor a = int64s(1);
        Tensor y = run(mean, node("ReduceMean", 18, x).constantInput(a).build(), x, a);
        assertThat(y.shape()).isEqualTo(Shape.of(3, 1, 2));
        assertThat(y.toFloatArray()).containsExactly(2, 3, 6, 7, 10, 11);
    }

    @Test
    void averagesTheAxesAttributeBeforeOpset18() {
        Node n = node("ReduceMean", 13, x)
                .attr("axes", -1, 0)
                .attr("keepdims", 0L)
                .build();
        Tensor y = run(mean, n, x);
        assertThat(y.shape()).isEqualTo(Shape.of(2));
        assertThat(y.toFloatArray()).containsExactly(5.5f, 7.5f);
        assertThat(mean.valueInputs(n)).isEmpty();
    }

    @Test
    void averagesEverythingByDefault() {
        assertThat(run(mean, node("ReduceMean", 18, x).build(), x).toFloatArray())
                .containsExactly(6.5f);
    }

    @Test
    void emptyReductionIsNan() {
        Tensor e = Tensor.allocate(TensorType.of(DataType.FLOAT32, 2, 0));
        Tensor a = int64s(1);
        Tensor y = run(mean, node("ReduceMean", 18, e).constantInput(a).build(), e, a);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 1));
        assertThat(y.toFloatArray()).containsOnly(Float.NaN);
    }

    @Test
    void doesNotClaimIntegers() {
        Tensor i = Tensor.ofInts(Shape.of(2), 1, 2);
        assertThat(mean.supports(node("ReduceMean", 18, i).build()).isSupported())
                .isFalse();
    }
}
