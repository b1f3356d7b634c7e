package dev.vela.reference.elementwise;

import static dev.vela.reference.elementwise.Ops.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class MinTest {

    private final Min min = new Min();

    @Test
    void threeInputs() {
        // ONNX test_min_example inputs: [3,2,1], [1,4,4], [2,5,3]
        Tensor out = run(min, floats(3, 2, 1), floats(1, 4, 4), floats(2, 5, 3));
        assertThat(out.toFloatArray()).containsExactly(1, 2, 1);
    }

    @Test
    void oneInputIsCopied() {
        assertThat(run(min, floats(3, 2, 1)).toFloatArray()).containsExactly(3, 2, 1);
    }

    @Test
    void nanPropagatesLikeNumpy() {
        Tensor out = run(min, floats(Float.NaN, 1, 1), floats(0, Float.NaN, 2));
        assertThat(out.toFloatArray()).containsExactly(Float.NaN, Float.NaN, 1);
    }

    @Test
    void tiesKeepTheFirstOperandLikeNumpy() {
        assertThat(run(min, floats(-0f, 0f), floats(0f, -0f)).toFloatArray()).containsExactly(-0f, 0f);
    }

    @Test
    void broadcasts() {
        Tensor a = tensor(DataType.FLOAT32, dims(2, 2), 3, 2, 1, 4);
        Tensor b = tensor(DataType.FLOAT32, dims(2, 1), 1, 5);
        Tensor c = floats(2, 3);
        Tensor out = run(min, a, b, c);
        assertThat(out.shape()).isEqualTo(Shape.of(2, 2));
        // per element: {3,1,2} {2,1,3} {1,5,2} {4,5,3}
        assertThat(out.toFloatArray()).containsExactly(1, 1, 1, 3);
    }

    @Test
    void integerTypes() {
        assertThat(longs(run(min, vector(DataType.INT8, -1, 100), vector(DataType.INT8, -128, -100))))
                .containsExactly(-128, -100);
        assertThat(longs(run(min, vector(DataType.INT16, -1, 200), vector(DataType.INT16, -128, 100))))
                .containsExactly(-128, 100);
        Tensor big = vector(DataType.UINT64, 0, 0);
        big.setLong(0, -1L); // 2^64 - 1 must compare as the largest uint64
        big.setLong(1, 0);
        assertThat(longs(run(min, big, vector(DataType.UINT64, 1, 1)))).containsExactly(1L, 0L);
        assertThat(values(run(min, vector(DataType.FLOAT16, 0.5, -2), vector(DataType.FLOAT16, 0.25, -3))))
                .containsExactly(0.25, -3);
    }

    @Test
    void errorPaths() {
        assertRejects(min, Node.builder("Min").name("n").build(), "inputs");
        assertRejects(min, node("Min", floats(1), vector(DataType.INT32, 1)).build(), "int32");
        assertRejects(min, node("Min", floats(1, 2), floats(1, 2, 3)).build(), "broadcast");
        assertRejects(min, node("Min", vector(DataType.BOOL, 1)).build(), "bool");
    }
}
