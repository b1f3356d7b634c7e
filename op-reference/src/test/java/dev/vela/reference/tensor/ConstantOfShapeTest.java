package dev.vela.reference.tensor;

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

class ConstantOfShapeTest {

    private final ConstantOfShape constantOfShape = new ConstantOfShape();

    @Test
    void defaultsToFloatZeros() {
        Tensor s = longs(2, 3);
        Tensor out = run(
                        constantOfShape,
                        node("ConstantOfShape", 21, new Tensor[] {s}, 0).build(),
                        s)
                .get(0);
        assertThat(out.type()).isEqualTo(dev.vela.spi.TensorType.of(DataType.FLOAT32, 2, 3));
        assertThat(out.toFloatArray()).containsOnly(0f);
    }

    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"INT4", "UINT4"})
    void fillsWithTheValueAttributeOfAnyType(DataType type) {
        Tensor s = longs(4);
        Node.Builder b = node("ConstantOfShape", 21, new Tensor[] {s}, 0);
        b.attributes().put("value", TestTensors.of(type, new int[] {1}, 1));
        Tensor out = run(constantOfShape, b.build(), s).get(0);
        assertThat(out.dataType()).isEqualTo(type);
        assertThat(values(out)).containsExactly(1, 1, 1, 1);
    }

    @Test
    void emptyShapes() {
        Tensor zero = longs(0);
        assertThat(run(
                                constantOfShape,
                                node("ConstantOfShape", 21, new Tensor[] {zero}, 0)
                                        .build(),
                                zero)
                        .get(0)
                        .shape())
                .isEqualTo(Shape.of(0));
        Tensor scalar = longs();
        assertThat(run(
                                constantOfShape,
                                node("ConstantOfShape", 21, new Tensor[] {scalar}, 0)
                                        .build(),
                                scalar)
                        .get(0)
                        .shape())
                .isEqualTo(Shape.scalar());
    }

    @Test
    void refusesNegativeDimsAndMultiElementValues() {
        Tensor s = longs(-1);
        assertThatThrownBy(() -> constantOfShape.prepare(
                        node("ConstantOfShape", 21, new Tensor[] {s}, 0).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("constantofshape_under_test");
        Node.Builder b = node("ConstantOfShape", 21, new Tensor[] {longs(2)}, 0);
        b.attributes().put("value", longs(1, 2));
        assertThatThrownBy(() -> constantOfShape.prepare(b.build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("one element");
    }
}
