package dev.vela.reference.nn;

import static dev.vela.reference.nn.NnTesting.assertValues;
import static dev.vela.reference.nn.NnTesting.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class GlobalPoolTest {

    private final GlobalAveragePool avg = new GlobalAveragePool();
    private final GlobalMaxPool max = new GlobalMaxPool();

    @Test
    void reducesEachChannelNchw() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 2, 2, 2), 1, 2, 3, 6, -1, -2, -3, -4);
        Tensor a = run(avg, Node.builder("GlobalAveragePool").input(x.type()).build(), x);
        assertThat(a.shape()).isEqualTo(Shape.of(1, 2, 1, 1));
        assertValues(a, 3, -2.5f);
        assertValues(run(max, Node.builder("GlobalMaxPool").input(x.type()).build(), x), 6, -1);
    }

    @Test
    void reducesEachChannelNhwc() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 3, 2), 1, -1, 2, -2, 6, -3); // [N, W, C]
        Tensor a = run(
                avg,
                Node.builder("GlobalAveragePool")
                        .input(x.type())
                        .attr("data_format", "NHWC")
                        .build(),
                x);
        assertThat(a.shape()).isEqualTo(Shape.of(1, 1, 2));
        assertValues(a, 3, -2);
        assertValues(
                run(
                        max,
                        Node.builder("GlobalMaxPool")
                                .input(x.type())
                                .attr("data_format", "NHWC")
                                .build(),
                        x),
                6,
                -1);
    }

    @Test
    void maxPropagatesNaN() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 1, 3), 1, Float.NaN, 2);
        assertThat(run(max, Node.builder("GlobalMaxPool").input(x.type()).build(), x)
                        .getDouble(0))
                .isNaN();
    }

    @Test
    void refusesRankTwo() {
        Tensor x = Tensor.ofFloats(Shape.of(2, 2), 1, 2, 3, 4);
        assertThatThrownBy(() -> avg.prepare(Node.builder("GlobalAveragePool")
                        .name("g")
                        .input(x.type())
                        .build()))
                .hasMessageContaining("g")
                .hasMessageContaining("rank");
    }
}
