package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class MeanTest {

    private final Mean mean = new Mean();

    @Test
    void averagesThreeInputs() {
        // ONNX test_mean_example: ([3,0,2] + [1,3,4] + [2,6,6]) / 3 = [2,3,4]
        Tensor out = run(mean, floats(3, 0, 2), floats(1, 3, 4), floats(2, 6, 6));
        assertThat(out.toFloatArray()).containsExactly(2, 3, 4);
    }

    @Test
    void twoInputsAndOne() {
        assertThat(run(mean, floats(3, 0), floats(1, 3)).toFloatArray()).containsExactly(2, 1.5f);
        assertThat(run(mean, floats(3, 0)).toFloatArray()).containsExactly(3, 0);
    }

    @Test
    void broadcastsAndPropagatesNan() {
        Tensor a = tensor(DataType.FLOAT32, dims(2, 2), 1, 2, 3, Float.NaN);
        Tensor out = run(mean, a, floats(3, 4));
        assertThat(out.toFloatArray()).containsExactly(2, 3, 3, Float.NaN);
    }

    @Test
    void float16() {
        assertThat(values(run(mean, vector(DataType.FLOAT16, 1, 2), vector(DataType.FLOAT16, 2, 2))))
                .containsExactly(1.5, 2);
    }

    @Test
    void errorPaths() {
        assertRejects(mean, Node.builder("Mean").name("m").build(), "inputs");
        assertRejects(mean, node("Mean", floats(1), vector(DataType.FLOAT16, 1)).build(), "float16");
        assertRejects(mean, node("Mean", floats(1, 2), floats(1, 2, 3)).build(), "broadcast");
        assertRejects(
                mean,
                node("Mean", vector(DataType.INT64, 1), vector(DataType.INT64, 1))
                        .build(),
                "int64");
    }
}
