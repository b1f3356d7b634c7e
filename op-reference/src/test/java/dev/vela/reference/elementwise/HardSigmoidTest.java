package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class HardSigmoidTest {

    private final HardSigmoid hardSigmoid = new HardSigmoid();

    @Test
    void withAttributes() {
        // ONNX test_hardsigmoid_example: alpha 0.5, beta 0.6, [-1, 0, 1] -> [0.1, 0.6, 1]; the float32 attribute
        // 0.6f is 0.60000002384..., so -0.5 + 0.6f rounds to 0.100000024f (as numpy's float32 arithmetic gives)
        Tensor x = floats(-1, 0, 1, -5);
        Tensor out = run(
                hardSigmoid,
                node("HardSigmoid", x).attr("alpha", 0.5f).attr("beta", 0.6f).build(),
                x);
        assertThat(out.toFloatArray()).containsExactly(0.100000024f, 0.6f, 1, 0);
    }

    @Test
    void defaultsAndNan() {
        // 0.2 x + 0.5
        assertThat(run(hardSigmoid, floats(-3, 0, 1, 3, Float.NaN)).toFloatArray())
                .containsExactly(0, 0.5f, 0.7f, 1, Float.NaN);
    }

    @Test
    void errorPaths() {
        assertRejects(
                hardSigmoid, node("HardSigmoid", vector(DataType.UINT8, 1)).build(), "uint8");
    }
}
