package dev.vela.reference.quantized;

import static dev.vela.reference.quantized.QuantTesting.int16;
import static dev.vela.reference.quantized.QuantTesting.int32;
import static dev.vela.reference.quantized.QuantTesting.int64;
import static dev.vela.reference.quantized.QuantTesting.int8;
import static dev.vela.reference.quantized.QuantTesting.node;
import static dev.vela.reference.quantized.QuantTesting.q;
import static dev.vela.reference.quantized.QuantTesting.run1;
import static dev.vela.reference.quantized.QuantTesting.uint8;
import static dev.vela.reference.quantized.QuantTesting.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

/**
 * Quantized Conv against hand-computed TFLite arithmetic: acc = sum (x - zp_x) * w + bias, then
 * MultiplyByQuantizedMultiplier with the per-channel multiplier, + zp_y, clamp.
 */
class QuantizedConvTest {

    private final QuantizedConv conv = new QuantizedConv();

    // x - zp_x = [[2,3,4],[5,6,7],[8,9,10]]; m0 = diagonal 2x2 (scale 0.5), m1 = ones (scale 0.25)
    private static final long[] X = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    private static final long[] W = {1, 0, 0, 1, 1, 1, 1, 1};
    private static final Quantization W_Q = Quantization.perAxis(0, new float[] {0.5f, 0.25f}, new long[] {0, 0});
    private static final Quantization B_Q = Quantization.perAxis(0, new float[] {0.5f, 0.25f}, new long[] {0, 0});

    private Node.Builder perChannel(String layout, Shape xs, Shape ws) {
        Tensor x = int8(xs, 1f, -1, X);
        Tensor w = q(DataType.INT8, ws, W_Q, W);
        Tensor b = int32(Shape.of(2), B_Q, 1, -2);
        return node("Conv", 1f, 3, x, w, b).attr("data_format", layout);
    }

    @Test
    void perChannelInt8Nhwc() {
        Node n = perChannel("NHWC", Shape.of(1, 3, 3, 1), Shape.of(2, 2, 2, 1)).build();
        Tensor y = run1(
                conv,
                n,
                n.inputValue(0).get(),
                n.inputValue(1).get(),
                n.inputValue(2).get());
        // m0: (9, 11, 15, 17) * 0.5 rounded half up -> 5, 6, 8, 9; m1: (14, 18, 26, 30) * 0.25 -> 4, 5, 7, 8; + 3
        assertThat(y.type())
                .isEqualTo(TensorType.quantized(DataType.INT8, Shape.of(1, 2, 2, 2), Quantization.perTensor(1f, 3)));
        assertThat(values(y)).containsExactly(8, 7, 9, 8, 11, 10, 12, 11);
    }

    @Test
    void perChannelInt8Nchw() {
        Node n = perChannel("NCHW", Shape.of(1, 1, 3, 3), Shape.of(2, 1, 2, 2)).build();
        Tensor y = run1(
                conv,
                n,
                n.inputValue(0).get(),
                n.inputValue(1).get(),
                n.inputValue(2).get());
        assertThat(y.shape()).isEqualTo(Shape.of(1, 2, 2, 2));
        assertThat(values(y)).containsExactly(8, 9, 11, 12, 7, 8, 10, 11);
    }

    @Test
    void fusedRelu6ClampsInTheQuantizedDomain() {
        Node n = perChannel("NHWC", Shape.of(1, 3, 3, 1), Shape.of(2, 2, 2, 1))
                .attr("activation", "Clip")
                .attr("activation_params", 0f, 6f)
                .build();
        Tensor y = run1(
                conv,
                n,
                n.inputValue(0).get(),
                n.inputValue(1).get(),
                n.inputValue(2).get());
        // act range [3 + round(0/1), 3 + round(6/1)] = [3, 9]
        assertThat(values(y)).containsExactly(8, 7, 9, 8, 9, 9, 9, 9);
    }

    @Test
    void perChannelWithOneChannel() {
        Tensor x = int8(Shape.of(1, 1, 2, 1), 0.5f, 0, 3, -5);
        Tensor w =
                q(DataType.INT8, Shape.of(1, 1, 1, 1), Quantization.perAxis(0, new float[] {0.5f}, new long[] {0}), 1);
        Node n = node("Conv", 0.25f, 0, x, w).attr("data_format", "NHWC").build();
        // multiplier 0.5*0.5/0.25 = 1.0 -> exact
        assertThat(values(run1(conv, n, x, w))).containsExactly(3, -5);
    }

