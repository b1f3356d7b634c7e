package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class BitShiftTest {

    private final BitShift op = new BitShift();

    private Tensor shift(Tensor x, Tensor y, String direction) {
        return run(op, node("BitShift", x, y).attr("direction", direction).build(), x, y);
    }

    @Test
    void left() {
        // ONNX test_bitshift_left_uint8: [16, 4, 1] << [1, 2, 3] = [32, 16, 8]
        assertThat(longs(shift(vector(DataType.UINT8, 16, 4, 1), vector(DataType.UINT8, 1, 2, 3), "LEFT")))
                .containsExactly(32, 16, 8);
        // bits past the width are lost; shifting by the width or more gives 0
        assertThat(longs(shift(vector(DataType.UINT8, 200, 1, 1), vector(DataType.UINT8, 1, 8, 200), "LEFT")))
                .containsExactly(144, 0, 0);
        assertThat(longs(shift(vector(DataType.UINT64, 1, 1), vector(DataType.UINT64, 63, 64), "LEFT")))
                .containsExactly(Long.MIN_VALUE, 0);
    }

    @Test
    void rightIsLogical() {
        // ONNX test_bitshift_right_uint8: [16, 4, 1] >> [1, 2, 3] = [8, 1, 0]
        assertThat(longs(shift(vector(DataType.UINT8, 16, 4, 1), vector(DataType.UINT8, 1, 2, 3), "RIGHT")))
                .containsExactly(8, 1, 0);
        Tensor big = vector(DataType.UINT64, 0);
        big.setLong(0, -1L);
        assertThat(longs(shift(big, vector(DataType.UINT64, 60), "RIGHT"))).containsExactly(15);
        assertThat(longs(shift(vector(DataType.UINT32, 0xffffffffL), vector(DataType.UINT32, 31), "RIGHT")))
                .containsExactly(1);
    }

    @Test
    void broadcasts() {
        Tensor x = tensor(DataType.UINT16, dims(2, 2), 1, 2, 3, 4);
        assertThat(longs(shift(x, scalar(DataType.UINT16, 2), "LEFT"))).containsExactly(4, 8, 12, 16);
    }

    @Test
    void errorPaths() {
        Tensor u = vector(DataType.UINT8, 1);
        assertRejects(op, node("BitShift", u, u).build(), "direction");
        assertRejects(op, node("BitShift", u, u).attr("direction", "UP").build(), "direction");
        assertRejects(
                op,
                node("BitShift", vector(DataType.INT8, 1), vector(DataType.INT8, 1))
                        .attr("direction", "LEFT")
                        .build(),
                "int8");
        assertRejects(op, node("BitShift", u).attr("direction", "LEFT").build(), "inputs");
    }
}
