package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class AsinhTest {

    private final Asinh op = new Asinh();

    @Test
    void inverseHyperbolicSine() {
        // ONNX test_asinh_example: [-1, 0, 1] -> [-0.88137358, 0, 0.88137358]; asinh(1e30) = ln(2e30)
        assertThat(run(op, floats(-1, 0, 1, 1e30f, Float.NEGATIVE_INFINITY)).toFloatArray())
                .containsExactly(-0.8813736f, 0, 0.8813736f, 69.7707f, Float.NEGATIVE_INFINITY);
        assertThat(values(run(op, vector(DataType.FLOAT64, 1e-10)))).containsExactly(1e-10);
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("Asinh", floats(1), floats(1)).build(), "inputs");
        assertRejects(op, node("Asinh", vector(DataType.INT32, 1)).build(), "int32");
    }
}
