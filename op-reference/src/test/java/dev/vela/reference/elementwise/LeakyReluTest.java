package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class LeakyReluTest {

    private final LeakyRelu leakyRelu = new LeakyRelu();

    @Test
    void scalesNegativesByAlpha() {
        // ONNX test_leakyrelu_example: alpha 0.1, [-1, 0, 1] -> [-0.1, 0, 1]
        Tensor x = floats(-1, 0, 1, Float.NaN, Float.NEGATIVE_INFINITY);
        Tensor out = run(leakyRelu, node("LeakyRelu", x).attr("alpha", 0.1f).build(), x);
        assertThat(out.toFloatArray()).containsExactly(-0.1f, 0, 1, Float.NaN, Float.NEGATIVE_INFINITY);
    }

    @Test
    void alphaDefaultsToOneHundredth() {
        assertThat(run(leakyRelu, floats(-3, 2)).toFloatArray()).containsExactly(-0.03f, 2);
    }

    @Test
    void errorPaths() {
        assertRejects(leakyRelu, node("LeakyRelu", vector(DataType.INT32, 1)).build(), "int32");
        assertRejects(leakyRelu, node("LeakyRelu", floats(1)).attr("alpha", "x").build(), "alpha");
    }
}
