package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class CosTest {

    private final Cos op = new Cos();

    @Test
    void cosine() {
        assertThat(run(op, floats(0, (float) Math.PI, Float.NEGATIVE_INFINITY)).toFloatArray())
                .containsExactly(1, -1, Float.NaN);
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("Cos", floats(1), floats(1)).build(), "inputs");
        assertRejects(op, node("Cos", vector(DataType.INT32, 1)).build(), "int32");
    }
}
