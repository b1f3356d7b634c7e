package dev.vela.reference.recurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vela.reference.ReferenceTesting;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

/** Float UNIDIRECTIONAL_SEQUENCE_LSTM against the gate equations evaluated by hand (one unit, one input). */
class FloatSequenceLstmTest {

    private final FloatSequenceLstm lstm = new FloatSequenceLstm();

    /** Weights: input gate wi, forget wf, cell wc, output wo on x; recurrent all r; biases b. */
    private static Tensor[] inputs(Tensor x, float wi, float wf, float wc, float wo, float r, float b, boolean cifg) {
        Tensor[] in = new Tensor[20];
        in[0] = x;
        float[] w = {wi, wf, wc, wo};
        for (int g = cifg ? 1 : 0; g < 4; g++) {
            in[1 + g] = Tensor.ofFloats(Shape.of(1, 1), w[g]);
            in[5 + g] = Tensor.ofFloats(Shape.of(1, 1), r);
            in[12 + g] = Tensor.ofFloats(Shape.of(1), b);
        }
        in[18] = Tensor.ofFloats(Shape.of(1, 1), 0f);
        in[19] = Tensor.ofFloats(Shape.of(1, 1), 0f);
        return in;
    }

    private static Node.Builder node(Tensor[] in) {
        Node.Builder b =
                Node.builder(OpId.parse("tflite:UnidirectionalSequenceLSTM")).name("lstm");
        for (Tensor t : in) {
            if (t == null) {
                b.absentInput();
            } else {
                b.constantInput(t);
            }
        }
        return b;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    @Test
    void twoStepsCarryHiddenAndCellStateWithTanh() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 2, 1), 1f, -0.5f);
        Tensor[] in = inputs(x, 0.5f, 1f, 2f, -1f, 0.3f, 0.1f, false);
        Tensor y = ReferenceTesting.run(
                        lstm, node(in).attr("activation", "Tanh").build(), in)
                .get(0);
        assertThat(y.shape()).isEqualTo(Shape.of(1, 2, 1));
        double h = 0;
        double c = 0;
        double[] xs = {1, -0.5};
        for (int t = 0; t < 2; t++) {
            double i = sigmoid(0.5 * xs[t] + 0.3 * h + 0.1);
            double f = sigmoid(1 * xs[t] + 0.3 * h + 0.1);
            double g = Math.tanh(2 * xs[t] + 0.3 * h + 0.1);
            double o = sigmoid(-1 * xs[t] + 0.3 * h + 0.1);
            c = f * c + i * g;
            h = o * Math.tanh(c);
            assertThat((double) y.getDouble(t)).as("step %d", t).isCloseTo(h, within(1e-6));
        }
    }

    @Test
    void cifgCouplesTheInputGateToTheForgetGateAndCellClipBounds() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 1, 1), 3f);
        Tensor[] in = inputs(x, 0, 1f, 2f, 1f, 0f, 0f, true);
        Tensor y = ReferenceTesting.run(
                        lstm,
                        node(in).attr("cell_clip", 0.5f)
                                .attr("activation", "Relu")
                                .build(),
                        in)
                .get(0);
        double f = sigmoid(3);
        double c = Math.min(0.5, (1 - f) * 6); // relu(6) = 6, clipped to 0.5
        assertThat((double) y.getDouble(0)).isCloseTo(sigmoid(3) * c, within(1e-6));
    }

    @Test
    void timeMajorReadsAndWritesStepsFirst() {
        Tensor x = Tensor.ofFloats(Shape.of(2, 1, 1), 1f, 1f);
        Tensor[] in = inputs(x, 1f, 1f, 1f, 1f, 0f, 0f, false);
        Tensor y = ReferenceTesting.run(lstm, node(in).attr("time_major", 1L).build(), in)
                .get(0);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 1, 1));
        double s = sigmoid(1);
        double c1 = s * Math.tanh(1);
        double c2 = s * c1 + s * Math.tanh(1);
        assertThat((double) y.getDouble(1)).isCloseTo(s * Math.tanh(c2), within(1e-6));
    }

    @Test
    void refusesQuantizedInputsPeepholesAndUnknownActivations() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 1, 1), 1f);
        Tensor[] in = inputs(x, 1, 1, 1, 1, 0, 0, false);
        assertThatThrownBy(() -> lstm.prepare(node(in).attr("activation", "Elu").build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("node 'lstm'")
                .hasMessageContaining("Elu");
        Tensor[] peephole = in.clone();
        peephole[9] = Tensor.ofFloats(Shape.of(1), 1f);
        assertThatThrownBy(() -> lstm.prepare(node(peephole).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("input 9");
        Tensor[] quantized = in.clone();
        quantized[0] = Tensor.ofBytes(
                TensorType.quantized(DataType.INT8, Shape.of(1, 1, 1), Quantization.perTensor(1f, 0)), (byte) 1);
        assertThatThrownBy(() -> lstm.prepare(node(quantized).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("float32");
        Tensor[] wrongWeights = in.clone();
        wrongWeights[2] = Tensor.ofFloats(Shape.of(1, 2), 1f, 1f);
        assertThatThrownBy(() -> lstm.prepare(node(wrongWeights).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("input 2");
    }
}
