package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class WhereTest {

    private final Where where = new Where();

    @Test
    void selectsElementwise() {
        // ONNX test_where_example: [[1,0],[1,1]] ? [[1,2],[3,4]] : [[9,8],[7,6]] = [[1,8],[3,4]]
        Tensor c = tensor(DataType.BOOL, dims(2, 2), 1, 0, 1, 1);
        Tensor x = tensor(DataType.FLOAT32, dims(2, 2), 1, 2, 3, 4);
        Tensor y = tensor(DataType.FLOAT32, dims(2, 2), 9, 8, 7, 6);
        assertThat(run(where, c, x, y).toFloatArray()).containsExactly(1, 8, 3, 4);
    }

    @Test
    void broadcastsAllThree() {
        Tensor c = tensor(DataType.BOOL, dims(2, 1), 1, 0);
        Tensor x = vector(DataType.INT64, 1, 2, 3);
        Tensor y = scalar(DataType.INT64, -1);
        Tensor out = run(where, c, x, y);
        assertThat(out.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(longs(out)).containsExactly(1, 2, 3, -1, -1, -1);
    }

    @Test
    void anyElementType() {
        Tensor c = vector(DataType.BOOL, 0, 1);
        assertThat(longs(run(where, c, vector(DataType.BOOL, 1, 1), vector(DataType.BOOL, 0, 0))))
                .containsExactly(0, 1);
        assertThat(values(run(where, c, vector(DataType.FLOAT16, 1.5, 2.5), vector(DataType.FLOAT16, -1, -2))))
                .containsExactly(-1, 2.5);
        assertThat(values(run(where, c, vector(DataType.FLOAT64, 0.1, 0.2), vector(DataType.FLOAT64, 0.3, 0.4))))
                .containsExactly(0.3, 0.2);
    }

    @Test
    void errorPaths() {
        Tensor x = floats(1, 2);
        assertRejects(where, node("Where", vector(DataType.BOOL, 1), x).build(), "inputs");
        assertRejects(where, node("Where", x, x, x).build(), "float32");
        assertRejects(
                where,
                node("Where", vector(DataType.BOOL, 1), x, vector(DataType.INT32, 1))
                        .build(),
                "int32");
        assertRejects(where, node("Where", vector(DataType.BOOL, 1, 0, 1), x, x).build(), "broadcast");
    }
}