    @Test
    void depthwiseWithMultiplierTwoSaturatesAtBothEnds() {
        Tensor x = int8(Shape.of(1, 2, 2, 2), 1f, 0, 1, 10, 2, 20, 3, 30, 4, 50);
        Tensor w = int8(Shape.of(4, 1, 1, 1), 1f, 0, 1, 2, 3, -3);
        Node n = node("Conv", 1f, 0, x, w)
                .attr("data_format", "NHWC")
                .attr("group", 2L)
                .build();
        Tensor y = run1(conv, n, x, w);
        assertThat(y.shape()).isEqualTo(Shape.of(1, 2, 2, 4));
        assertThat(values(y)).containsExactly(1, 2, 30, -30, 2, 4, 60, -60, 3, 6, 90, -90, 4, 8, 127, -128);
    }

    @Test
    void samePaddingSkipsOutOfBoundsTaps() {
        Tensor x = int8(Shape.of(1, 2, 2, 1), 1f, 0, 1, 2, 3, 4);
        Tensor w = int8(Shape.of(1, 3, 3, 1), 1f, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        Node n = node("Conv", 1f, 0, x, w)
                .attr("data_format", "NHWC")
                .attr("auto_pad", "SAME_UPPER")
                .build();
        assertThat(values(run1(conv, n, x, w))).containsExactly(10, 10, 10, 10);
        Node strided = node("Conv", 1f, 0, x, w)
                .attr("data_format", "NHWC")
                .attr("pads", 0, 0, 1, 1)
                .attr("strides", 2, 2)
                .build();
        Tensor y = run1(conv, strided, x, w);
        assertThat(y.shape()).isEqualTo(Shape.of(1, 1, 1, 1));
        assertThat(values(y)).containsExactly(10);
    }

    @Test
    void int16x8WithInt64BiasUsesTheWideMultiplier() {
        Tensor x = int16(Shape.of(1, 1, 1, 2), 0.5f, 1000, -3000);
        Tensor w = q(
                DataType.INT8,
                Shape.of(2, 1, 1, 2),
                Quantization.perAxis(0, new float[] {0.25f, 0.25f}, new long[] {0, 0}),
                100,
                50,
                -127,
                127);
        Tensor b = int64(Shape.of(2), Quantization.perTensor(0.125f, 0), 20001, 0);
        Node n = node("Conv", 1f, 0, x, w, b).attr("data_format", "NHWC").build();
        // m0: -29999 * 0.125 = -3749.875 -> (x * 16384 + 2^16) >> 17 = -3750; m1: -508000 * 0.125 saturates
        Tensor y = run1(conv, n, x, w, b);
        assertThat(y.dataType()).isEqualTo(DataType.INT16);
        assertThat(values(y)).containsExactly(-3750, -32768);
    }

    @Test
    void int16x8WithInt32BiasAccumulatesIn32Bits() {
        Tensor x = int16(Shape.of(1, 1, 1, 2), 0.5f, 1000, -3000);
        Tensor w = int8(Shape.of(1, 1, 1, 2), 0.25f, 0, 100, 50);
        Tensor b = int32(Shape.of(1), null, 20001);
        Node n = node("Conv", 1f, 0, x, w, b).attr("data_format", "NHWC").build();
        // SRDHM(-29999, 2^30) = -14999, RoundingDivideByPOT(-14999, 2) = -3750
        assertThat(values(run1(conv, n, x, w, b))).containsExactly(-3750);
    }

    @Test
    void uint8UsesWeightZeroPoint() {
        Tensor x = uint8(Shape.of(1, 1, 1, 2), 0.5f, 128, 130, 120);
        Tensor w = uint8(Shape.of(1, 1, 1, 2), 0.5f, 100, 110, 90);
        Node n = node("Conv", 0.25f, 10, x, w).attr("data_format", "NHWC").build();
        // (2 * 10) + (-8 * -10) = 100, multiplier 1.0, + 10
        assertThat(values(run1(conv, n, x, w))).containsExactly(110);
    }

    @Test
    void extremeScalesAndZeroPoints() {
        // real multiplier 1e-20 < 2^-31 flushes to (0, 0): every output is the zero point 127
        Tensor x = int8(Shape.of(1, 1, 2, 1), 1e-10f, -128, 127, -128);
        Tensor w = int8(Shape.of(1, 1, 1, 1), 1e-10f, 0, 127);
        assertThat(values(run1(
                        conv,
                        node("Conv", 1f, 127, x, w).attr("data_format", "NHWC").build(),
                        x,
                        w)))
                .containsExactly(127, 127);
        // real multiplier 1e6 (shift 20): an accumulator of 1 saturates high, 0 stays at zp -128
        Tensor x2 = int8(Shape.of(1, 1, 2, 1), 1f, -128, -127, -128);
        Tensor w2 = int8(Shape.of(1, 1, 1, 1), 1f, 0, 1);
        assertThat(values(run1(
                        conv,
                        node("Conv", 1e-6f, -128, x2, w2)
                                .attr("data_format", "NHWC")
                                .build(),
                        x2,
                        w2)))
                .containsExactly(127, -128);
        // -1 * 1e6 saturates low
        Tensor x3 = int8(Shape.of(1, 1, 1, 1), 1f, 0, -1);
        assertThat(values(run1(
                        conv,
                        node("Conv", 1e-6f, 0, x3, w2)
                                .attr("data_format", "NHWC")
                                .build(),
                        x3,
                        w2)))
                .containsExactly(-128);
    }

    @Test
    void refusesBiasScaleThatIsNotInputTimesWeightScale() {
        Tensor x = int8(Shape.of(1, 1, 1, 1), 1f, 0, 1);
        Tensor w = int8(Shape.of(1, 1, 1, 1), 0.5f, 0, 1);
        Tensor b = int32(Shape.of(1), Quantization.perTensor(0.3f, 0), 1);
        Node n = node("Conv", 1f, 0, x, w, b).attr("data_format", "NHWC").build();
        assertThatThrownBy(() -> conv.prepare(n))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("conv_under_test")
                .hasMessageContaining("bias")
                .hasMessageContaining("0.5");
        assertThat(conv.supports(n).isSupported()).isFalse();
    }

    @Test
    void refusesPerAxisWeightsOnTheWrongAxis() {
        Tensor x = int8(Shape.of(1, 3, 3, 1), 1f, 0, X);
        Tensor w = q(
                DataType.INT8,
                Shape.of(2, 2, 2, 1),
                Quantization.perAxis(1, new float[] {0.5f, 0.25f}, new long[] {0, 0}),
                W);
        Node n = node("Conv", 1f, 0, x, w).attr("data_format", "NHWC").build();
        assertThatThrownBy(() -> conv.prepare(n))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("conv_under_test")
                .hasMessageContaining("axis 1");
    }

    @Test
    void refusesMissingQuantizationFloatInputsAndMissingOutputParameters() {
        Tensor x = int8(Shape.of(1, 1, 1, 1), 1f, 0, 1);
        Tensor plainW = Tensor.ofBytes(TensorType.of(DataType.INT8, 1, 1, 1, 1), (byte) 1);
        Node noWq = node("Conv", 1f, 0, x, plainW).attr("data_format", "NHWC").build();
        assertThatThrownBy(() -> conv.prepare(noWq))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("conv_under_test")
                .hasMessageContaining("no quantization");
        Tensor fx = Tensor.ofFloats(Shape.of(1, 1, 1, 1), 1f);
        Tensor w = int8(Shape.of(1, 1, 1, 1), 1f, 0, 1);
        Node floatIn = node("Conv", 1f, 0, fx, w).attr("data_format", "NHWC").build();
        assertThatThrownBy(() -> conv.prepare(floatIn))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("float32")
                .hasMessageContaining("float kernel");
        Node noOut = Node.builder("Conv")
                .name("c9")
                .constantInput(x)
                .constantInput(w)
                .attr("data_format", "NHWC")
                .build();
        assertThatThrownBy(() -> conv.prepare(noOut))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("c9")
                .hasMessageContaining("output_scale");
    }

    @Test
    void refusesAsymmetricInt8WeightsAndNonZeroInt16ZeroPoints() {
        Tensor x = int8(Shape.of(1, 1, 1, 1), 1f, 0, 1);
        Tensor w = int8(Shape.of(1, 1, 1, 1), 1f, 3, 1);
        assertThatThrownBy(() -> conv.prepare(
                        node("Conv", 1f, 0, x, w).attr("data_format", "NHWC").build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("symmetric");
        Tensor x16 = q(DataType.INT16, Shape.of(1, 1, 1, 1), Quantization.perTensor(1f, 5), 1);
        Tensor w8 = int8(Shape.of(1, 1, 1, 1), 1f, 0, 1);
        assertThatThrownBy(() -> conv.prepare(
                        node("Conv", 1f, 0, x16, w8).attr("data_format", "NHWC").build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("zero point 0");
    }

    @Test
    void claimsOnlyQuantizedTypes() {
        assertThat(conv.claims())
                .allMatch(c -> c.dataType() == DataType.INT8
                        || c.dataType() == DataType.UINT8
                        || c.dataType() == DataType.INT16);
    }
}
