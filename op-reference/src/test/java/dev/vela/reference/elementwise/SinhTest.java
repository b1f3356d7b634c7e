package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class SinhTest {

    private final Sinh op = new Sinh();

    @Test
    void hyperbolicSine() {
        // ONNX test_sinh_example: [-1, 0, 1] -> [-1.1752012, 0, 1.1752012]
        assertThat(run(op, floats(-1, 0, 1, 100)).toFloatArray())
                .containsExactly(-1.1752012f, 0, 1.1752012f, Float.POSITIVE_INFINITY);
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("Sinh", floats(1), floats(1)).build(), "inputs");
        assertRejects(op, node("Sinh", vector(DataType.INT32, 1)).build(), "int32");
    }
}
