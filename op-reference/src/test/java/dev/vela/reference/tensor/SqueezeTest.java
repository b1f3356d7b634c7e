package dev.vela.reference.tensor;

import static dev.vela.reference.tensor.TestTensors.iota;
import static dev.vela.reference.tensor.TestTensors.longs;
import static dev.vela.reference.tensor.TestTensors.node;
import static dev.vela.reference.tensor.TestTensors.run;
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

class SqueezeTest {

    private final Squeeze squeeze = new Squeeze();

    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"INT4", "UINT4"})
    void removesTheListedAxisForEveryType(DataType type) {
        Tensor x = iota(type, 1, 3, 1, 2);
        Tensor axes = longs(-2);
        Tensor out = run(squeeze, node("Squeeze", 13, new Tensor[] {x, axes}, 1).build(), x, axes)
                .get(0);
        assertThat(out.shape()).isEqualTo(Shape.of(1, 3, 2));
        assertThat(out.toByteArray()).isEqualTo(x.toByteArray());
    }

    @Test
    void withoutAxesRemovesEverySizeOneAxis() {
        Tensor x = iota(DataType.FLOAT32, 1, 3, 1, 1);
        Node n = node("Squeeze", 13, new Tensor[] {x}).build();
        assertThat(squeeze.valueInputs(n)).isEmpty();
        assertThat(run(squeeze, n, x).get(0).shape()).isEqualTo(Shape.of(3));
        assertThat(run(
                                squeeze,
                                node("Squeeze", 13, new Tensor[] {iota(DataType.FLOAT32, 1, 1)})
                                        .build(),
                                iota(DataType.FLOAT32, 1, 1))
                        .get(0)
                        .shape())
                .isEqualTo(Shape.scalar());
    }

    @Test
    void axesAttributeBeforeOpset13() {
        Tensor x = iota(DataType.INT32, 1, 0, 1);
        Node n = node("Squeeze", 11, new Tensor[] {x}).attr("axes", 0, 2).build();
        assertThat(run(squeeze, n, x).get(0).shape()).isEqualTo(Shape.of(0));
    }

    @Test
    void refusesAxesThatAreNotOneOrOutOfRange() {
        Tensor x = iota(DataType.FLOAT32, 1, 3);
        assertThatThrownBy(() -> squeeze.prepare(
                        node("Squeeze", 13, new Tensor[] {x, longs(1)}, 1).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("squeeze_under_test")
                .hasMessageContaining("size 3");
        assertThatThrownBy(() -> squeeze.prepare(
                        node("Squeeze", 13, new Tensor[] {x, longs(2)}, 1).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("axis 2 is out of range");
        assertThatThrownBy(() -> squeeze.prepare(node("Squeeze", 13, new Tensor[] {x, longs(0, -2)}, 1)
                        .build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("twice");
    }
}
