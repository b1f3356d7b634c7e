package dev.vela.reference.tensor;

import static dev.vela.reference.tensor.TestTensors.iota;
import static dev.vela.reference.tensor.TestTensors.longs;
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

class TileTest {

    private final Tile tile = new Tile();

    private Tensor tile(Tensor x, long... repeats) {
        Tensor r = longs(repeats);
        return run(tile, node("Tile", 13, new Tensor[] {x, r}, 1).build(), x, r).get(0);
    }

    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"INT4", "UINT4"})
    void repeatsAlongEachAxisForEveryType(DataType type) {
        // [[0, 1], [2, 3]] tiled (2, 2)
        Tensor out = tile(iota(type, 2, 2), 2, 2);
        assertThat(out.shape()).isEqualTo(Shape.of(4, 4));
        assertThat(values(out)).containsExactly(TestTensors.as(type, 0, 1, 0, 1, 2, 3, 2, 3, 0, 1, 0, 1, 2, 3, 2, 3));
    }

    @Test
    void unevenRepeatsAndZero() {
        Tensor out = tile(iota(DataType.INT32, 1, 3), 2, 1);
        assertThat(values(out)).containsExactly(0, 1, 2, 0, 1, 2);
        assertThat(tile(iota(DataType.INT32, 1, 3), 0, 2).shape()).isEqualTo(Shape.of(0, 6));
        assertThat(values(tile(iota(DataType.INT32, 3), 2))).containsExactly(0, 1, 2, 0, 1, 2);
    }

    @Test
    void refusesWrongRepeats() {
        assertThatThrownBy(() -> tile(iota(DataType.FLOAT32, 2, 2), 2))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("tile_under_test")
                .hasMessageContaining("one entry per axis");
        assertThatThrownBy(() -> tile(iota(DataType.FLOAT32, 2), -1))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("negative");
    }
}
