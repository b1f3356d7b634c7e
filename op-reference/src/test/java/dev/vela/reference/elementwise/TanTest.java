package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class TanTest {

    private final Tan op = new Tan();

    @Test
    void tangent() {
        assertThat(run(op, floats(0, (float) (Math.PI / 4), -1, Float.POSITIVE_INFINITY))
                        .toFloatArray())
                .containsExactly(0, 1, -1.5574077f, Float.NaN);
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("Tan", floats(1), floats(1)).build(), "inputs");
        assertRejects(op, node("Tan", vector(DataType.INT32, 1)).build(), "int32");
    }
}
