package dev.vela.reference.quantized;

import static dev.vela.reference.quantized.QuantTesting.int8;
import static dev.vela.reference.quantized.QuantTesting.node;
import static dev.vela.reference.quantized.QuantTesting.run1;
import static dev.vela.reference.quantized.QuantTesting.uint8;
import static dev.vela.reference.quantized.QuantTesting.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Softmax: an equal row of 4 sums to 4 * 2^19 = 2^21 in Q12.19 (2 bits over unit, reciprocal ~1),
 * so each output is RoundingDivideByPOT(~2^31, 25) = 64 -> 64 - 128; a row whose other entries
 * differ by more than the radius gives the maximum 1.0 -> 256 - 128, clamped to 127.
 */
class QuantizedSoftmaxTest {

    private final QuantizedSoftmax softmax = new QuantizedSoftmax();

    @Test
    void equalRowGivesAQuarterEach() {
        Tensor x = int8(Shape.of(2, 4), 0.1f, 0, 5, 5, 5, 5, -7, -7, -7, -7);
        Tensor y = run1(softmax, Node.builder("Softmax").input(x.type()).build(), x);
        assertThat(y.type().quantization().get().zeroPoint()).isEqualTo(-128);
        assertThat(values(y)).containsExactly(-64, -64, -64, -64, -64, -64, -64, -64);
        Tensor u = uint8(Shape.of(4), 0.1f, 128, 9, 9, 9, 9);
        assertThat(values(run1(softmax, Node.builder("Softmax").input(u.type()).build(), u)))
                .containsExactly(64, 64, 64, 64);
    }

    @Test
    void dominantEntrySaturatesAndTheRestUnderflow() {
        Tensor x = int8(Shape.of(2), 1f, 0, 127, -128);
        assertThat(values(run1(softmax, Node.builder("Softmax").input(x.type()).build(), x)))
                .containsExactly(127, -128);
    }

    @Test
    void int16OutputFromInt8() {
        Tensor x = int8(Shape.of(4), 0.1f, 0, 1, 1, 1, 1);
        Node n = node("Softmax", 1f / 65536, -32768, x)
                .attr(QuantizedTensors.OUTPUT_DTYPE, "int16")
                .build();
        Tensor y = run1(softmax, n, x);
        assertThat(y.dataType()).isEqualTo(DataType.INT16);
        assertThat(values(y)).containsExactly(-16384, -16384, -16384, -16384);
    }

    @Test
    void tracksTheRealSoftmax() {
        Tensor x = int8(Shape.of(6), 0.05f, 0, -100, -30, 0, 10, 40, 41);
        Tensor y = run1(
                softmax,
                Node.builder("Softmax").input(x.type()).attr("beta", 1.5f).build(),
                x);
        double[] r = {-5, -1.5, 0, 0.5, 2, 2.05};
        double sum = 0;
        for (double v : r) {
            sum += Math.exp(1.5 * v);
        }
        for (int i = 0; i < r.length; i++) {
            double expected = Math.round(Math.exp(1.5 * r[i]) / sum * 256) - 128;
            assertThat((double) y.getLong(i)).isCloseTo(expected, within(1.0));
        }
    }

    @Test
    void int16InputUsesTheTablesAndStaysWithinTfliteTolerance() {
        // TFLM's own int16 softmax test allows 7 steps of 2^-15 against the float softmax
        Tensor x = QuantTesting.int16(Shape.of(2, 4), 0.001f, 0, 0, 0, 0, -3000, -1000, 0, 1500);
        Tensor y = run1(softmax, Node.builder("Softmax").input(x.type()).build(), x);
        assertThat(y.dataType()).isEqualTo(DataType.INT16);
        assertThat(y.getLong(0)).isEqualTo(y.getLong(1)).isEqualTo(y.getLong(2)).isEqualTo(y.getLong(3));
        double[][] real = {{0, 0, 0, 0}, {-3, -1, 0, 1.5}};
        for (int r = 0; r < 2; r++) {
            double sum = 0;
            for (double v : real[r]) {
                sum += Math.exp(v);
            }
            for (int c = 0; c < 4; c++) {
                assertThat((double) y.getLong(r * 4 + c)).isCloseTo(Math.exp(real[r][c]) / sum * 32768, within(7.0));
            }
        }
    }

    @Test
    void int16TablesFollowTflitesConstruction() {
        int range = 65535;
        short[] exp = Int16Lut.populate(10.0f / range, 32767, 2.0f / range, 0, Math::exp);
        // the last entry is exp(0) = 1.0 -> 65536 / 2 = 32768, clamped to 32767; the first ~exp(-10)
        assertThat(exp[512]).isEqualTo((short) 32767);
        assertThat((int) exp[0]).isBetween(0, 2);
        short[] reciprocal = Int16Lut.populate(1.0f / range, -32768, 2.0f / range, 0, v -> 1.0f / (1.0f + (float) v));
        assertThat(reciprocal[0]).isEqualTo((short) 32767); // 1 / (1 + 0)
        assertThat(reciprocal[512]).isEqualTo((short) 16384); // 1 / (1 + 1) = 0.5
        // lookups hit table entries exactly on multiples of 128 (offset 0)
        assertThat(Int16Lut.lookup(32767 - 127, exp)).isEqualTo(exp[511]);
        assertThat(Int16Lut.lookup(-32768, reciprocal)).isEqualTo(reciprocal[0]);
    }

    @Test
    void refusesOtherAxesAndOutputParameters() {
        Tensor x = int8(Shape.of(2, 2), 0.1f, 0, 1, 2, 3, 4);
        assertThatThrownBy(() -> softmax.prepare(Node.builder("Softmax")
                        .name("sm")
                        .input(x.type())
                        .attr("axis", 0L)
                        .build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("sm")
                .hasMessageContaining("last axis");
        assertThatThrownBy(() -> softmax.prepare(node("Softmax", 1f / 256, 0, x).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("softmax_under_test");
    }

    @Test
    void betaNaNInfiniteOrNotPositiveIsRefused() {
        Tensor x = int8(Shape.of(1, 4), 0.1f, 0, 5, 5, 5, 5);
        for (float beta : new float[] {Float.NaN, Float.POSITIVE_INFINITY, 0f}) {
            Node n = Node.builder("Softmax")
                    .name("sm")
                    .input(x.type())
                    .attr("beta", beta)
                    .build();
            assertThatThrownBy(() -> softmax.prepare(n))
                    .isInstanceOf(InvalidNodeException.class)
                    .hasMessageContaining("node 'sm'")
                    .hasMessageContaining("'beta' must be finite and positive");
        }
    }
}
