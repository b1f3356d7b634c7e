package dev.vela.reference.tensor;

import static dev.vela.reference.tensor.TestTensors.iota;
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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransposeTest {

    private final Transpose transpose = new Transpose();

    private Tensor transpose(Tensor x, int... perm) {
        Node.Builder b = node("Transpose", 21, new Tensor[] {x});
        if (perm != null) {
            b.attr("perm", perm);
        }
        return run(transpose, b.build(), x).get(0);
    }

    @Test
    void defaultReversesTheAxes() {
        // x[i][j] = 3i + j over 2x3; the transpose holds x[j][i].
        Tensor out = transpose(iota(DataType.FLOAT32, 2, 3), (int[]) null);
        assertThat(out.shape()).isEqualTo(Shape.of(3, 2));
        assertThat(out.toFloatArray()).containsExactly(0, 3, 1, 4, 2, 5);
    }

    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"INT4", "UINT4"})
    void permutesThreeAxesForEveryType(DataType type) {
        // x[a][b][c] = 6a + 3b + c over 2x2x3; perm (2, 0, 1): out[c][a][b] = x[a][b][c].
        Tensor out = transpose(iota(type, 2, 2, 3), 2, 0, 1);
        assertThat(out.shape()).isEqualTo(Shape.of(3, 2, 2));
        assertThat(values(out)).containsExactly(TestTensors.as(type, 0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11));
    }

    @Test
    void identityPermutationAndEmptyInput() {
        assertThat(values(transpose(iota(DataType.INT16, 2, 3), 0, 1))).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(transpose(iota(DataType.FLOAT32, 0, 3), 1, 0).shape()).isEqualTo(Shape.of(3, 0));
    }

    @Test
    void refusesBadPermutations() {
        for (int[] perm : List.of(new int[] {0, 0}, new int[] {0}, new int[] {0, 2}, new int[] {-1, 0})) {
            assertThatThrownBy(() -> transpose(iota(DataType.FLOAT32, 2, 3), perm))
                    .isInstanceOf(InvalidNodeException.class)
                    .hasMessageContaining("transpose_under_test")
                    .hasMessageContaining("not a permutation");
        }
    }
}
