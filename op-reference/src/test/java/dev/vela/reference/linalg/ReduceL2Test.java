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
import org.junit.jupiter.api.Test;

class ReduceL2Test {

    private final ReduceL2 l2 = new ReduceL2();

    @Test
    void takesTheEuclideanNorm() {
        Tensor x = floats(dims(2, 2), 3, -4, 1, 1);
        Tensor a = int64s(1);
        assertThat(run(l2, node("ReduceL2", 18, x).constantInput(a).build(), x, a)
                        .toFloatArray())
                .containsExactly(new float[] {5, (float) Math.sqrt(2)}, CLOSE);
        assertThat(run(l2, node("ReduceL2", 11, x).attr("axes", new int[] {0}).build(), x)
                        .toFloatArray())
                .containsExactly(new float[] {(float) Math.sqrt(10), (float) Math.sqrt(17)}, CLOSE);
    }

    @Test
    void emptyReductionIsZero() {
        Tensor e = Tensor.allocate(TensorType.of(DataType.FLOAT32, 2, 0));
        Tensor a = int64s(1);
        assertThat(run(l2, node("ReduceL2", 18, e).constantInput(a).build(), e, a)
                        .toFloatArray())
                .containsExactly(0, 0);
    }
}
