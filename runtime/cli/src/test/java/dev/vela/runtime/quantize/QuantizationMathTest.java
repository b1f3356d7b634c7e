package dev.vela.runtime.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vela.spi.DataType;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class QuantizationMathTest {

    @Test
    void asymmetricRangeMapsMinAndMaxOntoTheInt8Ends() {
        // [-1, 3]: scale 4/255; zp = round(-128 + 1 / (4/255)) = round(-64.25) = -64
        Quantization q = QuantizationMath.asymmetric(-1, 3);
        assertThat((double) q.scale()).isCloseTo(4.0 / 255, within(1e-7));
        assertThat(q.zeroPoint()).isEqualTo(-64);
        assertThat(q.isPerAxis()).isFalse();
    }

    @Test
    void asymmetricRangeIsWidenedToContainZero() {
        // [2, 5] becomes [0, 5]: scale 5/255, zp -128 (0 exactly representable)
        Quantization positive = QuantizationMath.asymmetric(2, 5);
        assertThat((double) positive.scale()).isCloseTo(5.0 / 255, within(1e-7));
        assertThat(positive.zeroPoint()).isEqualTo(-128);
        // [-6, -2] becomes [-6, 0]: zp = round(-128 + 6 / (6/255)) = 127
        Quantization negative = QuantizationMath.asymmetric(-6, -2);
        assertThat((double) negative.scale()).isCloseTo(6.0 / 255, within(1e-7));
        assertThat(negative.zeroPoint()).isEqualTo(127);
    }

    @Test
    void reluSixRangeGivesTfliteParameters() {
        // a Relu6 output calibrated to [0, 6]: 6/255 = 0.023529..., zp -128, as TFLite chooses
        Quantization q = QuantizationMath.asymmetric(0, 6);
        assertThat((double) q.scale()).isCloseTo(0.0235294, within(1e-6));
        assertThat(q.zeroPoint()).isEqualTo(-128);
    }

    @Test
    void emptyRangeGetsAUsableScale() {
        Quantization q = QuantizationMath.asymmetric(0, 0);
        assertThat((double) q.scale()).isCloseTo(1.0 / 255, within(1e-9));
        assertThat(q.zeroPoint()).isEqualTo(-128);
    }

    @Test
    void invalidRangeIsRefused() {
        assertThatThrownBy(() -> QuantizationMath.asymmetric(3, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[3.0, 1.0]");
        assertThatThrownBy(() -> QuantizationMath.asymmetric(Double.NaN, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quantizeRoundsHalvesAwayFromZeroAndSaturates() {
        assertThat(QuantizationMath.quantize(0.25, 0.1, 0, -128, 127)).isEqualTo(3); // 2.5 -> 3
        assertThat(QuantizationMath.quantize(-0.25, 0.1, 0, -128, 127)).isEqualTo(-3); // -2.5 -> -3
        assertThat(QuantizationMath.quantize(0.24, 0.1, 5, -128, 127)).isEqualTo(7);
        assertThat(QuantizationMath.quantize(100, 0.1, 0, -128, 127)).isEqualTo(127);
        assertThat(QuantizationMath.quantize(-100, 0.1, 0, -127, 127)).isEqualTo(-127);
    }

    @Test
    void weightsAreSymmetricPerOutputChannel() {
        // [2 channels, 3]: channel 0 max |w| = 2.54 -> scale 0.02; channel 1 all zero -> scale 1
        Tensor w = Tensor.ofFloats(Shape.of(2, 3), 2.54f, -1.27f, 0.01f, 0f, 0f, 0f);
        Tensor q = QuantizationMath.symmetricPerChannel(w, 0);
        Quantization p = q.type().quantization().orElseThrow();
        assertThat(q.dataType()).isEqualTo(DataType.INT8);
        assertThat(p.isPerAxis()).isTrue();
        assertThat(p.axis()).isZero();
        assertThat((double) p.scale(0)).isCloseTo(0.02, within(1e-7));
        assertThat(p.scale(1)).isEqualTo(1f);
        assertThat(p.zeroPoints()).containsExactly(0, 0);
        // 0.01 / 0.02 = 0.5 -> 1 (half away from zero)
        assertThat(longs(q)).containsExactly(127, -64, 1, 0, 0, 0);
    }

    @Test
    void weightsOfAConvolutionUseAxisZeroOverTheInnerDims() {
        // OHWI [2,1,1,2]: channel 0 = {1, -0.5}, channel 1 = {0.1, 0.2}
        Tensor w = Tensor.ofFloats(Shape.of(2, 1, 1, 2), 1f, -0.5f, 0.1f, 0.2f);
        Tensor q = QuantizationMath.symmetricPerChannel(w, 0);
        Quantization p = q.type().quantization().orElseThrow();
        assertThat((double) p.scale(0)).isCloseTo(1.0 / 127, within(1e-9));
        assertThat((double) p.scale(1)).isCloseTo(0.2 / 127, within(1e-9));
        // -0.5 * 127 = -63.5 -> -64; 0.1 / (0.2/127) = 63.5 -> 64
        assertThat(longs(q)).containsExactly(127, -64, 64, 127);
    }

    @Test
    void biasIsInt32WithTheProductScale() {
        Tensor b = Tensor.ofFloats(Shape.of(2), 0.3f, -1f);
        Tensor q = QuantizationMath.bias(b, 0.5f, new float[] {0.01f, 0.004f});
        Quantization p = q.type().quantization().orElseThrow();
        assertThat(q.dataType()).isEqualTo(DataType.INT32);
        assertThat((double) p.scale(0)).isCloseTo(0.005, within(1e-9));
        assertThat((double) p.scale(1)).isCloseTo(0.002, within(1e-9));
        assertThat(p.zeroPoints()).containsExactly(0, 0);
        assertThat(longs(q)).containsExactly(60, -500);
    }

    @Test
    void biasOfTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> QuantizationMath.bias(Tensor.ofFloats(Shape.of(3), 1, 2, 3), 1f, new float[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 values for 2 output channels");
    }

    @Test
    void dequantizeUndoesPerAxisParameters() {
        Tensor w = Tensor.ofFloats(Shape.of(2, 2), 1f, -0.5f, 0.1f, 0.2f);
        Tensor back = QuantizationMath.dequantize(QuantizationMath.symmetricPerChannel(w, 0));
        assertThat(back.toFloatArray()).containsExactly(new float[] {1f, -0.503937f, 0.100787f, 0.2f}, within(1e-5f));
    }

    private static long[] longs(Tensor t) {
        long[] v = new long[t.elementCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.getLong(i);
        }
        return v;
    }
}
