package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

/** Binary operators before opset 7 (broadcast and axis attributes), exercised through Add, Less, And and Pow. */
class LegacyBroadcastTest {

    private final Add add = new Add();
    private final Tensor a = tensor(DataType.FLOAT32, dims(2, 3, 2), 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);

    @Test
    void axisAlignsBWithAMiddleRun() {
        Tensor b = floats(100, 200, 300); // matches axis 1 of [2, 3, 2]
        Node n = node("Add", a, b)
                .opset(6)
                .attr("broadcast", 1L)
                .attr("axis", 1L)
                .build();
        Tensor out = run(add, n, a, b);
        assertThat(out.shape()).isEqualTo(Shape.of(2, 3, 2));
        assertThat(out.toFloatArray()).containsExactly(100, 101, 202, 203, 304, 305, 106, 107, 208, 209, 310, 311);
    }

    @Test
    void withoutAxisTheSuffixMatches() {
        Tensor b = tensor(DataType.FLOAT32, dims(3, 2), 0, 10, 20, 30, 40, 50);
        Node n = node("Add", a, b).opset(1).attr("broadcast", 1L).build();
        assertThat(run(add, n, a, b).toFloatArray()).containsExactly(0, 11, 22, 33, 44, 55, 6, 17, 28, 39, 50, 61);
    }

    @Test
    void onesInBRepeatAlongTheirDimension() {
        Tensor x = tensor(DataType.FLOAT32, dims(2, 3), 0, 1, 2, 3, 4, 5);
        Tensor column = tensor(DataType.FLOAT32, dims(2, 1), 10, 20);
        Node n = node("Add", x, column).opset(6).attr("broadcast", 1L).build();
        assertThat(run(add, n, x, column).toFloatArray()).containsExactly(10, 11, 12, 23, 24, 25);
    }

    @Test
    void singleElementB() {
        Tensor b = tensor(DataType.FLOAT32, dims(1, 1), 1000);
        Node n = node("Add", a, b).opset(6).attr("broadcast", 1L).build();
        assertThat(run(add, n, a, b).toFloatArray()[11]).isEqualTo(1011);
    }

    @Test
    void otherFamiliesUseItToo() {
        Tensor x = tensor(DataType.FLOAT32, dims(2, 2), 1, 5, 3, 2);
        Tensor y = floats(2, 4);
        Node less = node("Less", x, y)
                .opset(1)
                .attr("broadcast", 1L)
                .attr("axis", 0L)
                .build();
        assertThat(longs(run(new Less(), less, x, y))).containsExactly(1, 0, 1, 1); // row 0 vs 2, row 1 vs 4
        Tensor p = tensor(DataType.FLOAT32, dims(2, 2), 1, 2, 3, 4);
        Node pow = node("Pow", p, floats(2)).opset(1).attr("broadcast", 1L).build();
        assertThat(run(new Pow(), pow, p, floats(2)).toFloatArray()).containsExactly(1, 4, 9, 16);
        Tensor t = tensor(DataType.BOOL, dims(2, 2), 1, 1, 0, 1);
        Tensor u = vector(DataType.BOOL, 1, 0);
        Node and = node("And", t, u).opset(1).attr("broadcast", 1L).build();
        assertThat(longs(run(new And(), and, t, u))).containsExactly(1, 0, 0, 0);
    }

    @Test
    void errorPaths() {
        Tensor b = floats(1, 2, 3);
        assertRejects(add, node("Add", a, b).opset(6).build(), "broadcast is not set");
        assertRejects(add, node("Add", a, b).opset(6).attr("broadcast", 1L).build(), "does not match");
        Tensor b2 = tensor(DataType.FLOAT32, dims(3, 2));
        assertRejects(
                add,
                node("Add", a, b2)
                        .opset(6)
                        .attr("broadcast", 1L)
                        .attr("axis", 2L)
                        .build(),
                "does not fit");
        assertRejects(
                add,
                node("Add", a, b)
                        .opset(6)
                        .attr("broadcast", 1L)
                        .attr("axis", 5L)
                        .build(),
                "out of range");
        // B may not be the larger operand
        Tensor big = tensor(DataType.FLOAT32, dims(4, 2, 3, 2));
        assertRejects(add, node("Add", a, big).opset(6).attr("broadcast", 1L).build(), "does not fit");
    }
}
