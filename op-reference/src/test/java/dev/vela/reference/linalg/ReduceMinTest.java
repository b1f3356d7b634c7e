package dev.vela.reference.linalg;

import static dev.vela.reference.linalg.Fixtures.dims;
import static dev.vela.reference.linalg.Fixtures.floats;
import static dev.vela.reference.linalg.Fixtures.int64s;
import static dev.vela.reference.linalg.Fixtures.node;
import static dev.vela.reference.linalg.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

class ReduceMinTest {

    private final ReduceMin min = new ReduceMin();

    private Tensor reduce(Tensor data, long... axes) {
        Tensor a = int64s(axes);
        return run(min, node("ReduceMin", 18, data).constantInput(a).build(), data, a);
    }

    @Test
    void takesTheSmallestAlongAxes() {
        Tensor x = floats(dims(2, 3), 5, -1, 3, -7, 2, 8);
        assertThat(reduce(x, -1).toFloatArray()).containsExactly(-1, -7);
        assertThat(reduce(x, 0).toFloatArray()).containsExactly(-7, -1, 3);
        assertThat(run(min, node("ReduceMin", 18, x).attr("keepdims", 0L).build(), x)
                        .shape())
                .isEqualTo(Shape.scalar());
    }

    @Test
    void nanWins() {
        Tensor x = floats(dims(2), 1, Float.NaN);
        assertThat(reduce(x, 0).toFloatArray()[0]).isNaN();
    }

    @Test
    void emptyReductionIsTheHighestValue() {
        Tensor e = Tensor.allocate(TensorType.of(DataType.FLOAT32, 2, 0, 4));
        assertThat(reduce(e, 1).toFloatArray()).containsOnly(Float.POSITIVE_INFINITY);
        Tensor u8 = Tensor.allocate(TensorType.of(DataType.UINT8, 0));
        assertThat(reduce(u8, 0).getLong(0)).isEqualTo(255);
    }

    @Test
    void reducesBoolAndUnsignedIntegers() {
        Tensor b = Tensor.ofBytes(
                TensorType.of(DataType.BOOL, 4, 2),
                (byte) 1,
                (byte) 1,
                (byte) 1,
                (byte) 0,
                (byte) 0,
                (byte) 1,
                (byte) 0,
                (byte) 0);
        assertThat(reduce(b, 1).toByteArray()).containsExactly(1, 0, 0, 0);
        Tensor u64 = Tensor.allocate(TensorType.of(DataType.UINT64, 2));
        u64.longs().put(new long[] {-1L, 7});
        assertThat(reduce(u64, 0).getLong(0)).isEqualTo(7);
    }
}
