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
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SplitTest {

    private final Split split = new Split();

    @Test
    void equalPartsByOutputCountAtOpset13() {
        Tensor x = iota(DataType.FLOAT32, 6);
        List<Tensor> out =
                run(split, node("Split", 13, new Tensor[] {x}).outputs(3).build(), x);
        assertThat(out).hasSize(3);
        assertThat(out.get(0).toFloatArray()).containsExactly(0, 1);
        assertThat(out.get(1).toFloatArray()).containsExactly(2, 3);
        assertThat(out.get(2).toFloatArray()).containsExactly(4, 5);
    }

    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"INT4", "UINT4"})
    void variablePartsFromTheValueInputAlongAxisOne(DataType type) {
        Tensor x = iota(type, 2, 3);
        Tensor parts = longs(1, 2);
        List<Tensor> out = run(
                split,
                node("Split", 13, new Tensor[] {x, parts}, 1)
                        .attr("axis", 1L)
                        .outputs(2)
                        .build(),
                x,
                parts);
        assertThat(out.get(0).shape()).isEqualTo(Shape.of(2, 1));
        assertThat(out.get(1).shape()).isEqualTo(Shape.of(2, 2));
        assertThat(values(out.get(0))).containsExactly(TestTensors.as(type, 0, 3));
        assertThat(values(out.get(1))).containsExactly(TestTensors.as(type, 1, 2, 4, 5));
    }

    @Test
    void splitAttributeBeforeOpset13WithNegativeAxis() {
        Tensor x = iota(DataType.INT32, 2, 4);
        Node n = node("Split", 11, new Tensor[] {x})
                .attr("axis", -1L)
                .attr("split", 3, 1)
                .outputs(2)
                .build();
        List<Tensor> out = run(split, n, x);
        assertThat(values(out.get(0))).containsExactly(0, 1, 2, 4, 5, 6);
        assertThat(values(out.get(1))).containsExactly(3, 7);
        assertThat(split.valueInputs(n)).isEmpty();
    }

    @Test
    void numOutputsFromOpset18LeavesASmallerLastPart() {
        Tensor x = iota(DataType.INT64, 7);
        List<Tensor> out = run(
                split,
                node("Split", 18, new Tensor[] {x})
                        .attr("num_outputs", 4L)
                        .outputs(4)
                        .build(),
                x);
        assertThat(out).extracting(Tensor::shape).containsExactly(Shape.of(2), Shape.of(2), Shape.of(2), Shape.of(1));
        assertThat(values(out.get(3))).containsExactly(6);
    }

    @Test
    void zeroSizedParts() {
        Tensor x = iota(DataType.FLOAT32, 0);
        Tensor parts = longs(0, 0, 0);
        List<Tensor> out = run(
                split, node("Split", 13, new Tensor[] {x, parts}, 1).outputs(3).build(), x, parts);
        assertThat(out).extracting(Tensor::shape).containsOnly(Shape.of(0));
    }

    @Test
    void refusesBadSplits() {
        Tensor x = iota(DataType.FLOAT32, 5);
        assertThatThrownBy(() -> split.prepare(
                        node("Split", 13, new Tensor[] {x}).outputs(2).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("split_under_test")
                .hasMessageContaining("not divisible");
        assertThatThrownBy(() -> split.prepare(node("Split", 13, new Tensor[] {x, longs(2, 2)}, 1)
                        .outputs(2)
                        .build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("sums to 4");
        assertThatThrownBy(() -> split.prepare(node("Split", 13, new Tensor[] {x, longs(5)}, 1)
                        .outputs(2)
                        .build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("2 outputs");
        assertThatThrownBy(() -> split.prepare(node("Split", 13, new Tensor[] {x})
                        .attr("axis", 1L)
                        .outputs(1)
                        .build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("axis 1 is out of range");
        assertThatThrownBy(() -> split.prepare(node("Split", 18, new Tensor[] {x})
                        .attr("num_outputs", 3L)
                        .outputs(2)
                        .build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("num_outputs");
        // ceil(5 / 4) = 2 leaves nothing for the fourth part
        assertThatThrownBy(() -> split.prepare(node("Split", 18, new Tensor[] {x})
                        .attr("num_outputs", 4L)
                        .outputs(4)
                        .build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("cannot be split into 4");
    }
}
