package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

class MulTest {

    private final Mul mul = new Mul();

    @Test
    void multipliesWithBroadcasting() {
        Tensor a = tensor(DataType.FLOAT32, dims(2, 1), 2, -3);
        Tensor b = tensor(DataType.FLOAT32, dims(1, 3), 1, 0.5, 4);
        Tensor out = run(mul, a, b);
        assertThat(out.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(out.toFloatArray()).containsExactly(2, 1, 8, -3, -1.5f, -12);
    }

    @Test
    void infinityTimesZeroIsNan() {
        assertThat(run(mul, floats(Float.POSITIVE_INFINITY, -2), floats(0, Float.POSITIVE_INFINITY))
                        .toFloatArray())
                .containsExactly(Float.NaN, Float.NEGATIVE_INFINITY);
    }

    @Test
    void integersKeepTheLowBits() {
        assertThat(longs(run(mul, vector(DataType.UINT8, 16, 3), vector(DataType.UINT8, 17, 5))))
                .containsExactly(16, 15); // 272 mod 256
        assertThat(longs(run(mul, vector(DataType.INT8, 64, -7), vector(DataType.INT8, 2, 3))))
                .containsExactly(-128, -21);
        assertThat(longs(run(mul, vector(DataType.INT16, 200), vector(DataType.INT16, 200))))
                .containsExactly(40000 - 65536);
        // (2^32 - 1)^2 mod 2^64 = 2^64 - 2^33 + 1
        Tensor big = Tensor.allocate(TensorType.of(DataType.UINT64, 1));
        big.setLong(0, 0xffffffffL);
        assertThat(longs(run(mul, big, big))).containsExactly(-(1L << 33) + 1);
    }

    @Test
    void emptyTensor() {
        Tensor a = Tensor.allocate(TensorType.of(DataType.INT32, 2, 0));
        assertThat(run(mul, a, vector(DataType.INT32, 3)).shape()).isEqualTo(Shape.of(2, 0));
    }

    @Test
    void errorPaths() {
        Tensor f = floats(1, 2);
        assertRejects(mul, node("Mul", f).build(), "inputs");
        assertRejects(mul, node("Mul", f, vector(DataType.FLOAT64, 1, 2)).build(), "float64");
        assertRejects(
                mul,
                node("Mul", tensor(DataType.FLOAT32, dims(2, 3)), tensor(DataType.FLOAT32, dims(3, 2)))
                        .build(),
                "broadcast");
    }
}
