package dev.vela.reference.quantized;

import static dev.vela.reference.quantized.QuantTesting.int16;
import static dev.vela.reference.quantized.QuantTesting.int8;
import static dev.vela.reference.quantized.QuantTesting.node;
import static dev.vela.reference.quantized.QuantTesting.run1;
import static dev.vela.reference.quantized.QuantTesting.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class QuantizedActivationsTest {

    private static Tensor all8(float scale, long zp) {
        long[] v = new long[256];
        for (int i = 0; i < 256; i++) {
            v[i] = i - 128;
        }
        return int8(Shape.of(256), scale, zp, v);
    }

    @Test
    void reluKeepsParametersAndClampsAtTheZeroPoint() {
        Tensor x = int8(Shape.of(4), 0.5f, -10, -20, -10, 5, 127);
        Node n = Node.builder("Relu").input(x.type()).build();
        Tensor y = run1(new QuantizedClamp("Relu"), n, x);
        assertThat(y.type()).isEqualTo(x.type());
        assertThat(values(y)).containsExactly(-10, -10, 5, 127);
    }

    @Test
    void reluRequantizesToOtherParameters() {
        Tensor x = int8(Shape.of(3), 1f, 0, -5, 3, 100);
        // multiplier 2.0: 3 -> 6 - 128; 100 -> 200 - 128; negatives clamp at zp_out
        assertThat(values(run1(
                        new QuantizedClamp("Relu"), node("Relu", 0.5f, -128, x).build(), x)))
                .containsExactly(-128, -122, 72);
    }

    @Test
    void clipWithFloatAndQuantizedBounds() {
        Tensor x = int8(Shape.of(5), 0.5f, 0, -10, -2, 0, 3, 10);
        Tensor lo = Tensor.ofFloats(Shape.of(), -1f);
        Tensor hi = Tensor.ofFloats(Shape.of(), 2f);
        Node n = Node.builder("Clip")
                .input(x.type())
                .constantInput(lo)
                .constantInput(hi)
                .build();
        assertThat(values(run1(new QuantizedClamp("Clip"), n, x, lo, hi))).containsExactly(-2, -2, 0, 3, 4);
        Tensor qlo = int8(Shape.of(), 0.5f, 0, -2);
        Node nq = Node.builder("Clip")
                .input(x.type())
                .constantInput(qlo)
                .absentInput()
                .build();
        assertThat(values(run1(new QuantizedClamp("Clip"), nq, x, qlo, null))).containsExactly(-2, -2, 0, 3, 10);
        Node runtimeBound = Node.builder("Clip")
                .name("clip3")
                .input(x.type())
                .input(lo.type())
                .build();
        assertThatThrownBy(() -> new QuantizedClamp("Clip").prepare(runtimeBound))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("clip3")
                .hasMessageContaining("constant");
    }

    @Test
    void leakyReluPositiveAndNegativeAlpha() {
        Tensor x = int8(Shape.of(4), 1f, 0, -3, -4, 5, -128);
        // alpha multiplier 0.5 = (2^30, 0): SRDHM(-3) = -1 (-1.5 rounds up), identity 1.0 is exact
        assertThat(values(run1(
                        new QuantizedLeakyRelu(),
                        node("LeakyRelu", 1f, 0, x).attr("alpha", 0.5f).build(),
                        x)))
                .containsExactly(-1, -2, 5, -64);
        assertThat(values(run1(
                        new QuantizedLeakyRelu(),
                        node("LeakyRelu", 1f, 0, x).attr("alpha", -0.5f).build(),
                        x)))
                .containsExactly(1, 2, 5, 64);
        Tensor x16 = int16(Shape.of(2), 1f, -30000, 30000);
        // output scale 0.5: identity multiplier 2 saturates, alpha 0.1 * 2 = 0.2
        assertThat(values(run1(
                        new QuantizedLeakyRelu(),
                        node("LeakyRelu", 0.5f, 0, x16).attr("alpha", 0.1f).build(),
                        x16)))
                .containsExactly(-6000, 32767);
    }

    @Test
    void hardSwishIsWithinOneStepOfTheRealFunction() {
        Tensor x = all8(0.05f, 0);
        Tensor y =
                run1(new QuantizedHardSwish(), node("HardSwish", 0.05f, -10, x).build(), x);
        for (int i = 0; i < 256; i++) {
            double real = (i - 128) * 0.05;
            double hs = real * Math.min(6, Math.max(0, real + 3)) / 6;
            double expected = Math.max(-128, Math.min(127, Math.round(hs / 0.05) - 10));
            assertThat((double) y.getLong(i))
                    .as("hardswish(%s)", real)
                    .isCloseTo(expected, org.assertj.core.api.Assertions.within(1.0));
        }
        assertThat(y.getLong(128)).isEqualTo(-10); // hardswish(0) = 0
    }

    @Test
    void sigmoidInt8SaturatesBeyondTheRadiusAndTracksTheRealFunction() {
        Tensor x = all8(1f / 16, 0);
        Tensor y = run1(
                new QuantizedSigmoidTanh("Sigmoid"),
                Node.builder("Sigmoid").input(x.type()).build(),
                x);
        assertThat(y.type().quantization().get().scale()).isEqualTo(1f / 256);
        assertThat(y.type().quantization().get().zeroPoint()).isEqualTo(-128);
        // radius = floor(15 * 2^27 / 2^24) = 120 for input scale 1/16
        assertThat(y.getLong(0)).isEqualTo(-128); // -8.0
        assertThat(y.getLong(255)).isEqualTo(127); // 7.9375
        assertThat(y.getLong(128)).isEqualTo(0); // sigmoid(0) * 256 - 128
        for (int i = 9; i < 248; i++) {
            double expected = Math.min(127, Math.round(256 / (1 + Math.exp(-(i - 128) / 16.0))) - 128);
            assertThat((double) y.getLong(i)).isCloseTo(expected, org.assertj.core.api.Assertions.within(1.0));
        }
    }

    @Test
    void tanhInt8() {
        Tensor x = all8(1f / 16, 0);
        Tensor y = run1(
                new QuantizedSigmoidTanh("Tanh"),
                Node.builder("Tanh").input(x.type()).build(),
                x);
        assertThat(y.getLong(128)).isZero();
        assertThat(y.getLong(0)).isEqualTo(-128);
        assertThat(y.getLong(255)).isEqualTo(127);
        for (int i = 9; i < 248; i++) {
            double expected = Math.max(-128, Math.min(127, Math.round(128 * Math.tanh((i - 128) / 16.0))));
            assertThat((double) y.getLong(i)).isCloseTo(expected, org.assertj.core.api.Assertions.within(1.0));
        }
    }

    @Test
    void sigmoidAndTanhInt16UseTheInterpolatedTable() {
        long[] v = {0, 4096, -4096, 32767, -32768, 1000};
        Tensor x = int16(Shape.of(v.length), 1f / 4096, v);
        Tensor s = run1(
                new QuantizedSigmoidTanh("Sigmoid"),
                Node.builder("Sigmoid").input(x.type()).build(),
                x);
        Tensor t = run1(
                new QuantizedSigmoidTanh("Tanh"),
                Node.builder("Tanh").input(x.type()).build(),
                x);
        assertThat(s.getLong(0)).isEqualTo(16384); // (32768 << 9 + 2^9) >> 10
        assertThat(t.getLong(0)).isZero(); // (2^23 - 2^23 + 2^7) >> 8
        for (int i = 0; i < v.length; i++) {
            double real = v[i] / 4096.0;
            assertThat((double) s.getLong(i))
                    .isCloseTo(
                            Math.min(32767, 32768 / (1 + Math.exp(-real))),
                            org.assertj.core.api.Assertions.within(3.0));
            assertThat((double) t.getLong(i))
                    .isCloseTo(
                            Math.max(-32768, Math.min(32767, 32768 * Math.tanh(real))),
                            org.assertj.core.api.Assertions.within(3.0));
        }
    }

    @Test
    void refusesOutputParametersTfliteDoesNotSupport() {
        Tensor x = int8(Shape.of(1), 0.1f, 0, 1);
        assertThatThrownBy(() -> new QuantizedSigmoidTanh("Sigmoid")
                        .prepare(node("Sigmoid", 0.1f, 0, x).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("sigmoid_under_test")
                .hasMessageContaining("scale");
        Tensor x16 = dev.vela.reference.quantized.QuantTesting.q(
                dev.vela.spi.DataType.INT16, Shape.of(1), dev.vela.spi.Quantization.perTensor(1f, 3), 1);
        assertThatThrownBy(() -> new QuantizedSigmoidTanh("Tanh")
                        .prepare(Node.builder("Tanh").input(x16.type()).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("zero points 0");
    }
}
