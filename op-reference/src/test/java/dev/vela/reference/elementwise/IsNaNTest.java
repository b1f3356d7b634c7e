package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class IsNaNTest {

    private final IsNaN op = new IsNaN();

    @Test
    void detectsNan() {
        Tensor out = run(op, floats(Float.NaN, 1, Float.POSITIVE_INFINITY, -0f));
        assertThat(out.dataType()).isEqualTo(DataType.BOOL);
        assertThat(longs(out)).containsExactly(1, 0, 0, 0);
        assertThat(longs(run(op, vector(DataType.FLOAT16, Double.NaN, 2)))).containsExactly(1, 0);
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("IsNaN", floats(1), floats(1)).build(), "inputs");
        assertRejects(op, node("IsNaN", vector(DataType.INT32, 1)).build(), "int32");
    }
}
