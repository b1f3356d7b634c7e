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
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScatterTest {

    private final Scatter scatter = new Scatter();

    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"INT4", "UINT4"})
    void behavesAsScatterElementsForEveryType(DataType type) {
        Tensor data = TestTensors.of(type, new int[] {1, 5}, 1, 2, 3, 4, 5);
        Tensor indices = TestTensors.of(DataType.INT64, new int[] {1, 2}, 1, -2);
        Tensor updates = TestTensors.of(type, new int[] {1, 2}, 11, 21);
        Tensor out = run(
                        scatter,
                        node("Scatter", 10, new Tensor[] {data, indices, updates})
                                .attr("axis", 1L)
                                .build(),
                        data,
                        indices,
                        updates)
                .get(0);
        assertThat(values(out)).containsExactly(TestTensors.as(type, 1, 11, 3, 21, 5));
    }

    @Test
    void refusesAReduction() {
        Tensor data = iota(DataType.FLOAT32, 2);
        Node n = node("Scatter", 10, new Tensor[] {data, longs(0), data})
                .attr("reduction", "add")
                .build();
        assertThatThrownBy(() -> scatter.prepare(n))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("scatter_under_test")
                .hasMessageContaining("ScatterElements");
    }
}
