package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class TanhTest {

    private final Tanh tanh = new Tanh();

    @Test
    void hyperbolicTangent() {
        // ONNX test_tanh_example: [-1, 0, 1] -> [-0.76159418, 0, 0.76159418]
        assertThat(run(tanh, floats(-1, 0, 1, 100, Float.NaN)).toFloatArray())
                .containsExactly(-0.7615942f, 0, 0.7615942f, 1, Float.NaN);
    }

    @Test
    void errorPaths() {
        assertRejects(tanh, node("Tanh", vector(DataType.INT32, 1)).build(), "int32");
    }
}
