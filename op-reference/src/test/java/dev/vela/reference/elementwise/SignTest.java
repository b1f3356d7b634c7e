package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class SignTest {

    private final Sign op = new Sign();

    @Test
    void floatingTypes() {
        // ONNX test_sign: range(-5, 6) -> -1 x5, 0, 1 x5
        assertThat(run(op, Ops.floats(-3.5f, 0, 2, Float.NaN, Float.NEGATIVE_INFINITY, -0f))
                        .toFloatArray())
                .containsExactly(-1, 0, 1, Float.NaN, -1, 0);
    }

    @Test
    void integers() {
        assertThat(longs(run(op, vector(DataType.INT32, -5, 0, 7)))).containsExactly(-1, 0, 1);
        assertThat(longs(run(op, vector(DataType.UINT8, 0, 200)))).containsExactly(0, 1);
        Tensor big = vector(DataType.UINT64, 0);
        big.setLong(0, -1L); // 2^64 - 1 is positive
        assertThat(longs(run(op, big))).containsExactly(1);
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("Sign", Ops.floats(1), Ops.floats(1)).build(), "inputs");
        assertRejects(op, node("Sign", vector(DataType.BOOL, 1)).build(), "bool");
    }
}
