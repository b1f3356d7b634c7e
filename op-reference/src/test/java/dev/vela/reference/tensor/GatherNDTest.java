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

class GatherNDTest {

    private final GatherND gatherND = new GatherND();

    private Tensor gather(Tensor data, Tensor indices, long batchDims) {
        return run(
                        gatherND,
                        node("GatherND", 13, new Tensor[] {data, indices})
                                .attr("batch_dims", batchDims)
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
    void fullTuplesPickElementsForEveryType(DataType type) {
        // ONNX example 1: data [[0, 1], [2, 3]], indices [[0, 0], [1, 1]] -> [0, 3]
        Tensor out = gather(iota(type, 2, 2), TestTensors.of(DataType.INT64, new int[] {2, 2}, 0, 0, 1, 1), 0);
        assertThat(out.shape()).isEqualTo(Shape.of(2));
        assertThat(values(out)).containsExactly(TestTensors.as(type, 0, 3));
    }

    @Test
    void shortTuplesPickSlicesAndNegativeIndicesCountFromTheEnd() {
        // ONNX example 3: data 2x2x2 = 0..7, indices [[[0, 1]], [[1, 0]]] -> [[[2, 3]], [[4, 5]]]
        Tensor out = gather(
                iota(DataType.FLOAT32, 2, 2, 2), TestTensors.of(DataType.INT64, new int[] {2, 1, 2}, 0, -1, -1, 0), 0);
        assertThat(out.shape()).isEqualTo(Shape.of(2, 1, 2));
        assertThat(out.toFloatArray()).containsExactly(2, 3, 4, 5);
    }

    @Test
    void batchDims() {
        // ONNX example 5: data 2x2x2 = 0..7, indices [[1], [0]], batch_dims 1 -> [[2, 3], [4, 5]]
        Tensor out = gather(iota(DataType.INT32, 2, 2, 2), TestTensors.of(DataType.INT64, new int[] {2, 1}, 1, 0), 1);
        assertThat(out.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(values(out)).containsExactly(2, 3, 4, 5);
    }

    @Test
    void refusesBadGeometryAndIndicesOutOfRange() {
        assertThatThrownBy(() -> gather(
                        iota(DataType.FLOAT32, 2, 2), TestTensors.of(DataType.INT64, new int[] {1, 3}, 0, 0, 0), 0))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("gathernd_under_test")
                .hasMessageContaining("last indices dimension 3");
        assertThatThrownBy(() ->
                        gather(iota(DataType.FLOAT32, 2, 2), TestTensors.of(DataType.INT64, new int[] {1, 2}, 0, 2), 0))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("index 2 is out of range");
        assertThatThrownBy(() -> gather(
                        iota(DataType.FLOAT32, 2, 2), TestTensors.of(DataType.INT64, new int[] {3, 1}, 0, 0, 0), 1))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("batch dimension 0");
    }
}
