package dev.vela.reference.nn;

import static dev.vela.reference.nn.NnTesting.assertValues;
import static dev.vela.reference.nn.NnTesting.iota;
import static dev.vela.reference.nn.NnTesting.run;
import static dev.vela.reference.nn.NnTesting.toChannelsFirst;
import static dev.vela.reference.nn.NnTesting.toChannelsLast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class DepthToSpaceTest {

    private final DepthToSpace d2s = new DepthToSpace();
    private final SpaceToDepth s2d = new SpaceToDepth();

    @Test
    void dcrAndCrdOrders() {
        Tensor x = iota(1, 8, 1, 1); // channel k holds k
        Node dcr = Node.builder("DepthToSpace")
                .input(x.type())
                .attr("blocksize", 2L)
                .build();
        Tensor y = run(d2s, dcr, x);
        assertThat(y.shape()).isEqualTo(Shape.of(1, 2, 2, 2));
        // DCR: out[c][i][j] = in[(i*2 + j) * 2 + c]
        assertValues(y, 0, 2, 4, 6, 1, 3, 5, 7);
        Node crd = Node.builder("DepthToSpace")
                .input(x.type())
                .attr("blocksize", 2L)
                .attr("mode", "CRD")
                .build();
        // CRD: out[c][i][j] = in[c * 4 + i * 2 + j]
        assertValues(run(d2s, crd, x), 0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void spaceToDepthInvertsDcrInBothLayouts() {
        Tensor x = iota(2, 3, 4, 6);
        Node down = Node.builder("SpaceToDepth")
                .input(x.type())
                .attr("blocksize", 2L)
                .build();
        Tensor deep = run(s2d, down, x);
        assertThat(deep.shape()).isEqualTo(Shape.of(2, 12, 2, 3));
        // output channel (i*2 + j) * C + c at (h, w) reads (c, 2h + i, 2w + j): channel 3 is (i=0, j=1, c=0)
        assertThat(deep.getDouble(3 * 6)).isEqualTo(x.getDouble(1));
        Tensor back = run(
                d2s,
                Node.builder("DepthToSpace")
                        .input(deep.type())
                        .attr("blocksize", 2L)
                        .build(),
                deep);
        assertThat(back.toFloatArray()).containsExactly(x.toFloatArray());
        Tensor xl = toChannelsLast(x);
        Tensor deepL = run(
                s2d,
                Node.builder("SpaceToDepth")
                        .input(xl.type())
                        .attr("blocksize", 2L)
                        .attr("data_format", "NHWC")
                        .build(),
                xl);
        assertThat(toChannelsFirst(deepL).toFloatArray()).containsExactly(deep.toFloatArray());
        Tensor backL = run(
                d2s,
                Node.builder("DepthToSpace")
                        .input(deepL.type())
                        .attr("blocksize", 2L)
                        .attr("data_format", "NHWC")
                        .build(),
                deepL);
        assertThat(backL.toFloatArray()).containsExactly(xl.toFloatArray());
    }

    @Test
    void refusesIndivisibleShapes() {
        Tensor x = iota(1, 6, 2, 2);
        assertThatThrownBy(() -> d2s.prepare(Node.builder("DepthToSpace")
                        .name("d")
                        .input(x.type())
                        .attr("blocksize", 2L)
                        .build()))
                .hasMessageContaining("d")
                .hasMessageContaining("divide");
        assertThatThrownBy(() -> s2d.prepare(Node.builder("SpaceToDepth")
                        .input(x.type())
                        .attr("blocksize", 3L)
                        .build()))
                .hasMessageContaining("divide");
        assertThatThrownBy(() -> d2s.prepare(Node.builder("DepthToSpace")
                        .input(x.type())
                        .attr("blocksize", 1L)
                        .attr("mode", "XYZ")
                        .build()))
                .hasMessageContaining("mode");
        Tensor r3 = iota(1, 4, 2);
        assertThatThrownBy(() -> d2s.prepare(Node.builder("DepthToSpace")
                        .input(r3.type())
                        .attr("blocksize", 2L)
                        .build()))
                .hasMessageContaining("rank");
    }
}
