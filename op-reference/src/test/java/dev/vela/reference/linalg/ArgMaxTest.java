package dev.vela.reference.linalg;

import static dev.vela.reference.linalg.Fixtures.dims;
import static dev.vela.reference.linalg.Fixtures.floats;
import static dev.vela.reference.linalg.Fixtures.node;
import static dev.vela.reference.linalg.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

class ArgMaxTest {

    private final ArgMax argMax = new ArgMax();
    private final Tensor x = floats(dims(2, 3), 1, 7, 7, 9, 2, 9);

    @Test
    void findsTheFirstMaximumAlongAxisZeroByDefault() {
        Tensor y = run(argMax, node("ArgMax", 13, x).build(), x);
        assertThat(y.dataType()).isEqualTo(DataType.INT64);
        assertThat(y.shape()).isEqualTo(Shape.of(1, 3));
        assertThat(y.toLongArray()).containsExactly(1, 0, 1);
    }

    @Test
    void keepsOrDropsTheAxis() {
        Tensor kept = run(argMax, node("ArgMax", 13, x).attr("axis", 1L).build(), x);
        assertThat(kept.shape()).isEqualTo(Shape.of(2, 1));
        assertThat(kept.toLongArray()).containsExactly(1, 0);
        Tensor dropped = run(
                argMax,
                node("ArgMax", 13, x).attr("axis", -1L).attr("keepdims", 0L).build(),
                x);
        assertThat(dropped.shape()).isEqualTo(Shape.of(2));
        assertThat(dropped.toLongArray()).containsExactly(1, 0);
    }

    @Test
    void selectsTheLastIndexOnTiesWhenAsked() {
        Node n = node("ArgMax", 13, x)
                .attr("axis", 1L)
                .attr("select_last_index", 1L)
                .build();
        assertThat(run(argMax, n, x).toLongArray()).containsExactly(2, 2);
    }

    @Test
    void worksOnAMiddleAxis() {
        // [2x2x2]: along axis 1 compare x[o][0][i] with x[o][1][i]
        Tensor t = floats(dims(2, 2, 2), 1, 5, 3, 4, 8, 0, 2, 6);
        Tensor y = run(
                argMax,
                node("ArgMax", 13, t).attr("axis", 1L).attr("keepdims", 0L).build(),
                t);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(y.toLongArray()).containsExactly(1, 0, 0, 1);
    }

    @Test
    void nanIsTheMaximumLikeNumpy() {
        Tensor t = floats(dims(4), 3, Float.NaN, 9, Float.NaN);
        assertThat(run(argMax, node("ArgMax", 13, t).build(), t).toLongArray()).containsExactly(1);
        assertThat(run(
                                argMax,
                                node("ArgMax", 13, t)
                                        .attr("select_last_index", 1L)
                                        .build(),
                                t)
                        .toLongArray())
                .containsExactly(3);
    }

    @Test
    void comparesIntegersExactly() {
        Tensor l = Tensor.ofLongs(Shape.of(3), (1L << 60) + 1, (1L << 60) + 2, 1L << 60);
        assertThat(run(argMax, node("ArgMax", 13, l).build(), l).toLongArray()).containsExactly(1);
        Tensor u64 = Tensor.allocate(TensorType.of(DataType.UINT64, 2));
        u64.longs().put(new long[] {5, -1L});
        assertThat(run(argMax, node("ArgMax", 13, u64).build(), u64).toLongArray())
                .containsExactly(1);
    }

    @Test
    void refusesAnEmptyAxisAndAnAxisOutOfRange() {
        Tensor e = Tensor.allocate(TensorType.of(DataType.FLOAT32, 0, 3));
        Node empty = node("ArgMax", 13, e).name("am").build();
        assertThatThrownBy(() -> argMax.prepare(empty))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("am")
                .hasMessageContaining("empty");
        assertThatThrownBy(() ->
                        argMax.prepare(node("ArgMax", 13, x).attr("axis", 2L).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("axis 2");
    }
}
