package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class EluTest {

    private final Elu elu = new Elu();

    @Test
    void exponentialBelowZero() {
        // ONNX test_elu_example: alpha 2, [-1, 0, 1] -> [-1.2642411, 0, 1]
        Tensor x = floats(-1, 0, 1, Float.NEGATIVE_INFINITY);
        Tensor out = run(elu, node("Elu", x).attr("alpha", 2.0f).build(), x);
        assertThat(out.toFloatArray()).containsExactly(-1.2642411f, 0, 1, -2);
    }

    @Test
    void alphaDefaultsToOne() {
        assertThat(run(elu, floats(-1, 3, Float.NaN)).toFloatArray()).containsExactly(-0.63212055f, 3, Float.NaN);
    }

    @Test
    void errorPaths() {
        assertRejects(elu, node("Elu", vector(DataType.INT64, 1)).build(), "int64");
        assertRejects(elu, node("Elu").build(), "inputs");
    }
}
