package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class IsInfTest {

    private final IsInf op = new IsInf();
    // ONNX test_isinf input
    private final Tensor x =
            floats(-1.2f, Float.NaN, Float.POSITIVE_INFINITY, 2.8f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);

    @Test
    void bothInfinitiesByDefault() {
        Tensor out = run(op, x);
        assertThat(out.dataType()).isEqualTo(DataType.BOOL);
        assertThat(longs(out)).containsExactly(0, 0, 1, 0, 1, 1);
    }

    @Test
    void onlyOneSign() {
        assertThat(longs(run(op, node("IsInf", x).attr("detect_negative", 0L).build(), x)))
                .containsExactly(0, 0, 1, 0, 0, 1);
        assertThat(longs(run(op, node("IsInf", x).attr("detect_positive", 0L).build(), x)))
                .containsExactly(0, 0, 0, 0, 1, 0);
    }

    @Test
    void float16() {
        assertThat(longs(run(op, vector(DataType.FLOAT16, 1e6, 1)))).containsExactly(1, 0); // 1e6 overflows float16
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("IsInf", x, x).build(), "inputs");
        assertRejects(op, node("IsInf", vector(DataType.INT32, 1)).build(), "int32");
    }
}
