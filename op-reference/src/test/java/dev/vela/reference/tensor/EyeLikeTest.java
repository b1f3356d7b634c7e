package dev.vela.reference.tensor;

import static dev.vela.reference.tensor.TestTensors.iota;
import static dev.vela.reference.tensor.TestTensors.node;
import static dev.vela.reference.tensor.TestTensors.run;
import static dev.vela.reference.tensor.TestTensors.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EyeLikeTest {

    private final EyeLike eyeLike = new EyeLike();

    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"INT4", "UINT4"})
    void onesOnTheDiagonalOfTheInputType(DataType type) {
        Tensor x = iota(type, 2, 3);
        Tensor out =
                run(eyeLike, node("EyeLike", 22, new Tensor[] {x}).build(), x).get(0);
        assertThat(out.type()).isEqualTo(x.type());
        assertThat(values(out)).containsExactly(1, 0, 0, 0, 1, 0);
    }

    @Test
    void shiftedDiagonalAndDtype() {
        Tensor x = iota(DataType.INT32, 3, 3);
        Tensor up = run(
                        eyeLike,
                        node("EyeLike", 22, new Tensor[] {x})
                                .attr("k", 1L)
                                .attr("dtype", 11L)
                                .build(),
                        x)
                .get(0);
        assertThat(up.dataType()).isEqualTo(DataType.FLOAT64);
        assertThat(values(up)).containsExactly(0, 1, 0, 0, 0, 1, 0, 0, 0);
        Tensor down = run(
                        eyeLike,
                        node("EyeLike", 22, new Tensor[] {x}).attr("k", -2L).build(),
                        x)
                .get(0);
        assertThat(values(down)).containsExactly(0, 0, 0, 0, 0, 0, 1, 0, 0);
    }

    @Test
    void refusesNonMatricesAndUnknownDtypes() {
        Tensor v = iota(DataType.FLOAT32, 3);
        assertThatThrownBy(() ->
                        eyeLike.prepare(node("EyeLike", 22, new Tensor[] {v}).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("eyelike_under_test")
                .hasMessageContaining("rank 2");
        Tensor m = iota(DataType.FLOAT32, 2, 2);
        assertThatThrownBy(() -> eyeLike.prepare(
                        node("EyeLike", 22, new Tensor[] {m}).attr("dtype", 8L).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("element type 8");
    }
}
