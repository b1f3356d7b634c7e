package dev.vela.reference.quantized;

import static dev.vela.reference.quantized.QuantTesting.int16;
import static dev.vela.reference.quantized.QuantTesting.int32;
import static dev.vela.reference.quantized.QuantTesting.int64;
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

class QuantizedConvTransposeTest {

    private final QuantizedConvTranspose convT = new QuantizedConvTranspose();
    private final Tensor x = int8(Shape.of(1, 1, 2, 1), 1f, 0, 1, 2);
    private final Tensor w = int8(Shape.of(1, 1, 2, 1), 1f, 0, 1, 3); // [O, kH, kW, I]

    @Test
    void scattersEachInputIntoItsWindow() {
        Node s2 = node("ConvTranspose", 1f, 0, x, w)
                .attr("data_format", "NHWC")
                .attr("strides", 1, 2)
                .build();
        Tensor y = run1(convT, s2, x, w);
        assertThat(y.shape()).isEqualTo(Shape.of(1, 1, 4, 1));
        assertThat(values(y)).containsExactly(1, 3, 2, 6);
        Tensor b = int32(Shape.of(1), Quantization.perTensor(1f, 0), 10);
        Node s1 = node("ConvTranspose", 1f, 0, x, w, b)
                .attr("data_format", "NHWC")
                .build();
        assertThat(values(run1(convT, s1, x, w, b))).containsExactly(11, 15, 16);
    }

    @Test
    void requantizesAndCropsWithPads() {
        // multiplier 0.5: 1 -> 0.5 -> 1, 5 -> 2.5 -> 3, 6 -> 3
        Node n = node("ConvTranspose", 2f, 0, x, w).attr("data_format", "NHWC").build();
        assertThat(values(run1(convT, n, x, w))).containsExactly(1, 3, 3);
        Node padded = node("ConvTranspose", 1f, 0, x, w)
                .attr("data_format", "NHWC")
                .attr("pads", 0, 1, 0, 1)
                .build();
        assertThat(values(run1(convT, padded, x, w))).containsExactly(5);
    }

    @Test
    void int16x8WithInt64Bias() {
        Tensor x16 = int16(Shape.of(1, 1, 2, 1), 0.5f, 1000, -30000);
        Tensor w8 = int8(Shape.of(1, 1, 1, 1), 0.25f, 0, 127);
        Tensor b = int64(Shape.of(1), null, 1);
        Node n = node("ConvTranspose", 1f, 0, x16, w8, b)
                .attr("data_format", "NHWC")
                .build();
        // (127000 + 1) * 0.125 = 15875.125 -> 15875; -3810000 * 0.125 saturates
        assertThat(values(run1(convT, n, x16, w8, b))).containsExactly(15875, -32768);
    }

    @Test
    void refusesGroupsAndUnquantizedInput() {
        Node g = node("ConvTranspose", 1f, 0, x, w)
                .attr("data_format", "NHWC")
                .attr("group", 2L)
                .build();
        assertThatThrownBy(() -> convT.prepare(g))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("convtranspose_under_test")
                .hasMessageContaining("group");
    }
}
