package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.VelaException;
import org.junit.jupiter.api.Test;

class PowTest {

    private final Pow pow = new Pow();

    @Test
    void floatPowerWithBroadcasting() {
        // ONNX test_pow_bcast_array: [[1,2,3],[4,5,6]] ^ [1,2,3]
        Tensor x = tensor(DataType.FLOAT32, dims(2, 3), 1, 2, 3, 4, 5, 6);
        Tensor out = run(pow, x, floats(1, 2, 3));
        assertThat(out.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(out.toFloatArray()).containsExactly(1, 4, 27, 4, 25, 216);
        assertThat(run(pow, floats(4, 2), scalar(DataType.FLOAT32, 0.5)).toFloatArray())
                .containsExactly(2, (float) Math.sqrt(2));
    }

    @Test
    void cSpecialCases() {
        Tensor out =
                run(pow, floats(1, -1, Float.NaN, -8, 0), floats(Float.NaN, Float.POSITIVE_INFINITY, 0, 1f / 3, -1));
        assertThat(out.toFloatArray()).containsExactly(1, 1, 1, Float.NaN, Float.POSITIVE_INFINITY);
    }

    @Test
    void floatBaseIntegerExponentKeepsTheBaseType() {
        // ONNX test_pow_types_float32_int64: [1,2,3] ^ [4,5,6] = [1,32,729]
        Tensor out = run(pow, floats(1, 2, 3), vector(DataType.INT64, 4, 5, 6));
        assertThat(out.dataType()).isEqualTo(DataType.FLOAT32);
        assertThat(out.toFloatArray()).containsExactly(1, 32, 729);
        Tensor big = vector(DataType.UINT64, 0);
        big.setLong(0, -1L); // 2^64 - 1 becomes the even double 2^64, as numpy's promotion to float64 does
        assertThat(run(pow, floats(-1, 2), tensor(DataType.UINT64, dims(1), 0)).toFloatArray())
                .containsExactly(1, 1);
        assertThat(run(pow, floats(-1), big).toFloatArray()).containsExactly(1);
        assertThat(run(pow, floats(2), vector(DataType.INT32, -2)).toFloatArray())
                .containsExactly(0.25f);
    }

    @Test
    void integerBaseFloatExponentTruncates() {
        // ONNX test_pow_types_int32_float32: [1,2,3] ^ [4.0,5.0,6.0]
        Tensor out = run(pow, vector(DataType.INT32, 1, 2, 3, 2, -8), vector(DataType.FLOAT32, 4, 5, 6, 0.5, 1f / 3));
        assertThat(out.dataType()).isEqualTo(DataType.INT32);
        assertThat(longs(out)).containsExactly(1, 32, 729, 1, 0); // sqrt(2) -> 1; (-8)^(1/3) is NaN -> 0
    }

    @Test
    void integerPowersAreExactAndWrap() {
        assertThat(longs(run(pow, vector(DataType.INT64, 3, -2, 7), vector(DataType.INT64, 39, 3, 0))))
                .containsExactly(4052555153018976267L, -8, 1); // 3^39 < 2^63
        assertThat(longs(run(pow, vector(DataType.INT32, 2, 3), vector(DataType.INT32, 31, 21))))
                .containsExactly(Integer.MIN_VALUE, (int) 10460353203L); // wraps like numpy int32
    }

    @Test
    void negativeIntegerExponents() {
        Tensor out = run(pow, vector(DataType.INT32, 1, -1, -1, 2), vector(DataType.INT32, -3, -3, -2, -1));
        assertThat(longs(out)).containsExactly(1, -1, 1, 0);
        assertThatThrownBy(() -> run(pow, vector(DataType.INT32, 0), vector(DataType.INT32, -1)))
                .isInstanceOf(VelaException.class)
                .hasMessageContaining("pow_1");
    }

    @Test
    void errorPaths() {
        assertRejects(pow, node("Pow", floats(1)).build(), "inputs");
        assertRejects(
                pow,
                node("Pow", vector(DataType.INT8, 1), vector(DataType.INT8, 1)).build(),
                "int8");
        assertRejects(pow, node("Pow", floats(1), vector(DataType.BOOL, 1)).build(), "bool");
        assertRejects(pow, node("Pow", floats(1, 2), floats(1, 2, 3)).build(), "broadcast");
    }
}
