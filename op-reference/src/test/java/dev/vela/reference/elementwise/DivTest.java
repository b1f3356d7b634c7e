package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import dev.vela.spi.VelaException;
import org.junit.jupiter.api.Test;

class DivTest {

    private final Div div = new Div();

    @Test
    void dividesWithBroadcasting() {
        Tensor a = tensor(DataType.FLOAT32, dims(2, 2), 3, 4, 9, -8);
        Tensor out = run(div, a, floats(3, 2));
        assertThat(out.toFloatArray()).containsExactly(1, 2, 3, -4);
    }

    @Test
    void floatingDivisionByZeroFollowsIeee() {
        assertThat(run(div, floats(1, -1, 0), floats(0, 0, 0)).toFloatArray())
                .containsExactly(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN);
    }

    @Test
    void integerDivisionTruncatesTowardZero() {
        // ONNX test_div_int32_trunc: [7, -7, 7, -7] / [2, 2, -2, -2] = [3, -3, -3, 3]
        Tensor out = run(div, vector(DataType.INT32, 7, -7, 7, -7), vector(DataType.INT32, 2, 2, -2, -2));
        assertThat(longs(out)).containsExactly(3, -3, -3, 3);
        assertThat(longs(run(div, vector(DataType.INT8, -128), vector(DataType.INT8, 3))))
                .containsExactly(-42);
        assertThat(longs(run(div, vector(DataType.UINT8, 255), vector(DataType.UINT8, 2))))
                .containsExactly(127);
    }

    @Test
    void uint64DividesUnsigned() {
        Tensor a = vector(DataType.UINT64, 0);
        a.setLong(0, -2L); // 2^64 - 2
        Tensor out = run(div, a, vector(DataType.UINT64, 2));
        assertThat(longs(out)).containsExactly(Long.MAX_VALUE); // 2^63 - 1
    }

    @Test
    void integerDivisionByZeroFailsNamingTheNode() {
        Tensor a = vector(DataType.INT32, 1);
        Tensor b = vector(DataType.INT32, 0);
        assertThatThrownBy(() -> run(div, a, b))
                .isInstanceOf(VelaException.class)
                .hasMessageContaining("div_1")
                .hasMessageContaining("division by zero");
    }

    @Test
    void errorPaths() {
        Tensor f = floats(1, 2);
        assertRejects(div, node("Div", f).build(), "inputs");
        assertRejects(
                div,
                node("Div", vector(DataType.INT32, 1), vector(DataType.INT64, 1))
                        .build(),
                "int64");
        assertRejects(div, node("Div", f, floats(1, 2, 3)).build(), "broadcast");
    }
}
