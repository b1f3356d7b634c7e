package dev.vela.reference.linalg;

import static dev.vela.reference.linalg.Fixtures.dims;
import static dev.vela.reference.linalg.Fixtures.floats;
import static dev.vela.reference.linalg.Fixtures.int64s;
import static dev.vela.reference.linalg.Fixtures.node;
import static dev.vela.reference.linalg.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

class ReduceMaxTest {

    private final ReduceMax max = new ReduceMax();

    private Tensor reduce(Tensor data, long... axes) {
        Tensor a = int64s(axes);
        return run(max, node("ReduceMax", 18, data).constantInput(a).build(), data, a);
    }

    @Test
    void takesTheLargestAlongAxes() {
        Tensor x = floats(dims(2, 3), 5, -1, 3, -7, 2, 8);
        assertThat(reduce(x, 1).toFloatArray()).containsExactly(5, 8);
        assertThat(reduce(x, 0).toFloatArray()).containsExactly(5, 2, 8);
        Node attr = node("ReduceMax", 13, x)
                .attr("axes", new int[] {0})
                .attr("keepdims", 0L)
                .build();
        assertThat(run(max, attr, x).shape()).isEqualTo(Shape.of(3));
        assertThat(run(max, node("ReduceMax", 18, x).build(), x).toFloatArray()).containsExactly(8);
    }

    @Test
    void nanWins() {
        Tensor x = floats(dims(2, 2), 1, Float.NaN, 3, 4);
        float[] y = reduce(x, 1).toFloatArray();
        assertThat(y[0]).isNaN();
        assertThat(y[1]).isEqualTo(4);
    }

    @Test
    void emptyReductionIsTheLowestValue() {
        Tensor e = Tensor.allocate(TensorType.of(DataType.FLOAT32, 2, 0, 4));
        Tensor y = reduce(e, 1);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 1, 4));
        assertThat(y.toFloatArray()).containsOnly(Float.NEGATIVE_INFINITY);
        Tensor e8 = Tensor.allocate(TensorType.of(DataType.INT8, 0));
        assertThat(reduce(e8, 0).getLong(0)).isEqualTo(-128);
    }

    @Test
    void reducesBoolAndIntegers() {
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
        Tensor y = reduce(b, 1);
        assertThat(y.dataType()).isEqualTo(DataType.BOOL);
        assertThat(y.toByteArray()).containsExactly(1, 1, 1, 0);
        Tensor u64 = Tensor.allocate(TensorType.of(DataType.UINT64, 2));
        u64.longs().put(new long[] {1, -1L});
        assertThat(reduce(u64, 0).getLong(0)).isEqualTo(-1L); // 2^64-1 is the largest
        Tensor i32 = Tensor.ofInts(Shape.of(3), -5, -2, -9);
        assertThat(reduce(i32, 0).getLong(0)).isEqualTo(-2);
    }
}
