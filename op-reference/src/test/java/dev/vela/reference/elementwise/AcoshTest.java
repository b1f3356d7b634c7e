package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class AcoshTest {

    private final Acosh op = new Acosh();

    @Test
    void inverseHyperbolicCosine() {
        // acosh(10) = 2.99322285; acosh(1e30) = ln(2e30) = 69.7707
        assertThat(run(op, floats(10, 1, 0.5f, 1e30f, Float.POSITIVE_INFINITY)).toFloatArray())
                .containsExactly(2.993223f, 0, Float.NaN, 69.7707f, Float.POSITIVE_INFINITY);
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("Acosh", floats(1), floats(1)).build(), "inputs");
        assertRejects(op, node("Acosh", vector(DataType.INT32, 1)).build(), "int32");
    }
}
