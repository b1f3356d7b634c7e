package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class HardSwishTest {

    private final HardSwish hardSwish = new HardSwish();

    @Test
    void xTimesHardSigmoid() {
        // x * max(0, min(1, x/6 + 0.5)): -4 -> 0, -1.5 -> -1.5*0.25, 0 -> 0, 1.5 -> 1.5*0.75, 4 -> 4
        assertThat(run(hardSwish, floats(-4, -1.5f, 0, 1.5f, 4, Float.NaN)).toFloatArray())
                .containsExactly(-0f, -0.375f, 0, 1.125f, 4, Float.NaN);
    }

    @Test
    void errorPaths() {
        assertRejects(hardSwish, node("HardSwish", vector(DataType.INT32, 1)).build(), "int32");
    }
}
