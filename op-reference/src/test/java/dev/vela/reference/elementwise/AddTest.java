package dev.vela.reference.elementwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.reference.ReferenceTesting;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

class AddTest {

    private final Add add = new Add();

    @Test
    void addsWithBroadcasting() {
        Tensor a = Tensor.ofFloats(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
        Tensor b = Tensor.ofFloats(Shape.of(3), 10, 20, 30);
        Tensor out = ReferenceTesting.run(
                        add, Node.builder("Add").input(a.type()).input(b.type()).build(), a, b)
                .get(0);
        assertThat(out.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(out.toFloatArray()).containsExactly(11, 22, 33, 14, 25, 36);
    }

    @Test
    void broadcastsBothWays() {
        Tensor a = Tensor.ofFloats(Shape.of(2, 1), 1, 2);
        Tensor b = Tensor.ofFloats(Shape.of(1, 3), 10, 20, 30);
        Tensor out = ReferenceTesting.run(
                        add, Node.builder("Add").input(a.type()).input(b.type()).build(), a, b)
                .get(0);
        assertThat(out.toFloatArray()).containsExactly(11, 21, 31, 12, 22, 32);
    }

    @Test
    void wrapsInt32() {
        Tensor a = Tensor.ofInts(Shape.of(2), Integer.MAX_VALUE, -5);
        Tensor b = Tensor.ofInts(Shape.of(2), 1, 7);
        Tensor out = ReferenceTesting.run(
                        add, Node.builder("Add").input(a.type()).input(b.type()).build(), a, b)
                .get(0);
        assertThat(out.getLong(0)).isEqualTo(Integer.MIN_VALUE);
        assertThat(out.getLong(1)).isEqualTo(2);
    }

    @Test
    void emptyDimensionGivesEmptyOutput() {
        Tensor a = Tensor.allocate(TensorType.of(DataType.FLOAT32, 0, 3));
        Tensor b = Tensor.ofFloats(Shape.of(3), 1, 2, 3);
        Tensor out = ReferenceTesting.run(
                        add, Node.builder("Add").input(a.type()).input(b.type()).build(), a, b)
                .get(0);
        assertThat(out.shape()).isEqualTo(Shape.of(0, 3));
    }

    @Test
    void refusesIncompatibleShapesNamingTheNode() {
        Node node = Node.builder("Add")
                .name("add7")
                .input(TensorType.of(DataType.FLOAT32, 2, 3))
                .input(TensorType.of(DataType.FLOAT32, 4))
                .build();
        assertThatThrownBy(() -> add.prepare(node))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("add7")
                .hasMessageContaining("broadcast");
        assertThat(add.supports(node).isSupported()).isFalse();
    }

    @Test
    void refusesMixedTypes() {
        Node node = Node.builder("Add")
                .input(TensorType.of(DataType.FLOAT32, 2))
                .input(TensorType.of(DataType.INT32, 2))
                .build();
        assertThatThrownBy(() -> add.prepare(node))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("int32");
    }
}
