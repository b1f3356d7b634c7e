package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class NegTest {

    private final Neg neg = new Neg();

    @Test
    void floats() {
        // ONNX test_neg_example: [-4, 2] -> [4, -2]
        assertThat(run(neg, Ops.floats(-4, 2, 0, Float.POSITIVE_INFINITY)).toFloatArray())
                .containsExactly(4, -2, -0f, Float.NEGATIVE_INFINITY);
        assertThat(values(run(neg, vector(DataType.FLOAT64, 1e-300)))).containsExactly(-1e-300);
    }

    @Test
    void signedIntegersWrapAtTheMinimum() {
        assertThat(longs(run(neg, vector(DataType.INT8, 5, -128, 127)))).containsExactly(-5, -128, -127);
        assertThat(longs(run(neg, vector(DataType.INT64, Long.MIN_VALUE, -3)))).containsExactly(Long.MIN_VALUE, 3);
    }

    @Test
    void errorPaths() {
        assertRejects(neg, node("Neg").build(), "inputs");
        assertRejects(neg, node("Neg", vector(DataType.UINT8, 1)).build(), "uint8");
    }
}
