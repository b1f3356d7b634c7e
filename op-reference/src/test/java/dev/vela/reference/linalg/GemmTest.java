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

class GemmTest {

    private final Gemm gemm = new Gemm();

    // A = [[1,2,3],[4,5,6]], B = [[1,2],[3,4],[5,6]]: A*B = [[22,28],[49,64]]
    private final Tensor a = floats(dims(2, 3), 1, 2, 3, 4, 5, 6);
    private final Tensor b = floats(dims(3, 2), 1, 2, 3, 4, 5, 6);

    @Test
    void multipliesWithDefaultsAndNoBias() {
        Tensor y = run(gemm, node("Gemm", 13, a, b).build(), a, b);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 2));
        assertThat(y.toFloatArray()).containsExactly(22, 28, 49, 64);
    }

    @Test
    void addsRowVectorBias() {
        Tensor c = floats(dims(1, 2), 100, 200);
        Tensor y = run(gemm, node("Gemm", 13, a, b, c).build(), a, b, c);
        assertThat(y.toFloatArray()).containsExactly(122, 228, 149, 264);
    }

    @Test
    void broadcastsColumnScalarAndOneDimensionalBias() {
        Tensor column = floats(dims(2, 1), 1, 2);
        assertThat(run(gemm, node("Gemm", 13, a, b, column).build(), a, b, column)
                        .toFloatArray())
                .containsExactly(23, 29, 51, 66);
        Tensor scalar = Tensor.ofFloats(Shape.scalar(), 10);
        assertThat(run(gemm, node("Gemm", 13, a, b, scalar).build(), a, b, scalar)
                        .toFloatArray())
                .containsExactly(32, 38, 59, 74);
        Tensor vector = floats(dims(2), -1, 1);
        assertThat(run(gemm, node("Gemm", 13, a, b, vector).build(), a, b, vector)
                        .toFloatArray())
                .containsExactly(21, 29, 48, 65);
        Tensor full = floats(dims(2, 2), 1, 2, 3, 4);
        assertThat(run(gemm, node("Gemm", 13, a, b, full).build(), a, b, full).toFloatArray())
                .containsExactly(23, 30, 52, 68);
    }

    @Test
    void appliesTransposesAlphaAndBeta() {
        Tensor at = floats(dims(3, 2), 1, 4, 2, 5, 3, 6); // A transposed
        Tensor bt = floats(dims(2, 3), 1, 3, 5, 2, 4, 6); // B transposed
        Tensor c = floats(dims(1, 2), 10, 20);
        Node n = node("Gemm", 13, at, bt, c)
                .attr("transA", 1L)
                .attr("transB", 1L)
                .attr("alpha", 0.5f)
                .attr("beta", 2f)
                .build();
        // 0.5 * [[22,28],[49,64]] + 2 * [10,20]
        assertThat(run(gemm, n, at, bt, c).toFloatArray()).containsExactly(31, 54, 44.5f, 72);
    }

    @Test
    void olderOpsetsBroadcastTheBiasToo() {
        // opset 6 names unidirectional broadcasting with the 'broadcast' attribute; it changes nothing here
        Tensor c = floats(dims(2), 100, 200);
        Tensor y = run(gemm, node("Gemm", 6, a, b, c).attr("broadcast", 1L).build(), a, b, c);
        assertThat(y.toFloatArray()).containsExactly(122, 228, 149, 264);
    }

    @Test
    void zeroBetaIgnoresC() {
        Tensor c = floats(dims(1, 2), Float.NaN, Float.POSITIVE_INFINITY);
        Tensor y = run(gemm, node("Gemm", 13, a, b, c).attr("beta", 0f).build(), a, b, c);
        assertThat(y.toFloatArray()).containsExactly(22, 28, 49, 64);
    }

    @Test
    void emptyInnerDimensionGivesBiasOnly() {
        Tensor a0 = Tensor.allocate(TensorType.of(DataType.FLOAT32, 2, 0));
        Tensor b0 = Tensor.allocate(TensorType.of(DataType.FLOAT32, 0, 3));
        Tensor c = floats(dims(3), 1, 2, 3);
        Tensor y = run(gemm, node("Gemm", 13, a0, b0, c).build(), a0, b0, c);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(y.toFloatArray()).containsExactly(1, 2, 3, 1, 2, 3);
    }

    @Test
    void computesFloat64AndFloat16() {
        Tensor a64 = Tensor.allocate(TensorType.of(DataType.FLOAT64, 1, 2));
        a64.doubles().put(new double[] {0.1, 0.2});
        Tensor b64 = Tensor.allocate(TensorType.of(DataType.FLOAT64, 2, 1));
        b64.doubles().put(new double[] {3, 4});
        Tensor y64 = run(gemm, node("Gemm", 13, a64, b64).build(), a64, b64);
        assertThat(y64.dataType()).isEqualTo(DataType.FLOAT64);
        assertThat(y64.getDouble(0)).isEqualTo(0.1 * 3 + 0.2 * 4);

        Tensor a16 = Tensor.allocate(TensorType.of(DataType.FLOAT16, 1, 2));
        a16.setDouble(0, 1.5);
        a16.setDouble(1, -2);
        Tensor b16 = Tensor.allocate(TensorType.of(DataType.FLOAT16, 2, 1));
        b16.setDouble(0, 4);
        b16.setDouble(1, 0.25);
        Tensor y16 = run(gemm, node("Gemm", 13, a16, b16).build(), a16, b16);
        assertThat(y16.dataType()).isEqualTo(DataType.FLOAT16);
        assertThat(y16.getDouble(0)).isEqualTo(5.5);
    }

    @Test
    void refusesInnerDimensionMismatchNamingBothShapes() {
        Tensor bad = floats(dims(4, 2), new float[8]);
        Node n = node("Gemm", 13, a, bad).name("fc1").build();
        assertThatThrownBy(() -> gemm.prepare(n))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("fc1")
                .hasMessageContaining("[2x3]")
                .hasMessageContaining("[4x2]");
        assertThat(gemm.supports(n).isSupported()).isFalse();
    }

    @Test
    void refusesBiasThatDoesNotBroadcast() {
        Tensor c = floats(dims(3), 1, 2, 3);
        Node n = node("Gemm", 13, a, b, c).build();
        assertThatThrownBy(() -> gemm.prepare(n))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("C [3]")
                .hasMessageContaining("[2x2]");
        Tensor c3 = floats(dims(1, 1, 2), 1, 2);
        assertThatThrownBy(() -> gemm.prepare(node("Gemm", 13, a, b, c3).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("C [1x1x2]");
    }

    @Test
    void refusesNonMatrixOperandsAndMixedTypes() {
        Tensor v = floats(dims(3), 1, 2, 3);
        assertThatThrownBy(() -> gemm.prepare(node("Gemm", 13, v, b).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("rank 2");
        Tensor i = Tensor.ofInts(Shape.of(3, 2), 1, 2, 3, 4, 5, 6);
        assertThatThrownBy(() -> gemm.prepare(node("Gemm", 13, a, i).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("int32");
    }
}
