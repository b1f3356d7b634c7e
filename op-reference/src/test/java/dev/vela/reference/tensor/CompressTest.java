package dev.vela.reference.tensor;

import static dev.vela.reference.tensor.TestTensors.iota;
import static dev.vela.reference.tensor.TestTensors.node;
import static dev.vela.reference.tensor.TestTensors.run;
import static dev.vela.reference.tensor.TestTensors.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompressTest {

    private final Compress compress = new Compress();

    private static Tensor condition(int... bits) {
        byte[] b = new byte[bits.length];
        for (int i = 0; i < bits.length; i++) {
            b[i] = (byte) bits[i];
        }
        return Tensor.ofBytes(TensorType.of(DataType.BOOL, bits.length), b);
    }

    private Tensor compress(Tensor x, Tensor condition, Long axis) {
        Node.Builder b = node("Compress", 11, new Tensor[] {x, condition}, 1);
        if (axis != null) {
            b.attr("axis", axis.longValue());
        }
        return run(compress, b.build(), x, condition).get(0);
    }

    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"INT4", "UINT4"})
    void keepsSelectedRowsForEveryType(DataType type) {
        // ONNX example: [[1, 2], [3, 4], [5, 6]], condition [0, 1, 1], axis 0 -> [[3, 4], [5, 6]]
        Tensor x = TestTensors.of(type, new int[] {3, 2}, 1, 2, 3, 4, 5, 6);
        Tensor out = compress(x, condition(0, 1, 1), 0L);
        assertThat(out.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(values(out)).containsExactly(TestTensors.as(type, 3, 4, 5, 6));
    }

    @Test
    void negativeAxisShortConditionAndFlattening() {
        Tensor x = iota(DataType.FLOAT32, 3, 2);
        Tensor cols = compress(x, condition(0, 1), -1L);
        assertThat(cols.shape()).isEqualTo(Shape.of(3, 1));
        assertThat(cols.toFloatArray()).containsExactly(1, 3, 5);
        Tensor flat = compress(x, condition(0, 1, 0, 0, 1), null);
        assertThat(flat.shape()).isEqualTo(Shape.of(2));
        assertThat(flat.toFloatArray()).containsExactly(1, 4);
        assertThat(compress(x, condition(0, 0, 0), 0L).shape()).isEqualTo(Shape.of(0, 2));
    }

    @Test
    void refusesSelectionsPastTheAxis() {
        assertThatThrownBy(() -> compress(iota(DataType.FLOAT32, 2), condition(0, 0, 1), 0L))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("compress_under_test")
                .hasMessageContaining("position 2");
    }
}
