package dev.vela.reference.linalg;

import static dev.vela.reference.linalg.Fixtures.dims;
import static dev.vela.reference.linalg.Fixtures.floats;
import static dev.vela.reference.linalg.Fixtures.int64s;
import static dev.vela.reference.linalg.Fixtures.node;
import static dev.vela.reference.linalg.Fixtures.runAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopKTest {

    private final TopK topK = new TopK();
    private final Tensor x = floats(dims(2, 4), 3, 1, 4, 1, 5, 9, 2, 6);

    private List<Tensor> top(Tensor data, long k, Node.Builder attrs) {
        Tensor kt = int64s(k);
        return runAll(topK, attrs.constantInput(kt).outputs(2).build(), data, kt);
    }

    @Test
    void returnsTheLargestSortedWithPositions() {
        List<Tensor> out = top(x, 2, node("TopK", 11, x));
        assertThat(out.get(0).shape()).isEqualTo(Shape.of(2, 2));
        assertThat(out.get(0).toFloatArray()).containsExactly(4, 3, 9, 6);
        assertThat(out.get(1).dataType()).isEqualTo(DataType.INT64);
        assertThat(out.get(1).toLongArray()).containsExactly(2, 0, 1, 3);
    }

    @Test
    void returnsTheSmallestKeepingTheLowerPositionOnTies() {
        List<Tensor> out = top(x, 3, node("TopK", 11, x).attr("largest", 0L));
        assertThat(out.get(0).toFloatArray()).containsExactly(1, 1, 3, 2, 5, 6);
        assertThat(out.get(1).toLongArray()).containsExactly(1, 3, 0, 2, 0, 3);
    }

    @Test
    void worksAlongTheFirstAxis() {
        List<Tensor> out = top(x, 1, node("TopK", 11, x).attr("axis", 0L));
        assertThat(out.get(0).shape()).isEqualTo(Shape.of(1, 4));
        assertThat(out.get(0).toFloatArray()).containsExactly(5, 9, 4, 6);
        assertThat(out.get(1).toLongArray()).containsExactly(1, 1, 0, 1);
    }

    @Test
    void takesKFromTheAttributeBeforeOpset10() {
        Node n = node("TopK", 1, x).attr("k", 1L).outputs(2).build();
        List<Tensor> out = runAll(topK, n, x);
        assertThat(out.get(0).toFloatArray()).containsExactly(4, 9);
        assertThat(topK.valueInputs(n)).isEmpty();
        assertThat(topK.valueInputs(node("TopK", 11, x, int64s(1)).build())).isEqualTo(Set.of(1));
    }

    @Test
    void sortsIntegersAndUnsignedValuesExactly() {
        Tensor same = Tensor.ofLongs(Shape.of(4), 0, 0, 0, 0);
        List<Tensor> out = top(same, 3, node("TopK", 11, same).attr("axis", 0L));
        assertThat(out.get(0).toLongArray()).containsExactly(0, 0, 0);
        assertThat(out.get(1).toLongArray()).containsExactly(0, 1, 2);
        Tensor u64 = Tensor.allocate(TensorType.of(DataType.UINT64, 3));
        u64.longs().put(new long[] {7, -1L, 8});
        List<Tensor> big = top(u64, 2, node("TopK", 11, u64));
        assertThat(big.get(0).toLongArray()).containsExactly(-1L, 8);
        assertThat(big.get(1).toLongArray()).containsExactly(1, 2);
    }

    @Test
    void putsNanLastAndTreatsSignedZerosAsEqual() {
        Tensor t = floats(dims(4), Float.NaN, -0f, 2, 0f);
        List<Tensor> largest = top(t, 4, node("TopK", 11, t));
        assertThat(largest.get(1).toLongArray()).containsExactly(2, 1, 3, 0);
        List<Tensor> smallest = top(t, 4, node("TopK", 11, t).attr("largest", 0L));
        assertThat(smallest.get(1).toLongArray()).containsExactly(1, 3, 2, 0);
    }

    @Test
    void kOfZeroGivesEmptyOutputs() {
        List<Tensor> out = top(x, 0, node("TopK", 11, x));
        assertThat(out.get(0).shape()).isEqualTo(Shape.of(2, 0));
    }

    @Test
    void refusesKOutOfRangeOrUnknown() {
        assertThatThrownBy(() -> top(x, 5, node("TopK", 11, x).name("tk")))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("tk")
                .hasMessageContaining("k=5");
        Node unknown = node("TopK", 11, x, int64s(1)).outputs(2).build();
        assertThatThrownBy(() -> topK.prepare(unknown))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("constant");
        assertThatThrownBy(() -> top(x, 1, node("TopK", 11, x).attr("axis", 2L)))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("axis 2");
    }
}
