package dev.vela.reference.quantized;

import static dev.vela.reference.quantized.QuantTesting.int8;
import static dev.vela.reference.quantized.QuantTesting.node;
import static dev.vela.reference.quantized.QuantTesting.run1;
import static dev.vela.reference.quantized.QuantTesting.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.NumericsFlavour;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

/** The kernels that differ between the {@code tflm} and {@code tflite} numerics flavours (D15). */
class NumericsFlavourKernelsTest {

    private final QuantizedFullyConnected gemm = new QuantizedFullyConnected("Gemm");

    /** Issue 16's reproducer: one FC whose 1-LSB difference comes from TFLite's double requantization. */
    @Test
    void fullyConnectedRequantizesInDoubleWithTheTfliteFlavour() {
        Tensor x = int8(Shape.of(1, 1), 0.035405684f, 0, 1);
        Tensor w = int8(Shape.of(2, 1), 0.053500395f, 0, 3, 18);
        long[] tflm = values(run1(
                gemm, node("Gemm", 0.013730743f, 0, x, w).attr("transB", 1L).build(), x, w));
        long[] tflite = values(run1(
                gemm,
                node("Gemm", 0.013730743f, 0, x, w)
                        .attr("transB", 1L)
                        .attr(NumericsFlavour.ATTRIBUTE, "tflite")
                        .build(),
                x,
                w));
        // 3 and 18 times 0.035405684 * 0.053500395 / 0.013730743 = 0.41 and 2.48: one rounding gives 0 and 2
        assertThat(tflite).containsExactly(0, 2);
        assertThat(tflm).isNotEqualTo(tflite);
    }

    @Test
    void doubleRequantizationRoundsHalfAwayFromZero() {
        DoubleRequantization half = new DoubleRequantization(0.5f, new float[] {1f}, 1f);
        assertThat(half.apply(1, 0)).isEqualTo(1);
        assertThat(half.apply(-1, 0)).isEqualTo(-1);
        assertThat(half.apply(3, 0)).isEqualTo(2);
        assertThat(half.apply(-3, 0)).isEqualTo(-2);
        assertThat(new DoubleRequantization(1e6f, new float[] {1e6f}, 1f).apply(Integer.MAX_VALUE, 0))
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void unknownFlavourIsRefusedNamingTheNode() {
        Tensor x = int8(Shape.of(1, 1), 0.5f, 0, 1);
        Tensor w = int8(Shape.of(1, 1), 0.5f, 0, 1);
        assertThatThrownBy(() -> gemm.prepare(node("Gemm", 1f, 0, x, w)
                        .attr(NumericsFlavour.ATTRIBUTE, "tflite-micro")
                        .build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("gemm_under_test")
                .hasMessageContaining("unknown numerics flavour 'tflite-micro'")
                .hasMessageContaining("tflm, tflite");
    }

    /**
     * gemmlowp's int16 logistic and tanh: exact at 0 and within 16 Q0.15 LSB of the real functions (measured: 6.4 and
     * 11.8 at most; 16-bit intermediate precision, and not monotonic). Bit-exactness with TFLite is checked against
     * TFLite itself by the runtime's reference-kernel oracle test (DTLN's LSTMs).
     */
    @Test
    void gemmlowpInt16ActivationsFollowTheRealFunctions() {
        assertThat(GemmlowpInt16.logistic(0, 3)).isEqualTo(16384);
        assertThat(GemmlowpInt16.tanh(0, 3)).isZero();
        for (int bits : new int[] {0, 3, 4, 6}) {
            for (int raw = -32768; raw <= 32767; raw += 7) {
                double real = raw / (double) (1 << (15 - bits));
                int logistic = GemmlowpInt16.logistic(raw, bits);
                int tanh = GemmlowpInt16.tanh(raw, bits);
                assertThat(Math.abs(logistic - 32768 / (1 + Math.exp(-real))))
                        .as("logistic(%d) Q%d", raw, bits)
                        .isLessThanOrEqualTo(16);
                assertThat(Math.abs(tanh - 32768 * Math.tanh(real)))
                        .as("tanh(%d) Q%d", raw, bits)
                        .isLessThanOrEqualTo(16);
                if (raw != 0 && raw != -32768) {
                    // gemmlowp computes the negative half as One - logistic(|x|)
                    assertThat(GemmlowpInt16.logistic(-raw, bits) + logistic)
                            .as("symmetry at %d", raw)
                            .isEqualTo(32767);
                }
            }
        }
        assertThatThrownBy(() -> GemmlowpInt16.tanh(1, 7)).isInstanceOf(IllegalArgumentException.class);
    }
}
