package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class ThresholdedReluTest {

    private final ThresholdedRelu op = new ThresholdedRelu();

    @Test
    void withAlpha() {
        // ONNX test_thresholdedrelu_example: alpha 2, [-1.5, 0, 1.2, 2, 2.2] -> [0, 0, 0, 0, 2.2]
        Tensor x = floats(-1.5f, 0, 1.2f, 2, 2.2f);
        assertThat(run(op, node("ThresholdedRelu", x).attr("alpha", 2.0f).build(), x)
                        .toFloatArray())
                .containsExactly(0, 0, 0, 0, 2.2f);
    }

    @Test
    void alphaDefaultsToOne() {
        assertThat(run(op, floats(0.5f, 1, 1.5f, Float.NaN)).toFloatArray()).containsExactly(0, 0, 1.5f, Float.NaN);
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("ThresholdedRelu", vector(DataType.INT32, 1)).build(), "int32");
    }
}
