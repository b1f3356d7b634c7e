package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class SinTest {

    private final Sin op = new Sin();

    @Test
    void sine() {
        assertThat(run(op, floats(0, (float) (Math.PI / 2), Float.POSITIVE_INFINITY, Float.NaN))
                        .toFloatArray())
                .containsExactly(0, 1, Float.NaN, Float.NaN);
        assertThat(values(run(op, vector(DataType.FLOAT64, Math.PI / 6)))).containsExactly(Math.sin(Math.PI / 6));
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("Sin", floats(1), floats(1)).build(), "inputs");
        assertRejects(op, node("Sin", vector(DataType.INT32, 1)).build(), "int32");
    }
}
