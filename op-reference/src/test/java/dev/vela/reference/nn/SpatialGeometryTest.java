package dev.vela.reference.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.reference.support.SpatialGeometry;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

/** The shared window geometry the nn kernels rely on (it lives in support, its users here). */
class SpatialGeometryTest {

    private static Node.Builder node() {
        return Node.builder("MaxPool").name("g").input(TensorType.of(DataType.FLOAT32, 1, 1, 7));
    }

    @Test
    void explicitPadsRoundDownOrUpWithCeilMode() {
        SpatialGeometry floor = SpatialGeometry.forWindow(node().attr("strides", new int[] {2}).attr("pads", 1, 0).build(),
                new int[] {7}, new int[] {3});
        assertThat(floor.output[2]).isEqualTo(3); // (7 + 1 - 3) / 2 + 1
        assertThat(floor.padBegin[2]).isEqualTo(1);
        assertThat(floor.output[0]).isEqualTo(1); // normalised leading dimensions
        SpatialGeometry ceil = SpatialGeometry.forWindow(node().attr("strides", new int[] {2}).attr("pads", 1, 0).build(),
                new int[] {7}, new int[] {3}, true);
        assertThat(ceil.output[2]).isEqualTo(4); // ceil(5 / 2) + 1; window 3 starts at 5 < 7 + 1
    }

    @Test
    void ceilModeDropsAWindowStartingInTheEndPadding() {
        SpatialGeometry g = SpatialGeometry.forWindow(node().attr("strides", new int[] {2}).attr("pads", 0, 1).build(),
                new int[] {2}, new int[] {1}, true);
        assertThat(g.output[2]).isEqualTo(1);
    }

    @Test
    void samePaddingSplitsTheTotal() {
        SpatialGeometry upper = SpatialGeometry.forWindow(node().attr("auto_pad", "SAME_UPPER")
                .attr("strides", new int[] {2}).build(), new int[] {7}, new int[] {4});
        // out = ceil(7 / 2) = 4, total = (4 - 1) * 2 + 4 - 7 = 3
        assertThat(upper.output[2]).isEqualTo(4);
        assertThat(upper.padBegin[2]).isEqualTo(1);
        assertThat(upper.padEnd[2]).isEqualTo(2);
        SpatialGeometry lower = SpatialGeometry.forWindow(node().attr("auto_pad", "SAME_LOWER")
                .attr("strides", new int[] {2}).build(), new int[] {7}, new int[] {4});
        assertThat(lower.padBegin[2]).isEqualTo(2);
        assertThat(lower.padEnd[2]).isEqualTo(1);
        SpatialGeometry valid = SpatialGeometry.forWindow(node().attr("auto_pad", "VALID").attr("dilations", new int[] {2})
                .build(), new int[] {7}, new int[] {3});
        assertThat(valid.output[2]).isEqualTo(3); // 7 - 5 + 1
        assertThat(valid.padBegin[2] + valid.padEnd[2]).isZero();
    }

    @Test
    void transposedOutputExtent() {
        SpatialGeometry g = SpatialGeometry.forTransposed(node().attr("strides", new int[] {3})
                .attr("output_padding", new int[] {1}).attr("pads", 1, 2).build(), new int[] {4}, new int[] {3});
        assertThat(g.output[2]).isEqualTo(3 * 3 + 1 + 3 - 3); // stride*(in-1) + output_padding + k - pads
    }

    @Test
    void refusesMalformedAttributes() {
        assertThatThrownBy(() -> SpatialGeometry.forWindow(node().attr("dilations", 1, 1).build(), new int[] {7},
                new int[] {3})).isInstanceOf(InvalidNodeException.class).hasMessageContaining("g")
                .hasMessageContaining("dilations");
        assertThatThrownBy(() -> SpatialGeometry.forWindow(node().attr("auto_pad", "FULL").build(), new int[] {7},
                new int[] {3})).hasMessageContaining("auto_pad");
        assertThatThrownBy(() -> SpatialGeometry.forWindow(node().build(), new int[] {7}, new int[] {0}))
                .hasMessageContaining("kernel");
    }

    @Test
    void padsNearIntMaxAreRefusedNotWrappedAround() {
        // int arithmetic wrapped 7 + (2^31-1) + (2^31-1) to 5 and gave a plausible output extent of 3
        int max = Integer.MAX_VALUE;
        assertThatThrownBy(() -> SpatialGeometry.forWindow(node().attr("pads", max, max).build(), new int[] {7},
                new int[] {3})).isInstanceOf(InvalidNodeException.class).hasMessageContaining("node 'g'")
                .hasMessageContaining("pads " + max + " and " + max).hasMessageContaining("more than 2^31-1");
        assertThatThrownBy(() -> SpatialGeometry.forWindow(node().attr("dilations", new int[] {max}).build(),
                new int[] {7}, new int[] {3})).isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("dilation " + max);
        assertThatThrownBy(() -> SpatialGeometry.forTransposed(node().attr("strides", new int[] {max}).build(),
                new int[] {7}, new int[] {3})).isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("stride " + max);
        // large but representable: exact
        SpatialGeometry g = SpatialGeometry.forWindow(node().attr("pads", max - 20, 0).attr("strides",
                new int[] {max}).build(), new int[] {7}, new int[] {3});
        assertThat(g.output[2]).isEqualTo(1); // (7 + 2^31-21 - 3) / (2^31-1) + 1
    }

    @Test
    void transposedRefusesNegativePadsAndOutputShape() {
        assertThatThrownBy(() -> SpatialGeometry.forTransposed(node().attr("pads", -1, 0).build(), new int[] {4},
                new int[] {3})).isInstanceOf(InvalidNodeException.class).hasMessageContaining("pads");
        assertThatThrownBy(() -> SpatialGeometry.forTransposed(node().attr("output_shape", new int[] {-4}).build(),
                new int[] {4}, new int[] {3})).isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("output_shape");
    }
}
