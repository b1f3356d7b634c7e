package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class CoshTest {

    private final Cosh op = new Cosh();

    @Test
    void hyperbolicCosine() {
        // cosh(1) = 1.54308063...; the nearest float prints as 1.5430807f
        assertThat(run(op, floats(-1, 0, 1, Float.NEGATIVE_INFINITY)).toFloatArray())
                .containsExactly(1.5430807f, 1, 1.5430807f, Float.POSITIVE_INFINITY);
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("Cosh", floats(1), floats(1)).build(), "inputs");
        assertRejects(op, node("Cosh", vector(DataType.INT32, 1)).build(), "int32");
    }
}
