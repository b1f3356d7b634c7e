package dev.vela.reference.linalg;

import static dev.vela.reference.linalg.Fixtures.dims;
import static dev.vela.reference.linalg.Fixtures.floats;
import static dev.vela.reference.linalg.Fixtures.node;
import static dev.vela.reference.linalg.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

class MatMulTest {

    private final MatMul matmul = new MatMul();

    private Tensor mul(Tensor a, Tensor b) {
        return run(matmul, node("MatMul", 13, a, b).build(), a, b);
    }

    @Test
    void multipliesMatrices() {
        Tensor y = mul(floats(dims(2, 3), 1, 2, 3, 4, 5, 6), floats(dims(3, 2), 1, 2, 3, 4, 5, 6));
        assertThat(y.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(y.toFloatArray()).containsExactly(22, 28, 49, 64);
    }

    @Test
    void vectorTimesVectorIsAScalar() {
        Tensor y = mul(floats(dims(3), 1, 2, 3), floats(dims(3), 4, 5, 6));
        assertThat(y.shape()).isEqualTo(Shape.scalar());
        assertThat(y.toFloatArray()).containsExactly(32);
    }

    @Test
    void vectorOperandsDropTheirUnitDimension() {
        // [2] x [2x2x3]: row vector times each batch matrix -> [2x3]
        Tensor b = floats(dims(2, 2, 3), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        Tensor left = mul(floats(dims(2), 1, -1), b);
        assertThat(left.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(left.toFloatArray()).containsExactly(-3, -3, -3, -3, -3, -3);
        // [2x2x3] x [3]: each batch matrix times a column vector -> [2x2]
        Tensor right = mul(b, floats(dims(3), 1, 0, 1));
        assertThat(right.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(right.toFloatArray()).containsExactly(4, 10, 16, 22);
    }

    @Test
    void broadcastsBatchDimensions() {
        // A [2x1x1x2] (batches a0, a1), B [3x2x1] (batches b0, b1, b2): out [2x3x1x1], out[i][j] = ai . bj
        Tensor a = floats(dims(2, 1, 1, 2), 1, 2, 3, 4);
        Tensor b = floats(dims(3, 2, 1), 1, 0, 0, 1, 1, 1);
        Tensor y = mul(a, b);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 3, 1, 1));
        assertThat(y.toFloatArray()).containsExactly(1, 2, 3, 3, 4, 7);
    }

    @Test
    void matrixTimesBatchReusesTheMatrix() {
        Tensor a = floats(dims(1, 2), 1, 2);
        Tensor b = floats(dims(2, 2, 1), 1, 1, 10, 100);
        Tensor y = mul(a, b);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 1, 1));
        assertThat(y.toFloatArray()).containsExactly(3, 210);
    }

    @Test
    void emptyInnerDimensionGivesZeros() {
        Tensor a = Tensor.allocate(TensorType.of(DataType.FLOAT32, 2, 0));
        Tensor b = Tensor.allocate(TensorType.of(DataType.FLOAT32, 0, 2));
        Tensor y = mul(a, b);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(y.toFloatArray()).containsExactly(0, 0, 0, 0);
        Tensor noRows = mul(Tensor.allocate(TensorType.of(DataType.FLOAT32, 0, 3)), floats(dims(3, 2), new float[6]));
        assertThat(noRows.shape()).isEqualTo(Shape.of(0, 2));
    }

    @Test
    void accumulatesInDouble() {
        // a float accumulator gives 1e8 + 1 = 1e8, then 0 after subtracting 1e8
        Tensor y = mul(floats(dims(1, 3), 1e8f, 1, -1e8f), floats(dims(3, 1), 1, 1, 1));
        assertThat(y.toFloatArray()).containsExactly(1);
    }

    @Test
    void integerProductsWrapLikeNumpy() {
        Tensor a = Tensor.ofInts(Shape.of(1, 2), Integer.MAX_VALUE, 3);
        Tensor b = Tensor.ofInts(Shape.of(2, 1), 2, -4);
        Tensor y = mul(a, b);
        assertThat(y.dataType()).isEqualTo(DataType.INT32);
        assertThat(y.getLong(0)).isEqualTo((int) (2L * Integer.MAX_VALUE - 12));
        Tensor l = mul(Tensor.ofLongs(Shape.of(2), 5_000_000_000L, 1), Tensor.ofLongs(Shape.of(2), 3, -7));
        assertThat(l.getLong(0)).isEqualTo(15_000_000_000L - 7);
    }

    @Test
    void refusesInnerDimensionMismatchNamingBothShapes() {
        Tensor a = floats(dims(2, 3), new float[6]);
        Tensor b = floats(dims(4, 2), new float[8]);
        Node n = node("MatMul", 13, a, b).name("mm").build();
        assertThatThrownBy(() -> matmul.prepare(n))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("mm")
                .hasMessageContaining("[2x3]")
                .hasMessageContaining("[4x2]");
        assertThat(matmul.supports(n).isSupported()).isFalse();
    }

    @Test
    void refusesBatchesThatDoNotBroadcast() {
        Tensor a = floats(dims(2, 1, 2), new float[4]);
        Tensor b = floats(dims(3, 2, 1), new float[6]);
        assertThatThrownBy(() -> matmul.prepare(node("MatMul", 13, a, b).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("[2x1x2]")
                .hasMessageContaining("[3x2x1]")
                .hasMessageContaining("broadcast");
    }

    @Test
    void refusesScalarsAndUnclaimedTypes() {
        Tensor s = Tensor.ofFloats(Shape.scalar(), 2);
        Tensor v = floats(dims(1), 3);
        assertThatThrownBy(() -> matmul.prepare(node("MatMul", 13, s, v).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("rank >= 1");
        Tensor i8 = Tensor.ofBytes(TensorType.of(DataType.INT8, 1, 1), (byte) 1);
        assertThatThrownBy(() -> matmul.prepare(node("MatMul", 13, i8, i8).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("int8");
    }
}
