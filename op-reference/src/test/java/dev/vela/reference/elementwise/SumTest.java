package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

class SumTest {

    private final Sum sum = new Sum();

    @Test
    void sumsThreeInputs() {
        // ONNX test_sum_example: [3,0,2] + [1,3,4] + [2,6,6] = [6,9,12]
        Tensor out = run(sum, floats(3, 0, 2), floats(1, 3, 4), floats(2, 6, 6));
        assertThat(out.toFloatArray()).containsExactly(6, 9, 12);
    }

    @Test
    void oneInputIsCopied() {
        assertThat(run(sum, floats(3, 0, 2)).toFloatArray()).containsExactly(3, 0, 2);
    }

    @Test
    void broadcastsAllInputsTogether() {
        Tensor a = tensor(DataType.FLOAT32, dims(2, 1), 1, 2);
        Tensor b = tensor(DataType.FLOAT32, dims(1, 3), 10, 20, 30);
        Tensor c = scalar(DataType.FLOAT32, 100);
        Tensor out = run(sum, a, b, c);
        assertThat(out.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(out.toFloatArray()).containsExactly(111, 121, 131, 112, 122, 132);
    }

    @Test
    void float64AndInfinities() {
        assertThat(values(run(
                        sum,
                        vector(DataType.FLOAT64, 1e300, Double.POSITIVE_INFINITY),
                        vector(DataType.FLOAT64, 1e300, Double.NEGATIVE_INFINITY))))
                .containsExactly(2e300, Double.NaN);
    }

    @Test
    void emptyInputs() {
        Tensor a = Tensor.allocate(TensorType.of(DataType.FLOAT32, 0));
        assertThat(run(sum, a, a).shape()).isEqualTo(Shape.of(0));
    }

    @Test
    void errorPaths() {
        assertRejects(sum, Node.builder("Sum").name("s").build(), "inputs");
        assertRejects(sum, node("Sum", floats(1), vector(DataType.FLOAT64, 1)).build(), "float64");
        assertRejects(sum, node("Sum", floats(1, 2), floats(1), floats(1, 2, 3)).build(), "broadcast");
        assertRejects(sum, node("Sum", vector(DataType.INT32, 1)).build(), "int32");
        assertRejects(sum, node("Sum", floats(1), null, floats(1)).build(), "missing");
    }
}
