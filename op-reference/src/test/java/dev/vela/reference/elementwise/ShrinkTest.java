package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class ShrinkTest {

    private final Shrink op = new Shrink();
    private final Tensor x = floats(-2, -1, 0, 1, 2);

    @Test
    void hard() {
        // ONNX test_shrink_hard: lambd 1.5 -> [-2, 0, 0, 0, 2]
        assertThat(run(op, node("Shrink", x).attr("lambd", 1.5f).build(), x).toFloatArray()).containsExactly(-2, 0, 0, 0, 2);
    }

    @Test
    void soft() {
        // ONNX test_shrink_soft: lambd 1.5, bias 1.5 -> [-0.5, 0, 0, 0, 0.5]
        assertThat(run(op, node("Shrink", x).attr("lambd", 1.5f).attr("bias", 1.5f).build(), x).toFloatArray())
                .containsExactly(-0.5f, 0, 0, 0, 0.5f);
    }

    @Test
    void defaultsAndNan() {
        // lambd 0.5, bias 0
        assertThat(run(op, floats(-0.6f, 0.5f, 0.7f, Float.NaN)).toFloatArray()).containsExactly(-0.6f, 0, 0.7f, Float.NaN);
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("Shrink", vector(DataType.INT8, 1)).build(), "int8");
    }
}
