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

class GatherTest {

    private final Gather gather = new Gather();

    private Tensor gather(Tensor data, Tensor indices, long axis) {
        return run(
                        gather,
                        node("Gather", 13, new Tensor[] {data, indices})
                                .attr("axis", axis)
                                .build(),
                        data,
                        indices)
                .get(0);
    }

    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"INT4", "UINT4"})
    void picksRowsForEveryType(DataType type) {
        // data[i][j] = 2i + j over 3x2
        Tensor out = gather(iota(type, 3, 2), longs(2, 0, 2), 0);
        assertThat(out.shape()).isEqualTo(Shape.of(3, 2));
        assertThat(values(out)).containsExactly(TestTensors.as(type, 4, 5, 0, 1, 4, 5));
    }

    @Test
    void int32IndicesNegativeAxisAndTwoDimensionalIndices() {
        Tensor data = iota(DataType.FLOAT32, 3, 3);
        Tensor indices = Tensor.ofInts(Shape.of(1, 2), 0, -1);
        Tensor out = gather(data, indices, -1);
        assertThat(out.shape()).isEqualTo(Shape.of(3, 1, 2));
        assertThat(out.toFloatArray()).containsExactly(0, 2, 3, 5, 6, 8);
    }

    @Test
    void scalarIndexDropsTheAxis() {
        Tensor out = gather(iota(DataType.INT64, 2, 3), Tensor.ofLongs(Shape.scalar(), 1), 1);
        assertThat(out.shape()).isEqualTo(Shape.of(2));
        assertThat(values(out)).containsExactly(1, 4);
    }

    @Test
    void emptyIndices() {
        assertThat(gather(iota(DataType.FLOAT32, 3, 2), longs(), 0).shape()).isEqualTo(Shape.of(0, 2));
    }

    @Test
    void refusesIndexOutOfRangeWhenInvoked() {
        assertThatThrownBy(() -> gather(iota(DataType.FLOAT32, 3), longs(3), 0))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("gather_under_test")
                .hasMessageContaining("index 3 is out of range [-3, 2]");
        assertThatThrownBy(() -> gather(iota(DataType.FLOAT32, 3), longs(-4), 0))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("index -4");
    }

    @Test
    void refusesAxisOutOfRangeAndFloatIndices() {
        assertThatThrownBy(() -> gather(iota(DataType.FLOAT32, 3), longs(0), 1))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("axis 1 is out of range");
        Tensor data = iota(DataType.FLOAT32, 3);
        assertThatThrownBy(() -> gather.prepare(
                        node("Gather", 13, new Tensor[] {data, data}).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("float32");
    }
}
