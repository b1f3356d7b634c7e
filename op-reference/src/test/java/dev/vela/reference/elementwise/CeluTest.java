package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class CeluTest {

    private final Celu op = new Celu();

    @Test
    void withAlpha() {
        // max(0, x) + min(0, 2 (e^(x/2) - 1))
        Tensor x = floats(-1, 0, 3, Float.NEGATIVE_INFINITY);
        assertThat(run(op, node("Celu", x).attr("alpha", 2.0f).build(), x).toFloatArray())
                .containsExactly(-0.78693867f, 0, 3, -2);
    }

    @Test
    void alphaDefaultsToOne() {
        assertThat(run(op, floats(-1, 2, Float.NaN)).toFloatArray()).containsExactly(-0.63212055f, 2, Float.NaN);
        assertThat(values(run(op, vector(DataType.BFLOAT16, -1)))).containsExactly(-0.6328125); // bfloat16 of -0.632
    }

    @Test
    void errorPaths() {
        Tensor x = floats(1);
        assertRejects(op, node("Celu", x).attr("alpha", 0.0f).build(), "alpha");
        assertRejects(op, node("Celu", vector(DataType.INT32, 1)).build(), "int32");
    }
}
