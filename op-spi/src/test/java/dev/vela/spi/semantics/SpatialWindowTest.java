package dev.vela.spi.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

/** The window geometry every party resolves the same way (reference, kit, samples). */
class SpatialWindowTest {

    private static Node.Builder node() {
        return Node.builder("MaxPool").name("g").input(TensorType.of(DataType.FLOAT32, 1, 1, 7));
    }

    @Test
    void explicitPadsRoundDownOrUpWithCeilMode() {
        SpatialWindow floor = SpatialWindow.of(
                node().attr("strides", new int[] {2}).attr("pads", 1, 0).build(), new int[] {7}, new int[] {3});
        assertThat(floor.output(0)).isEqualTo(3); // (7 + 1 - 3) / 2 + 1
        assertThat(floor.padBegin(0)).isEqualTo(1);
        SpatialWindow ceil = SpatialWindow.of(
                node().attr("strides", new int[] {2}).attr("pads", 1, 0).build(), new int[] {7}, new int[] {3}, true);
        assertThat(ceil.output(0)).isEqualTo(4); // ceil(5 / 2) + 1; window 3 starts at 5 < 7 + 1
    }

    @Test
    void ceilModeDropsAWindowStartingInTheEndPadding() {
        SpatialWindow g = SpatialWindow.of(
                node().attr("strides", new int[] {2}).attr("pads", 0, 1).build(), new int[] {2}, new int[] {1}, true);
        assertThat(g.output(0)).isEqualTo(1);
    }

    @Test
    void samePaddingSplitsTheTotal() {
        SpatialWindow upper = SpatialWindow.of(
                node().attr("auto_pad", "SAME_UPPER")
                        .attr("strides", new int[] {2})
                        .build(),
                new int[] {7},
                new int[] {4});
        // out = ceil(7 / 2) = 4, total = (4 - 1) * 2 + 4 - 7 = 3
        assertThat(upper.output(0)).isEqualTo(4);
        assertThat(upper.padBegin(0)).isEqualTo(1);
        assertThat(upper.padEnd(0)).isEqualTo(2);
        SpatialWindow lower = SpatialWindow.of(
                node().attr("auto_pad", "SAME_LOWER")
                        .attr("strides", new int[] {2})
                        .build(),
                new int[] {7},
                new int[] {4});
        assertThat(lower.padBegin(0)).isEqualTo(2);
        assertThat(lower.padEnd(0)).isEqualTo(1);
        SpatialWindow valid = SpatialWindow.of(
                node().attr("auto_pad", "VALID")
                        .attr("dilations", new int[] {2})
                        .build(),
                new int[] {7},
                new int[] {3});
        assertThat(valid.output(0)).isEqualTo(3); // 7 - 5 + 1
        assertThat(valid.padBegin(0) + valid.padEnd(0)).isZero();
    }

    @Test
    void transposedOutputExtent() {
        SpatialWindow g = SpatialWindow.transposed(
                node().attr("strides", new int[] {3})
                        .attr("output_padding", new int[] {1})
                        .attr("pads", 1, 2)
                        .build(),
                new int[] {4},
                new int[] {3});
        assertThat(g.output(0)).isEqualTo(3 * 3 + 1 + 3 - 3); // stride*(in-1) + output_padding + k - pads
    }

    @Test
    void refusesMalformedAttributes() {
        assertThatThrownBy(() -> SpatialWindow.of(node().attr("dilations", 1, 1).build(), new int[] {7}, new int[] {3}))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("g")
                .hasMessageContaining("dilations");
        assertThatThrownBy(
                        () -> SpatialWindow.of(node().attr("auto_pad", "FULL").build(), new int[] {7}, new int[] {3}))
                .hasMessageContaining("auto_pad");
        assertThatThrownBy(() -> SpatialWindow.of(node().build(), new int[] {7}, new int[] {0}))
                .hasMessageContaining("kernel");
    }

