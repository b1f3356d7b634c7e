package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

class AbsTest {

    private final Abs abs = new Abs();

    @Test
    void floats() {
        Tensor out = run(abs, Ops.floats(-1.5f, 0, 2, Float.NEGATIVE_INFINITY, Float.NaN));
        assertThat(out.toFloatArray()).containsExactly(1.5f, 0, 2, Float.POSITIVE_INFINITY, Float.NaN);
        assertThat(values(run(abs, vector(DataType.BFLOAT16, -3)))).containsExactly(3);
    }

    @Test
    void signedIntegersWrapAtTheMinimum() {
        assertThat(longs(run(abs, vector(DataType.INT8, -5, 7, -128)))).containsExactly(5, 7, -128);
        assertThat(longs(run(abs, vector(DataType.INT32, Integer.MIN_VALUE + 1))))
                .containsExactly(Integer.MAX_VALUE);
    }

    @Test
    void unsignedIntegersAreUnchanged() {
        assertThat(longs(run(abs, vector(DataType.UINT8, 255, 0)))).containsExactly(255, 0);
        Tensor big = vector(DataType.UINT64, 0);
        big.setLong(0, -5L);
        assertThat(longs(run(abs, big))).containsExactly(-5L);
    }

    @Test
    void keepsShapeIncludingEmpty() {
        Tensor x = Tensor.allocate(TensorType.of(DataType.FLOAT32, 3, 0));
        assertThat(run(abs, x).shape()).isEqualTo(Shape.of(3, 0));
    }

    @Test
    void errorPaths() {
        assertRejects(abs, node("Abs", Ops.floats(1), Ops.floats(1)).build(), "inputs");
        assertRejects(abs, node("Abs", vector(DataType.BOOL, 1)).build(), "bool");
    }
}
