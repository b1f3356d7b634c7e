package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import org.junit.jupiter.api.Test;

class SigmoidTest {

    private final Sigmoid sigmoid = new Sigmoid();

    @Test
    void logistic() {
        // ONNX test_sigmoid_example: [-1, 0, 1] -> [0.26894143, 0.5, 0.7310586]
        assertThat(run(sigmoid, floats(-1, 0, 1)).toFloatArray()).containsExactly(0.26894143f, 0.5f, 0.7310586f);
    }

    @Test
    void saturatesWithoutNan() {
        assertThat(run(sigmoid, floats(-1000, 1000, Float.NEGATIVE_INFINITY, Float.NaN))
                        .toFloatArray())
                .containsExactly(0, 1, 0, Float.NaN);
    }

    @Test
    void errorPaths() {
        assertRejects(sigmoid, node("Sigmoid", vector(DataType.INT8, 1)).build(), "int8");
    }
}
