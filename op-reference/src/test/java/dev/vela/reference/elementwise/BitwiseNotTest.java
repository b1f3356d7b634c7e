package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class BitwiseNotTest {

    private final BitwiseNot op = new BitwiseNot();

    @Test
    void flipsBits() {
        assertThat(longs(run(op, vector(DataType.INT32, 0, -1, 5)))).containsExactly(-1, 0, -6);
        assertThat(longs(run(op, vector(DataType.UINT8, 0, 255, 5)))).containsExactly(255, 0, 250);
        assertThat(longs(run(op, vector(DataType.UINT64, 0)))).containsExactly(-1L);
    }

    @Test
    void errorPaths() {
        assertRejects(
                op,
                node("BitwiseNot", vector(DataType.INT8, 1), vector(DataType.INT8, 1))
                        .build(),
                "inputs");
        assertRejects(op, node("BitwiseNot", vector(DataType.FLOAT32, 1)).build(), "float32");
    }
}
