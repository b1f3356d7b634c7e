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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReshapeTest {

    private final Reshape reshape = new Reshape();

    private Tensor reshape(Tensor data, Tensor shape, long allowZero) {
        Node n = node("Reshape", 21, new Tensor[] {data, shape}, 1)
                .attr("allowzero", allowZero)
                .build();
        return run(reshape, n, data, shape).get(0);
    }

    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"INT4", "UINT4"})
    void keepsElementsInOrderForEveryType(DataType type) {
        Tensor out = reshape(iota(type, 2, 3, 4), longs(4, -1), 0);
        assertThat(out.shape()).isEqualTo(Shape.of(4, 6));
        assertThat(out.dataType()).isEqualTo(type);
        assertThat(out.toByteArray()).isEqualTo(iota(type, 2, 3, 4).toByteArray());
    }

    @Test
    void zeroCopiesTheInputDimensionAndMinusOneIsInferred() {
        assertThat(reshape(iota(DataType.FLOAT32, 2, 3, 4), longs(0, -1, 2), 0).shape())
                .isEqualTo(Shape.of(2, 6, 2));
        assertThat(reshape(iota(DataType.INT8, 2, 3, 4), longs(2, 0, 1, -1), 0).shape())
                .isEqualTo(Shape.of(2, 3, 1, 4));
    }

    @Test
    void allowZeroMakesARealZeroDimension() {
        Tensor out = reshape(iota(DataType.FLOAT32, 0, 3, 4), longs(3, 4, 0), 1);
        assertThat(out.shape()).isEqualTo(Shape.of(3, 4, 0));
    }

    @Test
    void scalarTarget() {
        Tensor out = reshape(iota(DataType.INT64, 1, 1), longs(), 0);
        assertThat(out.shape()).isEqualTo(Shape.scalar());
        assertThat(values(out)).containsExactly(0);
    }

    @Test
    void shapeAttributeBeforeOpset5() {
        Tensor data = iota(DataType.UINT16, 6);
        Node n = node("Reshape", 1, new Tensor[] {data}).attr("shape", 3, 2).build();
        Tensor out = run(reshape, n, data).get(0);
        assertThat(out.shape()).isEqualTo(Shape.of(3, 2));
        assertThat(values(out)).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(reshape.valueInputs(n)).isEmpty();
    }

    @Test
    void shapeIsAValueInputFromOpset5() {
        Node n = node("Reshape", 13, new Tensor[] {iota(DataType.FLOAT32, 2), longs(2)})
                .build();
        assertThat(reshape.valueInputs(n)).containsExactly(1);
        assertThatThrownBy(() -> reshape.prepare(n))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("reshape_under_test")
                .hasMessageContaining("constant");
    }

    @Test
    void refusesTwoMinusOnes() {
        assertThatThrownBy(() -> reshape(iota(DataType.FLOAT32, 2, 3), longs(-1, -1), 0))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("reshape_under_test")
                .hasMessageContaining("more than one -1");
    }

    @Test
    void refusesElementCountMismatch() {
        assertThatThrownBy(() -> reshape(iota(DataType.FLOAT32, 2, 3), longs(4, 2), 0))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("8 elements")
                .hasMessageContaining("has 6");
        assertThatThrownBy(() -> reshape(iota(DataType.FLOAT32, 2, 3), longs(4, -1), 0))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("cannot infer");
    }

    @Test
    void refusesMinusOneWithZeroUnderAllowZero() {
        assertThatThrownBy(() -> reshape(iota(DataType.FLOAT32, 0, 3), longs(0, -1), 1))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("allowzero");
    }

    @Test
    void refusesCopyingAMissingDimensionAndNegativeDims() {
        assertThatThrownBy(() -> reshape(iota(DataType.FLOAT32, 6), longs(6, 0), 0))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("copies dimension 1");
        assertThatThrownBy(() -> reshape(iota(DataType.FLOAT32, 6), longs(-2, 3), 0))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("invalid dimension -2");
    }
}
