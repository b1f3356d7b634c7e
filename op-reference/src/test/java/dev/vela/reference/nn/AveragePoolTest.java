package dev.vela.reference.nn;

import static dev.vela.reference.nn.NnTesting.assertClose;
import static dev.vela.reference.nn.NnTesting.assertValues;
import static dev.vela.reference.nn.NnTesting.iota;
import static dev.vela.reference.nn.NnTesting.random;
import static dev.vela.reference.nn.NnTesting.run;
import static dev.vela.reference.nn.NnTesting.toChannelsFirst;
import static dev.vela.reference.nn.NnTesting.toChannelsLast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class AveragePoolTest {

    private final AveragePool pool = new AveragePool();

    private static Node.Builder node(Tensor x, int... kernel) {
        return Node.builder("AveragePool").name("ap").input(x.type()).attr("kernel_shape", kernel);
    }

    @Test
    void excludesPaddingFromTheCountByDefault() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 1, 3), 3, 6, 9);
        Tensor y = run(pool, node(x, 2).attr("pads", 1, 1).build(), x);
        assertValues(y, 3, 4.5f, 7.5f, 9);
        Tensor with = run(
                pool,
                node(x, 2).attr("pads", 1, 1).attr("count_include_pad", 1L).build(),
                x);
        assertValues(with, 1.5f, 4.5f, 7.5f, 4.5f);
    }

    @Test
    void ceilModeWindowPastThePaddingCountsOnlyWhatItCovers() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 1, 4), 1, 2, 3, 4);
        // kernel 3 stride 2, ceil: windows [0,3) and [2,5); the second holds 3 and 4 only
        Node n = node(x, 3)
                .attr("strides", new int[] {2})
                .attr("ceil_mode", 1L)
                .attr("count_include_pad", 1L)
                .build();
        assertValues(run(pool, n, x), 2, 3.5f);
    }

    @Test
    void dilations() {
        Tensor x = iota(1, 1, 1, 5);
        assertValues(run(pool, node(x, 1, 2).attr("dilations", 1, 4).build(), x), 2);
    }

    @Test
    void threeDimensional() {
        Tensor x = iota(1, 1, 2, 2, 2);
        Tensor y = run(pool, node(x, 2, 2, 2).build(), x);
        assertThat(y.shape()).isEqualTo(Shape.of(1, 1, 1, 1, 1));
        assertValues(y, 3.5f);
    }

    @Test
    void nhwcMatchesNchw() {
        Tensor x = random(8, 2, 3, 5, 6);
        Node nchw = node(x, 2, 3)
                .attr("pads", 1, 1, 0, 2)
                .attr("strides", 2, 2)
                .attr("count_include_pad", 1L)
                .build();
        Tensor xl = toChannelsLast(x);
        Node nhwc = node(xl, 2, 3)
                .attr("pads", 1, 1, 0, 2)
                .attr("strides", 2, 2)
                .attr("count_include_pad", 1L)
                .attr("data_format", "NHWC")
                .build();
        assertClose(toChannelsFirst(run(pool, nhwc, xl)), run(pool, nchw, x));
    }

    @Test
    void refusesInvalidNodes() {
        Tensor x = iota(1, 1, 4);
        assertThatThrownBy(() -> pool.prepare(node(x, 2).attr("pads", 1, 1, 1).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("ap")
                .hasMessageContaining("pads");
        assertThatThrownBy(() -> pool.prepare(node(x, 2).attr("pads", -1, 0).build()))
                .hasMessageContaining("negative");
        assertThatThrownBy(
                        () -> pool.prepare(node(x, 2).attr("data_format", "NCW").build()))
                .hasMessageContaining("data_format");
    }
}
