package dev.vela.conformance;

import static dev.vela.conformance.VelaAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.conformance.tolerance.TolerancePolicy;
import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

class TensorAssertTest {

    private final TolerancePolicy policy = TolerancePolicy.load();

    @Test
    void passingAssertionsChain() {
        Tensor t = Tensor.ofFloats(Shape.of(2, 2), 1f, 2f, 3f, 4f);
        assertThat(t)
                .hasShape(2, 2)
                .hasDataType(DataType.FLOAT32)
                .hasType(TensorType.of(DataType.FLOAT32, 2, 2))
                .isCloseTo(Tensor.ofFloats(Shape.of(2, 2), 1f, 2.0000001f, 3f, 4f), policy)
                .isBitExactTo(Tensor.ofFloats(Shape.of(2, 2), 1f, 2f, 3f, 4f));
    }

    @Test
    void isCloseToListsTheWorstElementsByCoordinates() {
        Tensor actual = Tensor.ofFloats(Shape.of(2, 2), 1f, 2f, 3f, 5f);
        Tensor expected = Tensor.ofFloats(Shape.of(2, 2), 1f, 2f, 3f, 4f);
        assertThatThrownBy(() -> assertThat(actual).isCloseTo(expected, policy))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 of 4 elements")
                .hasMessageContaining("[1, 1]")
                .hasMessageContaining("5")
                .hasMessageContaining("4")
                .hasMessageContaining(policy.version());
    }

    @Test
    void shapeTypeAndBitExactnessFailuresSayWhatDiffers() {
        Tensor t = Tensor.ofFloats(Shape.of(3), 0f, 1f, 2f);
        assertThatThrownBy(() -> assertThat(t).hasShape(1, 3))
                .hasMessageContaining("[1x3]")
                .hasMessageContaining("[3]");
        assertThatThrownBy(() -> assertThat(t).hasDataType(DataType.INT32)).hasMessageContaining("int32");
        assertThatThrownBy(() -> assertThat(t).hasType(TensorType.of(DataType.FLOAT32, 4)))
                .hasMessageContaining("float32[4]");
        assertThatThrownBy(() -> assertThat(t).isBitExactTo(Tensor.ofFloats(Shape.of(3), -0f, 1f, 2f)))
                .hasMessageContaining("[0]")
                .hasMessageContaining("0x80000000");
        assertThatThrownBy(() -> assertThat((Tensor) null).hasShape(1)).isInstanceOf(AssertionError.class);
    }
}
