package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class SwishTest {

    private final Swish op = new Swish();

    @Test
    void xTimesSigmoidOfAlphaX() {
        // alpha 1: x * sigmoid(x); sigmoid(1) = 0.7310586
        assertThat(run(op, floats(-1, 0, 1, -1000, Float.NaN)).toFloatArray())
                .containsExactly(-0.26894143f, 0, 0.7310586f, -0f, Float.NaN);
        Tensor x = floats(1);
        // ONNX test_swish uses alpha 1.0; with alpha 2: 1 * sigmoid(2) = 0.8807971
        assertThat(run(op, node("Swish", x).attr("alpha", 2.0f).build(), x).toFloatArray())
                .containsExactly(0.8807971f);
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("Swish", floats(1), floats(1)).build(), "inputs");
        assertRejects(op, node("Swish", vector(DataType.INT32, 1)).build(), "int32");
    }
}
