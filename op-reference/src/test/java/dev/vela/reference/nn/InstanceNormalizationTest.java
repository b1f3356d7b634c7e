package dev.vela.reference.nn;

import static dev.vela.reference.nn.NnTesting.assertClose;
import static dev.vela.reference.nn.NnTesting.assertValues;
import static dev.vela.reference.nn.NnTesting.random;
import static dev.vela.reference.nn.NnTesting.run;
import static dev.vela.reference.nn.NnTesting.toChannelsFirst;
import static dev.vela.reference.nn.NnTesting.toChannelsLast;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class InstanceNormalizationTest {

    private final InstanceNormalization in = new InstanceNormalization();

    private static Node.Builder node(Tensor x, Tensor s, Tensor b) {
        return Node.builder("InstanceNormalization")
                .name("in")
                .input(x.type())
                .input(s.type())
                .input(b.type());
    }

    @Test
    void normalisesEachChannelOfEachSample() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 2, 2), 1, 3, 10, 30); // means 2 and 20, variances 1 and 100
        Tensor s = Tensor.ofFloats(Shape.of(2), 2, 1);
        Tensor b = Tensor.ofFloats(Shape.of(2), 0, 1);
        assertValues(run(in, node(x, s, b).attr("epsilon", 0f).build(), x, s, b), -2, 2, 0, 2);
    }

    @Test
    void nhwcMatchesNchw() {
        Tensor x = random(3, 2, 3, 4, 5);
        Tensor s = random(4, 3);
        Tensor b = random(5, 3);
        Tensor xl = toChannelsLast(x);
        assertClose(
                toChannelsFirst(
                        run(in, node(xl, s, b).attr("data_format", "NHWC").build(), xl, s, b)),
                run(in, node(x, s, b).build(), x, s, b));
    }

    @Test
    void refusesWrongScaleShape() {
        Tensor x = random(3, 1, 2, 4);
        Tensor s = random(4, 3);
        assertThatThrownBy(() -> in.prepare(node(x, s, s).build()))
                .hasMessageContaining("in")
                .hasMessageContaining("[2]");
    }
}
