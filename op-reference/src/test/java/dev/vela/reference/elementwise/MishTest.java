package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class MishTest {

    private final Mish op = new Mish();

    @Test
    void xTimesTanhSoftplus() {
        assertThat(run(op, floats(-1, 0, 1, 100, Float.NaN)).toFloatArray())
                .containsExactly(-0.30340147f, 0, 0.8650984f, 100, Float.NaN);
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("Mish", floats(1), floats(1)).build(), "inputs");
        assertRejects(op, node("Mish", vector(DataType.INT32, 1)).build(), "int32");
    }
}
