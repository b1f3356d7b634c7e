package dev.vela.reference.quantized;

import static dev.vela.reference.quantized.QuantTesting.int16;
import static dev.vela.reference.quantized.QuantTesting.int32;
import static dev.vela.reference.quantized.QuantTesting.int64;
import static dev.vela.reference.quantized.QuantTesting.int8;
import static dev.vela.reference.quantized.QuantTesting.node;
import static dev.vela.reference.quantized.QuantTesting.q;
import static dev.vela.reference.quantized.QuantTesting.run1;
import static dev.vela.reference.quantized.QuantTesting.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class QuantizedFullyConnectedTest {

    private final QuantizedFullyConnected gemm = new QuantizedFullyConnected("Gemm");
    private final QuantizedFullyConnected matmul = new QuantizedFullyConnected("MatMul");

    // A - zp = [2, -2]; W rows [1, 2] and [3, -4]
    private static final Tensor A = int8(Shape.of(1, 2), 0.5f, 1, 3, -1);

    @Test
    void gemmTransBPerTensorWithBias() {
        Tensor w = int8(Shape.of(2, 2), 0.5f, 0, 1, 2, 3, -4);
        Tensor b = int32(Shape.of(2), Quantization.perTensor(0.25f, 0), 1, 0);
        Node n = node("Gemm", 0.25f, 0, A, w, b).attr("transB", 1L).build();
        // multiplier float(0.5 * 0.5) / 0.25 = 1: [2 - 4 + 1, 6 + 8]
        Tensor y = run1(gemm, n, A, w, b);
        assertThat(y.shape()).isEqualTo(Shape.of(1, 2));
        assertThat(values(y)).containsExactly(-1, 14);
    }

    @Test
    void gemmPerChannelAndRelu() {
        Tensor w = q(
                DataType.INT8,
                Shape.of(2, 2),
                Quantization.perAxis(0, new float[] {0.5f, 0.25f}, new long[] {0, 0}),
                1,
                2,
                3,
                -4);
        Node n = node("Gemm", 0.25f, 0, A, w)
                .attr("transB", 1L)
                .attr("activation", "Relu")
                .build();
        // channel 0: -2 * 1.0 -> clamped by Relu at 0; channel 1: 14 * 0.5 = 7
        assertThat(values(run1(gemm, n, A, w))).containsExactly(0, 7);
    }

    @Test
    void matMulBatchedWithUntransposedWeights() {
        Tensor a = int8(Shape.of(2, 1, 2), 1f, 0, 1, 2, 3, 4);
        Tensor w = int8(Shape.of(2, 3), 1f, 0, 1, 0, -1, 1, 1, 1);
        Tensor y = run1(matmul, node("MatMul", 1f, 0, a, w).build(), a, w);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 1, 3));
        assertThat(values(y)).containsExactly(3, 2, 1, 7, 4, 1);
    }

    @Test
    void int16x8WithInt64Bias() {
        Tensor a = int16(Shape.of(1, 2), 0.5f, 1000, -3000);
        Tensor w = int8(Shape.of(1, 2), 0.25f, 0, 100, 50);
        Tensor b = int64(Shape.of(1), null, 20001);
        Node n = node("Gemm", 1f, 0, a, w, b).attr("transB", 1L).build();
        assertThat(values(run1(gemm, n, a, w, b))).containsExactly(-3750);
    }

    @Test
    void refusesTransAWrongAxisAndMismatchedBiasScale() {
        Tensor w = int8(Shape.of(2, 2), 0.5f, 0, 1, 2, 3, -4);
        assertThatThrownBy(() -> gemm.prepare(
                        node("Gemm", 1f, 0, A, w).attr("transA", 1L).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("gemm_under_test")
                .hasMessageContaining("transA");
        Tensor wAxis0 = q(
                DataType.INT8,
                Shape.of(2, 2),
                Quantization.perAxis(0, new float[] {0.5f, 0.25f}, new long[] {0, 0}),
                1,
                2,
                3,
                -4);
        assertThatThrownBy(() -> matmul.prepare(node("MatMul", 1f, 0, A, wAxis0).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("matmul_under_test")
                .hasMessageContaining("axis 0")
                .hasMessageContaining("expected axis 1");
        Tensor b = int32(Shape.of(2), Quantization.perTensor(0.5f, 0), 1, 0);
        assertThatThrownBy(() -> gemm.prepare(
                        node("Gemm", 1f, 0, A, w, b).attr("transB", 1L).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("bias");
    }
}
