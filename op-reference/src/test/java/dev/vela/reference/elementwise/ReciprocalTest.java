package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class ReciprocalTest {

    private final Reciprocal reciprocal = new Reciprocal();

    @Test
    void reciprocals() {
        // ONNX test_reciprocal_example: [-4, 2] -> [-0.25, 0.5]
        assertThat(run(reciprocal, floats(-4, 2, 3)).toFloatArray()).containsExactly(-0.25f, 0.5f, 0.33333334f);
    }

    @Test
    void zeroAndInfinity() {
        assertThat(run(reciprocal, floats(0, -0f, Float.NEGATIVE_INFINITY)).toFloatArray())
                .containsExactly(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f);
    }

    @Test
    void errorPaths() {
        assertRejects(reciprocal, node("Reciprocal", vector(DataType.INT32, 2)).build(), "int32");
    }
}
