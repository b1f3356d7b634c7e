package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class SqrtTest {

    private final Sqrt sqrt = new Sqrt();

    @Test
    void squareRoots() {
        // ONNX test_sqrt_example: [1, 4, 9] -> [1, 2, 3]
        assertThat(run(sqrt, floats(1, 4, 9, 2)).toFloatArray()).containsExactly(1, 2, 3, 1.4142135f);
    }

    @Test
    void specialValues() {
        assertThat(run(sqrt, floats(-1, Float.POSITIVE_INFINITY, -0f, Float.NaN))
                        .toFloatArray())
                .containsExactly(Float.NaN, Float.POSITIVE_INFINITY, -0f, Float.NaN);
    }

    @Test
    void float16RoundsOnce() {
        // sqrt(2) = 1.41421356...; the nearest float16 is 1.4140625 (1 + 424/1024)
        assertThat(values(run(sqrt, vector(DataType.FLOAT16, 2)))).containsExactly(1.4140625);
    }

    @Test
    void errorPaths() {
        assertRejects(sqrt, node("Sqrt", vector(DataType.INT32, 4)).build(), "int32");
        assertRejects(sqrt, node("Sqrt", floats(1), floats(1)).build(), "inputs");
    }
}
