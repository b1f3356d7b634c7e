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
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScatterNDTest {

    private final ScatterND scatterND = new ScatterND();

    private Tensor scatter(Tensor data, Tensor indices, Tensor updates, String reduction) {
        Node.Builder b = node("ScatterND", 18, new Tensor[] {data, indices, updates});
        if (reduction != null) {
            b.attr("reduction", reduction);
        }
        return run(scatterND, b.build(), data, indices, updates).get(0);
    }

    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"INT4", "UINT4"})
    void replacesElementsForEveryType(DataType type) {
        // ONNX example 1: data [1..8], indices [[4], [3], [1], [7]], updates [9, 10, 11, 12]
        Tensor data = TestTensors.of(type, new int[] {8}, 1, 2, 3, 4, 5, 6, 7, 8);
        Tensor out = scatter(
                data,
                TestTensors.of(DataType.INT64, new int[] {4, 1}, 4, 3, 1, 7),
                TestTensors.of(type, new int[] {4}, 9, 10, 11, 12),
                null);
        assertThat(values(out)).containsExactly(TestTensors.as(type, 1, 11, 3, 10, 9, 6, 7, 12));
    }

    @Test
    void replacesSlicesAndCombinesWithReductions() {
        Tensor data = iota(DataType.FLOAT32, 2, 2);
        Tensor rows = TestTensors.of(DataType.INT64, new int[] {2, 1}, -1, 1);
        Tensor updates = TestTensors.of(DataType.FLOAT32, new int[] {2, 2}, 10, 20, 30, 40);
        assertThat(scatter(data, rows, updates, null).toFloatArray()).containsExactly(0, 1, 30, 40);
        assertThat(scatter(data, rows, updates, "add").toFloatArray()).containsExactly(0, 1, 42, 63);
        assertThat(scatter(data, rows, updates, "mul").toFloatArray()).containsExactly(0, 1, 600, 2400);
        Tensor cells = TestTensors.of(DataType.INT64, new int[] {2, 2}, 0, 0, 0, 0);
        Tensor two = TestTensors.of(DataType.FLOAT32, new int[] {2}, 5, -5);
        assertThat(scatter(data, cells, two, "max").toFloatArray()).containsExactly(5, 1, 2, 3);
        assertThat(scatter(data, cells, two, "min").toFloatArray()).containsExactly(-5, 1, 2, 3);
    }

    @Test
    void refusesWrongUpdateShapesAndIndicesOutOfRange() {
        Tensor data = iota(DataType.FLOAT32, 2, 2);
        assertThatThrownBy(() -> scatter(
                        data, TestTensors.of(DataType.INT64, new int[] {1, 1}, 0), iota(DataType.FLOAT32, 3), null))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("scatternd_under_test")
                .hasMessageContaining("must have shape");
        assertThatThrownBy(() -> scatter(
                        data, TestTensors.of(DataType.INT64, new int[] {1, 1}, 2), iota(DataType.FLOAT32, 1, 2), null))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("index 2 is out of range");
    }
}
