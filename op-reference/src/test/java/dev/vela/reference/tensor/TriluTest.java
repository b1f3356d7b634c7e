package dev.vela.reference.tensor;

import static dev.vela.reference.tensor.TestTensors.iota;
import static dev.vela.reference.tensor.TestTensors.node;
import static dev.vela.reference.tensor.TestTensors.run;
import static dev.vela.reference.tensor.TestTensors.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TriluTest {

    private final Trilu trilu = new Trilu();

    private Tensor trilu(Tensor x, Long k, long upper) {
        Tensor[] in = k == null ? new Tensor[] {x} : new Tensor[] {x, Tensor.ofLongs(Shape.scalar(), k)};
        return run(trilu, node("Trilu", 14, in).attr("upper", upper).build(), in)
                .get(0);
    }

    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"INT4", "UINT4"})
    void upperTriangleByDefaultForEveryType(DataType type) {
        // 3x3 of 1..9
        Tensor x = TestTensors.of(type, new int[] {3, 3}, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        Tensor out = run(trilu, node("Trilu", 14, new Tensor[] {x}).build(), x).get(0);
        assertThat(values(out)).containsExactly(TestTensors.as(type, 1, 2, 3, 0, 5, 6, 0, 0, 9));
    }

    @Test
    void lowerWithPositiveAndNegativeK() {
        Tensor x = TestTensors.of(DataType.INT64, new int[] {2, 3}, 1, 2, 3, 4, 5, 6);
        assertThat(values(trilu(x, 1L, 0))).containsExactly(1, 2, 0, 4, 5, 6);
        assertThat(values(trilu(x, -1L, 0))).containsExactly(0, 0, 0, 4, 0, 0);
        assertThat(values(trilu(x, 5L, 1))).containsExactly(0, 0, 0, 0, 0, 0);
        assertThat(values(trilu(x, -5L, 1))).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void batchesAndEmptyMatrices() {
        Tensor x = TestTensors.of(DataType.FLOAT32, new int[] {2, 2, 2}, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(values(trilu(x, null, 0))).containsExactly(1, 0, 3, 4, 5, 0, 7, 8);
        assertThat(trilu(iota(DataType.FLOAT32, 3, 0, 5), 0L, 1).shape()).isEqualTo(Shape.of(3, 0, 5));
    }

    @Test
    void refusesVectors() {
        assertThatThrownBy(() -> trilu(iota(DataType.FLOAT32, 3), null, 1))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("trilu_under_test")
                .hasMessageContaining("rank >= 2");
    }
}
