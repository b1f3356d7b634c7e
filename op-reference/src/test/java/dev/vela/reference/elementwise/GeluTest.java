package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class GeluTest {

    private final Gelu op = new Gelu();
    private final Tensor x = floats(-1, 0, 1, 2.5f, Float.NaN);

    @Test
    void exactByDefault() {
        // 0.5 x (1 + erf(x / sqrt 2))
        assertThat(run(op, x).toFloatArray()).containsExactly(-0.15865526f, 0, 0.8413448f, 2.4844759f, Float.NaN);
        assertThat(run(op, node("Gelu", x).attr("approximate", "none").build(), x)
                        .toFloatArray())
                .containsExactly(-0.15865526f, 0, 0.8413448f, 2.4844759f, Float.NaN);
    }

    @Test
    void tanhApproximation() {
        // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
        assertThat(run(op, node("Gelu", x).attr("approximate", "tanh").build(), x)
                        .toFloatArray())
                .containsExactly(-0.15880801f, 0, 0.841192f, 2.4849157f, Float.NaN);
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("Gelu", x).attr("approximate", "fast").build(), "approximate");
        assertRejects(op, node("Gelu", vector(DataType.INT32, 1)).build(), "int32");
    }
}
