package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class LogTest {

    private final Log log = new Log();

    @Test
    void naturalLogarithms() {
        // ONNX test_log_example: [1, 10] -> [0, 2.30258512]
        assertThat(run(log, floats(1, 10, 0.5f)).toFloatArray()).containsExactly(0, 2.3025851f, -0.6931472f);
    }

    @Test
    void specialValues() {
        assertThat(run(log, floats(0, -0f, -1, Float.POSITIVE_INFINITY)).toFloatArray())
                .containsExactly(Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.POSITIVE_INFINITY);
    }

    @Test
    void errorPaths() {
        assertRejects(log, node("Log", vector(DataType.UINT8, 1)).build(), "uint8");
    }
}
