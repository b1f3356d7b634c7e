package dev.vela.reference.quantized;

import static dev.vela.reference.quantized.QuantTesting.int16;
import static dev.vela.reference.quantized.QuantTesting.int32;
import static dev.vela.reference.quantized.QuantTesting.int8;
import static dev.vela.reference.quantized.QuantTesting.node;
import static dev.vela.reference.quantized.QuantTesting.run1;
import static dev.vela.reference.quantized.QuantTesting.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class QuantizedSvdfTest {

    private final QuantizedSvdf svdf = new QuantizedSvdf();

    @Test
    void shiftsTheStateProjectsAndFiltersInTime() {
        Tensor x = int8(Shape.of(1, 2), 1f, 0, 3, -2);
        Tensor wf = int8(Shape.of(2, 2), 1f, 0, 1, 1, 2, 0);
        Tensor wt = int16(Shape.of(2, 2), 0.5f, 1, 2, 3, -1);
        Tensor b = int32(Shape.of(2), Quantization.perTensor(0.5f, 0), 5, 0);
        Tensor state = int16(Shape.of(1, 4), 1f, 10, 20, 30, 40);
        Node n =
                node("tflite:SVDF", 1f, 0, x, wf, wt, b, state).attr("rank", 1L).build();
        // state after shift and projection: [20, 1 | 40, 6]; units: 5 + 20 + 2 = 27, 120 - 6 = 114; * 0.5
        assertThat(values(run1(svdf, n, x, wf, wt, b, state))).containsExactly(14, 57);
    }

    @Test
    void rankTwoSumsTheFiltersOfAUnit() {
        Tensor x = int8(Shape.of(1, 1), 1f, 0, 2);
        Tensor wf = int8(Shape.of(2, 1), 1f, 0, 1, 3);
        Tensor wt = int16(Shape.of(2, 1), 1f, 1, 1);
        Tensor state = int16(Shape.of(1, 2), 1f, 0, 0);
        Node n = node("tflite:SVDF", 1f, 0, x, wf, wt, null, state)
                .attr("rank", 2L)
                .build();
        assertThat(values(run1(svdf, n, x, wf, wt, null, state))).containsExactly(8);
    }

    @Test
    void refusesBiasWithAnotherScale() {
        Tensor x = int8(Shape.of(1, 1), 1f, 0, 2);
        Tensor wf = int8(Shape.of(1, 1), 1f, 0, 1);
        Tensor wt = int16(Shape.of(1, 1), 0.5f, 1);
        Tensor b = int32(Shape.of(1), Quantization.perTensor(0.25f, 0), 1);
        Tensor state = int16(Shape.of(1, 1), 1f, 0);
        Node n = node("tflite:SVDF", 1f, 0, x, wf, wt, b, state).build();
        assertThatThrownBy(() -> svdf.prepare(n))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("svdf_under_test")
                .hasMessageContaining("bias");
    }
}
