package dev.vela.reference.linalg;

import static dev.vela.reference.linalg.Fixtures.dims;
import static dev.vela.reference.linalg.Fixtures.floats;
import static dev.vela.reference.linalg.Fixtures.int64s;
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
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ReduceSum, and through it the axes / keepdims / noop machinery every Reduce* operator shares. */
class ReduceSumTest {

    private final ReduceSum sum = new ReduceSum();
    private final Tensor x = floats(dims(3, 2, 2), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);

    /** ReduceSum at opset 13 with the axes as a known input. */
    private Tensor sum13(Tensor data, long[] axes, int keepDims) {
        Tensor a = int64s(axes);
        Node n = node("ReduceSum", 13, data)
                .constantInput(a)
                .attr("keepdims", (long) keepDims)
                .build();
        return run(sum, n, data, a);
    }

    @Test
    void reducesOneAxisKeepingItOrNot() {
        Tensor kept = sum13(x, new long[] {1}, 1);
        assertThat(kept.shape()).isEqualTo(Shape.of(3, 1, 2));
        assertThat(kept.toFloatArray()).containsExactly(4, 6, 12, 14, 20, 22);
        Tensor dropped = sum13(x, new long[] {1}, 0);
        assertThat(dropped.shape()).isEqualTo(Shape.of(3, 2));
        assertThat(dropped.toFloatArray()).containsExactly(4, 6, 12, 14, 20, 22);
    }

    @Test
    void countsNegativeAxesFromTheEnd() {
        assertThat(sum13(x, new long[] {-2}, 1).toFloatArray()).containsExactly(4, 6, 12, 14, 20, 22);
    }

    @Test
    void reducesSeveralAxes() {
        Tensor y = sum13(x, new long[] {2, 0}, 1);
        assertThat(y.shape()).isEqualTo(Shape.of(1, 2, 1));
        assertThat(y.toFloatArray()).containsExactly(33, 45);
    }

    @Test
    void noAxesMeansAllAxes() {
        Tensor absent = run(sum, node("ReduceSum", 13, x).build(), x);
        assertThat(absent.shape()).isEqualTo(Shape.of(1, 1, 1));
        assertThat(absent.toFloatArray()).containsExactly(78);
        Tensor empty = sum13(x, new long[0], 0);
        assertThat(empty.shape()).isEqualTo(Shape.scalar());
        assertThat(empty.toFloatArray()).containsExactly(78);
    }

    @Test
    void noopWithEmptyAxesReturnsTheInput() {
        Tensor a = int64s();
        Node n = node("ReduceSum", 13, x)
                .constantInput(a)
                .attr("noop_with_empty_axes", 1L)
                .build();
        Tensor y = run(sum, n, x, a);
        assertThat(y.shape()).isEqualTo(x.shape());
        assertThat(y.toFloatArray()).containsExactly(x.toFloatArray());
        Tensor absent = run(
                sum, node("ReduceSum", 13, x).attr("noop_with_empty_axes", 1L).build(), x);
        assertThat(absent.toFloatArray()).containsExactly(x.toFloatArray());
    }

    @Test
    void takesAxesFromTheAttributeBeforeOpset13() {
        Node n = node("ReduceSum", 11, x)
                .attr("axes", new int[] {1})
                .attr("keepdims", 0L)
                .build();
        Tensor y = run(sum, n, x);
        assertThat(y.shape()).isEqualTo(Shape.of(3, 2));
        assertThat(y.toFloatArray()).containsExactly(4, 6, 12, 14, 20, 22);
        // noop_with_empty_axes does not exist before opset 13: no axes still means all
        assertThat(run(
                                sum,
                                node("ReduceSum", 11, x)
                                        .attr("noop_with_empty_axes", 1L)
                                        .build(),
                                x)
                        .toFloatArray())
                .containsExactly(78);
    }

    @Test
    void asksForTheAxesValueOnlyWhereItIsAnInput() {
        Tensor a = int64s(1);
        assertThat(sum.valueInputs(node("ReduceSum", 13, x, a).build())).isEqualTo(Set.of(1));
        assertThat(sum.valueInputs(node("ReduceSum", 13, x).build())).isEmpty();
        assertThat(sum.valueInputs(node("ReduceSum", 11, x).build())).isEmpty();
    }

    @Test
    void emptyReductionIsZero() {
        Tensor e = Tensor.allocate(TensorType.of(DataType.FLOAT32, 2, 0, 4));
        Tensor y = sum13(e, new long[] {1}, 1);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 1, 4));
        assertThat(y.toFloatArray()).containsOnly(0);
        Tensor notReduced = sum13(e, new long[] {2}, 1);
        assertThat(notReduced.shape()).isEqualTo(Shape.of(2, 0, 1));
    }

    @Test
    void accumulatesInDouble() {
        float[] values = new float[18];
        values[0] = 1e8f;
        java.util.Arrays.fill(values, 1, 17, 1f);
        values[17] = -1e8f;
        Tensor big = floats(dims(18), values);
        // a float accumulator loses every +1 against 1e8 and returns 0
        assertThat(sum13(big, new long[] {0}, 0).toFloatArray()).containsExactly(16);
    }

    @Test
    void integersWrapToTheirWidth() {
        Tensor i = Tensor.ofInts(Shape.of(2), Integer.MAX_VALUE, 1);
        Tensor y = run(sum, node("ReduceSum", 13, i).build(), i);
        assertThat(y.dataType()).isEqualTo(DataType.INT32);
        assertThat(y.getLong(0)).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void refusesBadAxes() {
        assertThatThrownBy(() -> sum13(x, new long[] {3}, 1))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("axis 3 is out of range");
        assertThatThrownBy(() -> sum13(x, new long[] {1, -2}, 1))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("twice");
        Node attr13 = node("ReduceSum", 13, x).attr("axes", new int[] {1}).build();
        assertThatThrownBy(() -> sum.prepare(attr13))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("second input");
        Tensor a = int64s(1);
        Node unknown = node("ReduceSum", 13, x, a).name("rs").build();
        assertThatThrownBy(() -> sum.prepare(unknown))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("rs")
                .hasMessageContaining("constant");
        assertThat(sum.supports(unknown).isSupported()).isFalse();
        Node inputBefore13 = node("ReduceSum", 11, x).constantInput(a).build();
        assertThatThrownBy(() -> sum.prepare(inputBefore13)).isInstanceOf(InvalidNodeException.class);
    }
}
