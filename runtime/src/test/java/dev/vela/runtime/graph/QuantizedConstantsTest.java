package dev.vela.runtime.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

class QuantizedConstantsTest {

    @Test
    void perAxisValuesUseTheirChannelsScaleAndZeroPoint() {
        Quantization q = Quantization.perAxis(0, new float[] {0.5f, 0.25f}, new long[] {1, -2});
        Tensor weights =
                Tensor.ofBytes(TensorType.quantized(DataType.INT8, Shape.of(2, 3), q), new byte[] {1, 3, -1, 2, -2, 6});

        Tensor real = QuantizedConstants.realValues(weights);

        assertThat(real.dataType()).isEqualTo(DataType.FLOAT32);
        assertThat(real.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(real.toFloatArray()).containsExactly(0f, 1f, -1f, 1f, 0f, 2f);
    }

    @Test
    void perTensorValuesAndAnUnquantizedTensorIsRefused() {
        Tensor w = Tensor.ofBytes(
                TensorType.quantized(DataType.INT8, Shape.of(3), Quantization.perTensor(0.1f, 0)),
                new byte[] {10, -5, 0});
        assertThat(QuantizedConstants.realValues(w).toFloatArray()).containsExactly(1.0f, -0.5f, 0f);
        assertThatThrownBy(() -> QuantizedConstants.realValues(Tensor.ofFloats(Shape.of(1), 1f)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not quantized");
    }
}
