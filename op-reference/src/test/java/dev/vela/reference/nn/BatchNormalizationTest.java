package dev.vela.reference.nn;

import static dev.vela.reference.nn.NnTesting.assertClose;
import static dev.vela.reference.nn.NnTesting.assertValues;
import static dev.vela.reference.nn.NnTesting.random;
import static dev.vela.reference.nn.NnTesting.run;
import static dev.vela.reference.nn.NnTesting.toChannelsFirst;
import static dev.vela.reference.nn.NnTesting.toChannelsLast;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.reference.ReferenceTesting;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchNormalizationTest {

    private final BatchNormalization bn = new BatchNormalization();

    private static Node.Builder node(Tensor x, Tensor... params) {
        Node.Builder b = Node.builder("BatchNormalization").name("bn").input(x.type());
        for (Tensor p : params) {
            b.input(p.type());
        }
        return b;
    }

    @Test
    void normalisesWithTheGivenStatistics() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 2, 2), 1, 3, 10, 20);
        Tensor scale = Tensor.ofFloats(Shape.of(2), 2, 1);
        Tensor bias = Tensor.ofFloats(Shape.of(2), 0, 5);
        Tensor mean = Tensor.ofFloats(Shape.of(2), 1, 10);
        Tensor var = Tensor.ofFloats(Shape.of(2), 4, 25);
        Tensor y = run(bn, node(x, scale, bias, mean, var).attr("epsilon", 0f).build(), x, scale, bias, mean, var);
        // channel 0: 2 * (x - 1) / 2; channel 1: (x - 10) / 5 + 5
        assertValues(y, 0, 2, 5, 7);
    }

    @Test
    void rankTwoAndNhwc() {
        Tensor x = random(1, 2, 3, 4, 3);
        Tensor s = random(2, 3);
        Tensor b = random(3, 3);
        Tensor m = random(4, 3);
        Tensor v = Tensor.ofFloats(Shape.of(3), 0.5f, 1, 2);
        Tensor expected = run(bn, node(x, s, b, m, v).build(), x, s, b, m, v);
        Tensor xl = toChannelsLast(x);
        Tensor actual = run(bn, node(xl, s, b, m, v).attr("data_format", "NHWC").build(), xl, s, b, m, v);
        assertClose(toChannelsFirst(actual), expected);
        Tensor flat = Tensor.ofFloats(Shape.of(2, 3), 1, 2, 3, 4, 5, 6);
        Tensor y = run(bn, node(flat, s, b, m, v).build(), flat, s, b, m, v);
        float k = (float) (s.getDouble(0) / Math.sqrt(0.5 + 1e-5));
        assertValues(
                Tensor.ofFloats(Shape.of(1), y.toFloatArray()[0]),
                (1 - (float) m.getDouble(0)) * k + (float) b.getDouble(0));
    }

    @Test
    void trainingModeUsesBatchStatisticsAndUpdatesRunningOnes() {
        Tensor x = Tensor.ofFloats(Shape.of(2, 1, 1), 1, 3); // batch mean 2, variance 1
        Tensor s = Tensor.ofFloats(Shape.of(1), 1);
        Tensor b = Tensor.ofFloats(Shape.of(1), 0);
        Tensor m = Tensor.ofFloats(Shape.of(1), 10);
        Tensor v = Tensor.ofFloats(Shape.of(1), 5);
        Node n = node(x, s, b, m, v)
                .attr("training_mode", 1L)
                .attr("epsilon", 0f)
                .attr("momentum", 0.5f)
                .outputs(3)
                .build();
        List<Tensor> out = ReferenceTesting.run(bn, n, x, s, b, m, v);
        assertValues(out.get(0), -1, 1);
        assertValues(out.get(1), 6);
        assertValues(out.get(2), 3);
    }

    @Test
    void refusesExtraOutputsInInferenceAndWrongParameterShapes() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 2, 2), 1, 3, 10, 20);
        Tensor p = Tensor.ofFloats(Shape.of(2), 1, 1);
        assertThatThrownBy(() -> bn.prepare(node(x, p, p, p, p).outputs(3).build()))
                .hasMessageContaining("bn")
                .hasMessageContaining("training");
        Tensor wrong = Tensor.ofFloats(Shape.of(3), 1, 1, 1);
        assertThatThrownBy(() -> bn.prepare(node(x, p, wrong, p, p).build())).hasMessageContaining("input 2");
        assertThatThrownBy(() -> bn.prepare(node(x, p, p, p).build())).hasMessageContaining("inputs");
    }
}
