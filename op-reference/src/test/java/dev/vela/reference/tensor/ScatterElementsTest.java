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

class ScatterElementsTest {

    private final ScatterElements scatter = new ScatterElements();

    private Tensor scatter(Tensor data, Tensor indices, Tensor updates, long axis, String reduction) {
        Node.Builder b = node("ScatterElements", 18, new Tensor[] {data, indices, updates})
                .attr("axis", axis);
        if (reduction != null) {
            b.attr("reduction", reduction);
        }
        return run(scatter, b.build(), data, indices, updates).get(0);
    }

    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"INT4", "UINT4"})
    void overwritesForEveryType(DataType type) {
        // ONNX example: data [[1, 2, 3, 4, 5]], indices [[1, 3]], updates [[11, 21]], axis 1
        Tensor data = TestTensors.of(type, new int[] {1, 5}, 1, 2, 3, 4, 5);
        Tensor out = scatter(
                data,
                TestTensors.of(DataType.INT64, new int[] {1, 2}, 1, 3),
                TestTensors.of(type, new int[] {1, 2}, 11, 21),
                1,
                null);
        assertThat(values(out)).containsExactly(TestTensors.as(type, 1, 11, 3, 21, 5));
    }

    @Test
    void axisZeroWithNegativeIndices() {
        Tensor data = TestTensors.of(DataType.FLOAT32, new int[] {3, 3}, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        Tensor indices = TestTensors.of(DataType.INT32, new int[] {2, 3}, 1, 0, 2, 0, -1, 1);
        Tensor updates = TestTensors.of(DataType.FLOAT32, new int[] {2, 3}, 1, 2, 3, 4, 5, 6);
        assertThat(scatter(data, indices, updates, 0, "none").toFloatArray())
                .containsExactly(4, 2, 0, 1, 0, 6, 0, 5, 3);
    }

    @Test
    void reductionsCombineDuplicates() {
        Tensor data = TestTensors.of(DataType.INT32, new int[] {1, 3}, 2, 2, 2);
        Tensor indices = TestTensors.of(DataType.INT64, new int[] {1, 2}, 1, 1);
        Tensor updates = TestTensors.of(DataType.INT32, new int[] {1, 2}, 3, 5);
        assertThat(values(scatter(data, indices, updates, 1, "add"))).containsExactly(2, 10, 2);
        assertThat(values(scatter(data, indices, updates, 1, "mul"))).containsExactly(2, 30, 2);
        assertThat(values(scatter(data, indices, updates, 1, "max"))).containsExactly(2, 5, 2);
        assertThat(values(scatter(data, indices, updates, 1, "min"))).containsExactly(2, 2, 2);
        Tensor fdata = TestTensors.of(DataType.FLOAT64, new int[] {1, 3}, 1, 1, 1);
        Tensor fupdates = TestTensors.of(DataType.FLOAT64, new int[] {1, 2}, 3, 5);
        assertThat(values(scatter(fdata, indices, fupdates, 1, "add"))).containsExactly(1, 9, 1);
    }

    @Test
    void refusesBadIndicesAndReductions() {
        Tensor data = iota(DataType.FLOAT32, 1, 3);
        Tensor updates = iota(DataType.FLOAT32, 1, 1);
        assertThatThrownBy(() -> scatter(data, TestTensors.of(DataType.INT64, new int[] {1, 1}, 3), updates, 1, null))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("scatterelements_under_test")
                .hasMessageContaining("index 3 is out of range");
        assertThatThrownBy(() -> scatter(data, TestTensors.of(DataType.INT64, new int[] {1, 1}, 0), updates, 1, "avg"))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("avg");
        Tensor bools = iota(DataType.BOOL, 1, 3);
        assertThatThrownBy(() -> scatter(
                        bools,
                        TestTensors.of(DataType.INT64, new int[] {1, 1}, 0),
                        iota(DataType.BOOL, 1, 1),
                        1,
                        "add"))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("bool");
    }
}
