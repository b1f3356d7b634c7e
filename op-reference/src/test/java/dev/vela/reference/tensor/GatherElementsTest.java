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

class GatherElementsTest {

    private final GatherElements gatherElements = new GatherElements();

    private Tensor gather(Tensor data, Tensor indices, long axis) {
        return run(
                        gatherElements,
                        node("GatherElements", 13, new Tensor[] {data, indices})
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
    void axisOneForEveryType(DataType type) {
        // ONNX example: data [[1, 2], [3, 4]], indices [[0, 0], [1, 0]], axis 1 -> [[1, 1], [4, 3]]
        Tensor data = TestTensors.of(type, new int[] {2, 2}, 1, 2, 3, 4);
        Tensor out = gather(data, TestTensors.of(DataType.INT64, new int[] {2, 2}, 0, 0, 1, 0), 1);
        assertThat(values(out)).containsExactly(TestTensors.as(type, 1, 1, 4, 3));
    }

    @Test
    void axisZeroWithNegativeInt32IndicesAndSmallerIndexShape() {
        // data 3x3 = 0..8; indices [[1, 2, 0], [-1, 0, 0]] along axis 0 -> [[3, 7, 2], [6, 1, 2]]
        Tensor out = gather(iota(DataType.FLOAT32, 3, 3), Tensor.ofInts(Shape.of(2, 3), 1, 2, 0, -1, 0, 0), 0);
        assertThat(out.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(out.toFloatArray()).containsExactly(3, 7, 2, 6, 1, 2);
    }

    @Test
    void refusesOutOfRangeIndicesWhenInvokedAndRankMismatch() {
        assertThatThrownBy(() ->
                        gather(iota(DataType.FLOAT32, 2, 2), TestTensors.of(DataType.INT64, new int[] {1, 1}, 2), 0))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("gatherelements_under_test")
                .hasMessageContaining("index 2 is out of range");
        assertThatThrownBy(() -> gather(iota(DataType.FLOAT32, 2, 2), longs(0), 0))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("rank");
    }
}
