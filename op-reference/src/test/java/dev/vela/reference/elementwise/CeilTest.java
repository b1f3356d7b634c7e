package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class CeilTest {

    private final Ceil op = new Ceil();

    @Test
    void roundsUp() {
        // ONNX test_ceil_example: [-1.5, 1.2] -> [-1, 2]
        assertThat(run(op, floats(-1.5f, 1.2f, 2, Float.NaN, Float.NEGATIVE_INFINITY))
                        .toFloatArray())
                .containsExactly(-1, 2, 2, Float.NaN, Float.NEGATIVE_INFINITY);
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("Ceil", floats(1), floats(1)).build(), "inputs");
        assertRejects(op, node("Ceil", vector(DataType.INT64, 1)).build(), "int64");
    }
}
