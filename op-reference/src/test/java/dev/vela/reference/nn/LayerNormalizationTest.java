package dev.vela.reference.nn;

import static dev.vela.reference.nn.NnTesting.assertValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.reference.ReferenceTesting;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerNormalizationTest {

    private final LayerNormalization ln = new LayerNormalization();

    @Test
    void normalisesTheTrailingDimensionsByDefault() {
        Tensor x = Tensor.ofFloats(Shape.of(2, 2), 1, 3, 10, 30);
        Tensor s = Tensor.ofFloats(Shape.of(2), 1, 2);
        Tensor b = Tensor.ofFloats(Shape.of(2), 0, 1);
        Node n = Node.builder("LayerNormalization")
                .opset(17)
                .input(x.type())
                .input(s.type())
                .input(b.type())
                .attr("epsilon", 0f)
                .outputs(3)
                .build();
        List<Tensor> out = ReferenceTesting.run(ln, n, x, s, b);
        assertValues(out.get(0), -1, 3, -1, 3);
        assertThat(out.get(1).shape()).isEqualTo(Shape.of(2, 1));
        assertValues(out.get(1), 2, 20);
        assertValues(out.get(2), 1, 0.1f);
    }

    @Test
    void axisZeroNormalisesEverythingWithoutBias() {
        Tensor x = Tensor.ofFloats(Shape.of(2, 2), 1, 2, 3, 4); // mean 2.5, variance 1.25
        Tensor s = Tensor.ofFloats(Shape.of(2, 2), 1, 1, 1, 1);
        Node n = Node.builder("LayerNormalization")
                .input(x.type())
                .input(s.type())
                .attr("axis", 0L)
                .attr("epsilon", 0f)
                .build();
        float k = (float) (1 / Math.sqrt(1.25));
        assertValues(NnTesting.run(ln, n, x, s), -1.5f * k, -0.5f * k, 0.5f * k, 1.5f * k);
    }

    @Test
    void refusesScaleThatDoesNotBroadcast() {
        Tensor x = Tensor.ofFloats(Shape.of(2, 3), new float[6]);
        Tensor s = Tensor.ofFloats(Shape.of(2), 1, 1);
        Node n = Node.builder("LayerNormalization")
                .name("ln")
                .input(x.type())
                .input(s.type())
                .build();
        assertThatThrownBy(() -> ln.prepare(n)).hasMessageContaining("ln").hasMessageContaining("broadcast");
        Node badAxis = Node.builder("LayerNormalization")
                .input(x.type())
                .input(x.type())
                .attr("axis", 2L)
                .build();
        assertThatThrownBy(() -> ln.prepare(badAxis)).hasMessageContaining("axis");
    }
}
