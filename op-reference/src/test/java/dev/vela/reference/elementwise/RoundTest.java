package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class RoundTest {

    private final Round op = new Round();

    @Test
    void halvesGoToEven() {
        // ONNX test_round
        Tensor x =
                floats(0.1f, 0.5f, 0.9f, 1.2f, 1.5f, 1.8f, 2.3f, 2.5f, 2.7f, -1.1f, -1.5f, -1.9f, -2.2f, -2.5f, -2.8f);
        assertThat(run(op, x).toFloatArray()).containsExactly(0, 0, 1, 1, 2, 2, 2, 2, 3, -1, -2, -2, -2, -2, -3);
        assertThat(run(op, floats(Float.NaN, Float.NEGATIVE_INFINITY)).toFloatArray())
                .containsExactly(Float.NaN, Float.NEGATIVE_INFINITY);
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("Round", floats(1), floats(1)).build(), "inputs");
        assertRejects(op, node("Round", vector(DataType.INT8, 1)).build(), "int8");
    }
}
