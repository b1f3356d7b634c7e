package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class AtanhTest {

    private final Atanh op = new Atanh();

    @Test
    void inverseHyperbolicTangent() {
        // ONNX test_atanh_example: [-0.5, 0, 0.5] -> [-0.54930615, 0, 0.54930615]
        assertThat(run(op, floats(-0.5f, 0, 0.5f, 1, -1, 2)).toFloatArray())
                .containsExactly(
                        -0.54930615f, 0, 0.54930615f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN);
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("Atanh", floats(1), floats(1)).build(), "inputs");
        assertRejects(op, node("Atanh", vector(DataType.INT32, 1)).build(), "int32");
    }
}
