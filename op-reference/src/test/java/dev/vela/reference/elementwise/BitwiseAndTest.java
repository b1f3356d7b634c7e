package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class BitwiseAndTest {

    private final BitwiseAnd op = new BitwiseAnd();

    @Test
    void combinesBits() {
        // 0b1100 with 0b1010, and 0 with -1 (all bits set)
        assertThat(longs(run(op, vector(DataType.INT32, 12, 0), vector(DataType.INT32, 10, -1))))
                .containsExactly(0b1000, 0);
    }

    @Test
    void unsignedAndBroadcast() {
        Tensor x = tensor(DataType.UINT8, dims(2, 2), 12, 255, 0, 12);
        Tensor out = run(op, x, vector(DataType.UINT8, 10, 10));
        assertThat(out.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(longs(out)).containsExactly(8, 10, 0, 8);
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("BitwiseAnd", floats(1), floats(1)).build(), "float32");
        assertRejects(
                op,
                node("BitwiseAnd", vector(DataType.INT8, 1), vector(DataType.INT16, 1))
                        .build(),
                "int16");
        assertRejects(op, node("BitwiseAnd", vector(DataType.INT8, 1)).build(), "inputs");
    }
}
