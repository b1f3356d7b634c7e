package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class ReluTest {

    private final Relu op = new Relu();

    @Test
    void floatingTypes() {
        assertThat(run(op, Ops.floats(-1, 0, 2, Float.NaN, Float.NEGATIVE_INFINITY))
                        .toFloatArray())
                .containsExactly(0, 0, 2, Float.NaN, 0);
    }

    @Test
    void signedIntegers() {
        assertThat(longs(run(op, vector(DataType.INT8, -128, 3, 127)))).containsExactly(0, 3, 127);
        assertThat(longs(run(op, vector(DataType.INT64, Long.MIN_VALUE, 9)))).containsExactly(0, 9);
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("Relu", vector(DataType.UINT8, 1)).build(), "uint8");
        assertRejects(op, node("Relu").build(), "inputs");
    }
}
