package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class ExpTest {

    private final Exp exp = new Exp();

    @Test
    void exponentials() {
        // ONNX test_exp_example: [-1, 0, 1] -> [0.36787945, 1, 2.71828175]
        assertThat(run(exp, floats(-1, 0, 1)).toFloatArray()).containsExactly(0.36787945f, 1, 2.7182817f);
    }

    @Test
    void overflowAndLimits() {
        assertThat(run(exp, floats(89, Float.NEGATIVE_INFINITY, Float.NaN, -104))
                        .toFloatArray())
                .containsExactly(Float.POSITIVE_INFINITY, 0, Float.NaN, 0);
    }

    @Test
    void float64() {
        assertThat(values(run(exp, vector(DataType.FLOAT64, 1)))).containsExactly(Math.E);
    }

    @Test
    void errorPaths() {
        assertRejects(exp, node("Exp", vector(DataType.INT64, 1)).build(), "int64");
        assertRejects(exp, node("Exp").build(), "inputs");
    }
}
