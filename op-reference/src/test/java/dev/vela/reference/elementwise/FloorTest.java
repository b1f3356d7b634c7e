package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class FloorTest {

    private final Floor op = new Floor();

    @Test
    void roundsDown() {
        assertThat(run(op, floats(-1.5f, 1.2f, 2, -0f, Float.NaN, Float.POSITIVE_INFINITY))
                        .toFloatArray())
                .containsExactly(-2, 1, 2, -0f, Float.NaN, Float.POSITIVE_INFINITY);
        assertThat(values(run(op, vector(DataType.FLOAT64, -0.5)))).containsExactly(-1);
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("Floor", floats(1), floats(1)).build(), "inputs");
        assertRejects(op, node("Floor", vector(DataType.INT32, 1)).build(), "int32");
    }
}
