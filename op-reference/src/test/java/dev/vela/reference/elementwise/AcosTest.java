package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class AcosTest {

    private final Acos op = new Acos();

    @Test
    void arccosine() {
        assertThat(run(op, floats(-0.5f, 0, 1, -1, 2)).toFloatArray())
                .containsExactly(2.0943952f, 1.5707964f, 0, 3.1415927f, Float.NaN);
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("Acos", floats(1), floats(1)).build(), "inputs");
        assertRejects(op, node("Acos", vector(DataType.INT32, 1)).build(), "int32");
    }
}
