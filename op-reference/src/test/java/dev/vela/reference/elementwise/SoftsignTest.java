package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class SoftsignTest {

    private final Softsign op = new Softsign();

    @Test
    void xOverOnePlusAbsX() {
        // ONNX test_softsign_example: [-1, 0, 1] -> [-0.5, 0, 0.5]
        assertThat(run(op, floats(-1, 0, 1, 3, Float.NaN)).toFloatArray())
                .containsExactly(-0.5f, 0, 0.5f, 0.75f, Float.NaN);
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("Softsign", floats(1), floats(1)).build(), "inputs");
        assertRejects(op, node("Softsign", vector(DataType.INT32, 1)).build(), "int32");
    }
}
