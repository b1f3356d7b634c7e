package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class SeluTest {

    private final Selu selu = new Selu();

    @Test
    void withAttributes() {
        // ONNX test_selu_example: alpha 2, gamma 3, [-1, 0, 1]; 3 * (2 e^-1 - 2) = -3.79272335..., whose nearest
        // float is -3.7927234f (numpy's float32 steps give -3.7927232f, one ulp away, within tolerance)
        Tensor x = floats(-1, 0, 1);
        Tensor out = run(
                selu, node("Selu", x).attr("alpha", 2.0f).attr("gamma", 3.0f).build(), x);
        assertThat(out.toFloatArray()).containsExactly(-3.7927234f, 0, 3);
    }

    @Test
    void defaults() {
        // gamma * (alpha * e^-1 - alpha) with alpha 1.6732632, gamma 1.050701: -1.1113307; 2 * gamma = 2.101402
        assertThat(run(selu, floats(-1, 2, Float.NEGATIVE_INFINITY)).toFloatArray())
                .containsExactly(-1.1113307f, 2.101402f, -1.7580993f);
    }

    @Test
    void errorPaths() {
        assertRejects(selu, node("Selu", vector(DataType.INT32, 1)).build(), "int32");
    }
}
