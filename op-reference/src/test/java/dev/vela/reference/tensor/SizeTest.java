package dev.vela.reference.tensor;

import static dev.vela.reference.tensor.TestTensors.iota;
import static dev.vela.reference.tensor.TestTensors.node;
import static dev.vela.reference.tensor.TestTensors.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SizeTest {

    private final Size size = new Size();

    @ParameterizedTest
    @EnumSource(
            value = DataType.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"INT4", "UINT4"})
    void elementCountAsInt64Scalar(DataType type) {
        Tensor x = iota(type, 3, 4);
        Tensor out = run(size, node("Size", 21, new Tensor[] {x}).build(), x).get(0);
        assertThat(out.type()).isEqualTo(dev.vela.spi.TensorType.of(DataType.INT64));
        assertThat(out.toLongArray()).containsExactly(12);
    }

    @Test
    void emptyAndScalar() {
        Tensor e = iota(DataType.FLOAT32, 2, 0);
        assertThat(run(size, node("Size", 21, new Tensor[] {e}).build(), e)
                        .get(0)
                        .toLongArray())
                .containsExactly(0);
        Tensor s = iota(DataType.FLOAT32);
        assertThat(run(size, node("Size", 21, new Tensor[] {s}).build(), s)
                        .get(0)
                        .toLongArray())
                .containsExactly(1);
    }

    @Test
    void refusesTwoInputs() {
        Tensor x = iota(DataType.FLOAT32, 2);
        assertThatThrownBy(() ->
                        size.prepare(node("Size", 21, new Tensor[] {x, x}).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("size_under_test");
    }
}
