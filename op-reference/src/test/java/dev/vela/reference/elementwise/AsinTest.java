package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class AsinTest {

    private final Asin op = new Asin();

    @Test
    void arcsine() {
        // ONNX test_asin_example: [-0.5, 0, 0.5] -> [-0.5235988, 0, 0.5235988]
        assertThat(run(op, floats(-0.5f, 0, 0.5f, 1, 1.5f)).toFloatArray())
                .containsExactly(-0.5235988f, 0, 0.5235988f, 1.5707964f, Float.NaN);
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("Asin", floats(1), floats(1)).build(), "inputs");
        assertRejects(op, node("Asin", vector(DataType.INT32, 1)).build(), "int32");
    }
}
