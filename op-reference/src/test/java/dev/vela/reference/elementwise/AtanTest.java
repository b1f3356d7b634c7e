package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class AtanTest {

    private final Atan op = new Atan();

    @Test
    void arctangent() {
        assertThat(run(op, floats(-1, 0, 1, Float.POSITIVE_INFINITY)).toFloatArray())
                .containsExactly(-0.7853982f, 0, 0.7853982f, 1.5707964f);
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("Atan", floats(1), floats(1)).build(), "inputs");
        assertRejects(op, node("Atan", vector(DataType.INT32, 1)).build(), "int32");
    }
}
