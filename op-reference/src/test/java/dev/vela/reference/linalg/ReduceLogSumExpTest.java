package dev.vela.reference.linalg;

import static dev.vela.reference.linalg.Fixtures.CLOSE;
import static dev.vela.reference.linalg.Fixtures.dims;
import static dev.vela.reference.linalg.Fixtures.floats;
import static dev.vela.reference.linalg.Fixtures.int64s;
import static dev.vela.reference.linalg.Fixtures.node;
import static dev.vela.reference.linalg.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ReduceLogSumExpTest {

    private final ReduceLogSumExp lse = new ReduceLogSumExp();

    private Tensor reduce(Tensor data, long... axes) {
        Tensor a = int64s(axes);
        return run(lse, node("ReduceLogSumExp", 18, data).constantInput(a).build(), data, a);
    }

    @Test
    void computesLogSumExp() {
        Tensor x = floats(dims(2, 3), 1, 2, 3, 0, 0, 0);
        assertThat(reduce(x, 1).toFloatArray()).containsExactly(new float[] {3.40760596f, (float) Math.log(3)}, CLOSE);
    }

    @Test
    void staysFiniteForLargeInputs() {
        Tensor x = Tensor.allocate(TensorType.of(DataType.FLOAT64, 2));
        x.doubles().put(new double[] {1000, 1001});
        assertThat(reduce(x, 0).getDouble(0)).isCloseTo(1001.3132616875182, Offset.offset(1e-12));
    }

    @Test
    void handlesInfinitiesAndEmptyReductions() {
        float inf = Float.POSITIVE_INFINITY;
        Tensor x = floats(dims(3, 2), -inf, -inf, inf, 1, Float.NaN, 1);
        float[] y = reduce(x, 1).toFloatArray();
        assertThat(y[0]).isEqualTo(-inf);
        assertThat(y[1]).isEqualTo(inf);
        assertThat(y[2]).isNaN();
        Tensor e = Tensor.allocate(TensorType.of(DataType.FLOAT32, 2, 0, 4));
        assertThat(reduce(e, 1).toFloatArray()).containsOnly(-inf);
    }

    @Test
    void usesTheAttributeBeforeOpset18() {
        Tensor x = floats(dims(2, 2), 0, 0, 1, 1);
        Tensor y = run(
                lse, node("ReduceLogSumExp", 13, x).attr("axes", new int[] {1}).build(), x);
        assertThat(y.toFloatArray()).containsExactly(new float[] {(float) Math.log(2), 1 + (float) Math.log(2)}, CLOSE);
    }
}
