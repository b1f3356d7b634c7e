package dev.vela.reference.quantized;

import static dev.vela.reference.quantized.QuantTesting.int16;
import static dev.vela.reference.quantized.QuantTesting.int32;
import static dev.vela.reference.quantized.QuantTesting.int8;
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

/**
 * The LSTM on a one-unit cell with zero weights and state: every gate pre-activation is 0, so
 * sigmoid gates are 16384 (0.5 in Q0.15) and the tanh cell gate 0; the cell stays 0 and the
 * hidden state is the output zero point. With a cell-gate bias the arithmetic is traced by hand.
 * (Bit-exactness on real data is covered by the runtime's DTLN golden, TfliteGoldensTest.)
 */
class QuantizedSequenceLstmTest {

    private final QuantizedSequenceLstm lstm = new QuantizedSequenceLstm();

    private Node.Builder node(int cellBias, Tensor... out) {
        Node.Builder b = Node.builder(dev.vela.spi.OpId.parse("tflite:UnidirectionalSequenceLSTM"))
                .name("lstm");
        Tensor x = int8(Shape.of(1, 2, 1), 0.5f, 0, 10, -10);
        b.input(x.type());
        for (int i = 1; i <= 8; i++) {
            b.constantInput(int8(Shape.of(1, 1), 0.5f, 0, 0));
        }
        b.absentInput().absentInput().absentInput();
        for (int g = 0; g < 4; g++) {
            b.constantInput(int32(Shape.of(1), Quantization.perTensor(0.25f, 0), g == 2 ? cellBias : 0));
        }
        b.absentInput().absentInput();
        b.constantInput(int8(Shape.of(1, 1), 1f / 128, 3, 3));
        b.constantInput(int16(Shape.of(1, 1), 1f / 2048, 0));
        return b;
    }

    private Tensor[] inputs(Node n) {
        Tensor[] in = new Tensor[n.inputCount()];
        in[0] = int8(Shape.of(1, 2, 1), 0.5f, 0, 10, -10);
        for (int i = 1; i < in.length; i++) {
            in[i] = n.inputValue(i).orElse(null);
        }
        return in;
    }

    @Test
    void zeroWeightsKeepTheHiddenStateAtItsZeroPoint() {
        Node n = node(0).build();
        Tensor y = run1(lstm, n, inputs(n));
        assertThat(y.shape()).isEqualTo(Shape.of(1, 2, 1));
        assertThat(values(y)).containsExactly(3, 3);
    }

    @Test
    void cellGateBiasDrivesTheCell() {
        // bias 1024 at input scale 0.5 * weight scale 0.5: FC multiplier 0.25 / 2^-12 = 1024 -> gate 1024^2
        // saturates to 32767 (Q3.12 ~ 8), tanh -> ~32767; i * g * 2^-30 / 2^-11 ~ 0.5 * 1 -> cell 1024;
        // step 1 hidden: tanh(0.5) * 0.5 = 0.231 -> 0.231 * 128 = 29.6 -> 30 + 3
        Node n = node(1024).build();
        Tensor y = run1(lstm, n, inputs(n));
        long first = y.getLong(0);
        assertThat(first).isBetween(32L, 34L);
        assertThat(y.getLong(1)).isGreaterThan(first); // the cell accumulates: f * c + i * g grows
    }

    @Test
    void refusesPeepholesAndMissingGates() {
        Node.Builder b = Node.builder(dev.vela.spi.OpId.parse("tflite:UnidirectionalSequenceLSTM"))
                .name("lstm2");
        Tensor x = int8(Shape.of(1, 1, 1), 0.5f, 0, 1);
        b.input(x.type()).absentInput();
        for (int i = 2; i < 20; i++) {
            b.constantInput(int8(Shape.of(1, 1), 0.5f, 0, 0));
        }
        assertThatThrownBy(() -> lstm.prepare(b.build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("lstm2");
    }
}
