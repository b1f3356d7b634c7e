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

class LRNTest {

    private final LRN lrn = new LRN();

    @Test
    void normalisesAcrossNeighbouringChannels() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 3, 1), 1, 2, 3);
        // size 2: channel c sums channels c and c + 1 (floor((2-1)/2) = 0 before, 1 after)
        Node n = Node.builder("LRN")
                .input(x.type())
                .attr("size", 2L)
                .attr("alpha", 2f)
                .attr("beta", 1f)
                .attr("bias", 1f)
                .build();
        assertValues(run(lrn, n, x), 1 / (1 + 5f), 2 / (1 + 13f), 3 / (1 + 9f));
    }

    @Test
    void nhwcMatchesNchw() {
        Tensor x = random(9, 2, 5, 3, 3);
        Node nchw = Node.builder("LRN").input(x.type()).attr("size", 3L).build();
        Tensor xl = toChannelsLast(x);
        Node nhwc = Node.builder("LRN")
                .input(xl.type())
                .attr("size", 3L)
                .attr("data_format", "NHWC")
                .build();
        assertClose(toChannelsFirst(run(lrn, nhwc, xl)), run(lrn, nchw, x));
    }

    @Test
    void sizeIsRequired() {
        Tensor x = random(9, 1, 2, 2);
        assertThatThrownBy(() -> lrn.prepare(
                        Node.builder("LRN").name("n1").input(x.type()).build()))
                .hasMessageContaining("n1")
                .hasMessageContaining("size");
    }
}
