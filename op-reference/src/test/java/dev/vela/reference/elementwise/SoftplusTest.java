package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class SoftplusTest {

    private final Softplus op = new Softplus();

    @Test
    void logOfOnePlusExp() {
        // ONNX test_softplus_example: [-1, 0, 1] -> [0.31326166, 0.69314718, 1.31326163]
        assertThat(run(op, floats(-1, 0, 1)).toFloatArray()).containsExactly(0.3132617f, 0.6931472f, 1.3132616f);
    }

    @Test
    void noOverflowAtTheExtremes() {
        assertThat(run(op, floats(1000, -1000, Float.POSITIVE_INFINITY, Float.NaN))
                        .toFloatArray())
                .containsExactly(1000, 0, Float.POSITIVE_INFINITY, Float.NaN);
    }

    @Test
    void errorPaths() {
        assertRejects(op, node("Softplus", floats(1), floats(1)).build(), "inputs");
        assertRejects(op, node("Softplus", vector(DataType.INT32, 1)).build(), "int32");
    }
}
