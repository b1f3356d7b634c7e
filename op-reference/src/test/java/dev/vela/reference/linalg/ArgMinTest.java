package dev.vela.reference.linalg;

import static dev.vela.reference.linalg.Fixtures.dims;
import static dev.vela.reference.linalg.Fixtures.floats;
import static dev.vela.reference.linalg.Fixtures.node;
import static dev.vela.reference.linalg.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

class ArgMinTest {

    private final ArgMin argMin = new ArgMin();
    private final Tensor x = floats(dims(2, 3), 4, 1, 1, 0, 5, 0);

    @Test
    void findsTheFirstMinimum() {
        assertThat(run(argMin, node("ArgMin", 13, x).build(), x).toLongArray()).containsExactly(1, 0, 1);
        Tensor rows = run(
                argMin,
                node("ArgMin", 13, x).attr("axis", 1L).attr("keepdims", 0L).build(),
                x);
        assertThat(rows.shape()).isEqualTo(Shape.of(2));
        assertThat(rows.toLongArray()).containsExactly(1, 0);
    }

    @Test
    void selectsTheLastIndexOnTiesWhenAsked() {
        Tensor y = run(
                argMin,
                node("ArgMin", 12, x)
                        .attr("axis", -1L)
                        .attr("select_last_index", 1L)
                        .build(),
                x);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 1));
        assertThat(y.toLongArray()).containsExactly(2, 2);
    }

    @Test
    void nanWinsAsInNumpy() {
        Tensor t = floats(dims(3), 3, Float.NaN, -9);
        assertThat(run(argMin, node("ArgMin", 13, t).build(), t).toLongArray()).containsExactly(1);
    }

    @Test
    void comparesUnsignedIntegers() {
        Tensor u8 = Tensor.ofBytes(TensorType.of(DataType.UINT8, 3), (byte) 200, (byte) 7, (byte) 255);
        assertThat(run(argMin, node("ArgMin", 13, u8).build(), u8).toLongArray())
                .containsExactly(1);
        Tensor u64 = Tensor.allocate(TensorType.of(DataType.UINT64, 2));
        u64.longs().put(new long[] {-1L, 5});
        assertThat(run(argMin, node("ArgMin", 13, u64).build(), u64).toLongArray())
                .containsExactly(1);
    }
}