    @Test
    void padsNearIntMaxAreRefusedNotWrappedAround() {
        // int arithmetic wrapped 7 + (2^31-1) + (2^31-1) to 5 and gave a plausible output extent of 3
        int max = Integer.MAX_VALUE;
        assertThatThrownBy(() -> SpatialWindow.of(node().attr("pads", max, max).build(), new int[] {7}, new int[] {3}))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("node 'g'")
                .hasMessageContaining("pads " + max + " and " + max)
                .hasMessageContaining("more than 2^31-1");
        assertThatThrownBy(() -> SpatialWindow.of(
                        node().attr("dilations", new int[] {max}).build(), new int[] {7}, new int[] {3}))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("dilation " + max);
        assertThatThrownBy(() -> SpatialWindow.transposed(
                        node().attr("strides", new int[] {max}).build(), new int[] {7}, new int[] {3}))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("stride " + max);
        // large but representable: exact
        SpatialWindow g = SpatialWindow.of(
                node().attr("pads", max - 20, 0)
                        .attr("strides", new int[] {max})
                        .build(),
                new int[] {7},
                new int[] {3});
        assertThat(g.output(0)).isEqualTo(1); // (7 + 2^31-21 - 3) / (2^31-1) + 1
    }

    @Test
    void transposedRefusesNegativePadsAndOutputShape() {
        assertThatThrownBy(() ->
                        SpatialWindow.transposed(node().attr("pads", -1, 0).build(), new int[] {4}, new int[] {3}))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("pads");
        assertThatThrownBy(() -> SpatialWindow.transposed(
                        node().attr("output_shape", new int[] {-4}).build(), new int[] {4}, new int[] {3}))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("output_shape");
    }

    @Test
    void windowStartsFollowStrideAndBeginPadding() {
        Node n = Node.builder("Conv")
                .name("c")
                .attr("strides", 2, 1)
                .attr("pads", 1, 0, 1, 2)
                .build();
        SpatialWindow w = SpatialWindow.of(n, new int[] {5, 4}, new int[] {3, 3});
        assertThat(w.outputs()).containsExactly(3, 4); // (5 + 2 - 3) / 2 + 1, (4 + 2 - 3) / 1 + 1
        assertThat(w.windowStart(0, 0)).isEqualTo(-1);
        assertThat(w.windowStart(0, 2)).isEqualTo(3);
        assertThat(w.windowStart(1, 3)).isEqualTo(3);
        assertThat(w.effectiveKernel(0)).isEqualTo(3);
        assertThatThrownBy(() -> w.windowStart(0, 3))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("node 'c'");
    }

    @Test
    void sameLowerPutsTheOddUnitFirstOnBothAxes() {
        // TFLite SAME is SAME_UPPER; 2x4 kernel on 5x6, stride 1: totals 1 and 3
        Node upper =
                Node.builder("Conv").name("u").attr("auto_pad", "SAME_UPPER").build();
        Node lower =
                Node.builder("Conv").name("l").attr("auto_pad", "SAME_LOWER").build();
        SpatialWindow u = SpatialWindow.of(upper, new int[] {5, 6}, new int[] {2, 4});
        SpatialWindow l = SpatialWindow.of(lower, new int[] {5, 6}, new int[] {2, 4});
        assertThat(u.outputs()).containsExactly(5, 6);
        assertThat(u.padsBegin()).containsExactly(0, 1);
        assertThat(u.padsEnd()).containsExactly(1, 2);
        assertThat(l.padsBegin()).containsExactly(1, 2);
        assertThat(l.padsEnd()).containsExactly(0, 1);
        assertThat(u.autoPad()).isEqualTo(AutoPad.SAME_UPPER);
    }

    @Test
    void ceilModeIsZeroOrOne() {
        assertThat(SpatialWindow.ceilMode(node().build())).isFalse();
        assertThat(SpatialWindow.ceilMode(node().attr("ceil_mode", 1L).build())).isTrue();
        assertThatThrownBy(() ->
                        SpatialWindow.ceilMode(node().attr("ceil_mode", 2L).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("node 'g'")
                .hasMessageContaining("ceil_mode");
    }

    @Test
    void kernelRankMustMatchTheInput() {
        assertThatThrownBy(() -> SpatialWindow.of(node().build(), new int[] {7, 7}, new int[] {3}))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("node 'g'")
                .hasMessageContaining("spatial extents");
    }

    @Test
    void windowThatDoesNotFitIsRefused() {
        assertThatThrownBy(() -> SpatialWindow.of(node().build(), new int[] {2}, new int[] {3}))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("does not fit");
    }

    @Test
    void transposedWindowStartsScatterFromInputPositions() {
        SpatialWindow g = SpatialWindow.transposed(
                node().attr("strides", new int[] {2}).attr("pads", 1, 1).build(), new int[] {3}, new int[] {3});
        assertThat(g.isTransposed()).isTrue();
        assertThat(g.output(0)).isEqualTo(2 * 2 + 3 - 2);
        assertThat(g.windowStart(0, 2)).isEqualTo(3); // input 2 writes output 2 * 2 - 1 first
    }
}
