package dev.vela.reference.quantized;

import static dev.vela.reference.quantized.QuantTesting.int16;
import static dev.vela.reference.quantized.QuantTesting.int8;
import static dev.vela.reference.quantized.QuantTesting.node;
import static dev.vela.reference.quantized.QuantTesting.run1;
import static dev.vela.reference.quantized.QuantTesting.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import org.junit.jupiter.api.Test;

class QuantizedPoolAndMeanTest {

    private final QuantizedPool avg = new QuantizedPool("AveragePool");
    private final QuantizedPool max = new QuantizedPool("MaxPool");
    private final QuantizedReduceMean mean = new QuantizedReduceMean();

    private static Node pool(String op, Tensor x, String layout, int kh, int kw) {
        return Node.builder(op)
                .name("p")
                .input(x.type())
                .attr("data_format", layout)
                .attr("kernel_shape", kh, kw)
                .attr("strides", kh, kw)
                .build();
    }

    @Test
    void averageRoundsHalfAwayFromZero() {
        Tensor x = int8(Shape.of(1, 2, 2, 1), 0.5f, 0, 1, 2, -1, -2);
        // rows: (1 + 2) / 2 = 1.5 -> 2; (-1 - 2) / 2 = -1.5 -> -2
        assertThat(values(run1(avg, pool("AveragePool", x, "NHWC", 1, 2), x))).containsExactly(2, -2);
        Tensor x4 = int8(Shape.of(1, 2, 2, 1), 0.5f, 0, 1, 2, 4, -8);
        // -1 / 4: (-1 - 2) / 4 truncates to 0
        assertThat(values(run1(avg, pool("AveragePool", x4, "NHWC", 2, 2), x4))).containsExactly(0);
    }

    @Test
    void averageExcludesPaddingInBothLayouts() {
        Tensor x = int8(Shape.of(1, 2, 2, 1), 1f, 0, 1, 2, 3, 4);
        Node n = Node.builder("AveragePool")
                .input(x.type())
                .attr("data_format", "NHWC")
                .attr("kernel_shape", 3, 3)
                .attr("auto_pad", "SAME_UPPER")
                .build();
        // every window sees the 4 inputs: (10 + 2) / 4 = 3
        assertThat(values(run1(avg, n, x))).containsExactly(3, 3, 3, 3);
        Tensor c = int8(Shape.of(1, 2, 1, 2), 1f, 0, 1, 5, -3, 7);
        Node nchw = Node.builder("MaxPool")
                .input(c.type())
                .attr("kernel_shape", 1, 2)
                .build();
        Tensor y = run1(max, nchw, c);
        assertThat(y.shape()).isEqualTo(Shape.of(1, 2, 1, 1));
        assertThat(values(y)).containsExactly(5, 7);
    }

    @Test
    void maxPoolWithFusedRelu6AndInt16() {
        Tensor x = int8(Shape.of(1, 1, 2, 1), 0.5f, 0, 20, -4);
        Node n = Node.builder("MaxPool")
                .input(x.type())
                .attr("data_format", "NHWC")
                .attr("kernel_shape", 1, 1)
                .attr("activation", "Clip")
                .attr("activation_params", 0f, 6f)
                .build();
        assertThat(values(run1(max, n, x))).containsExactly(12, 0);
        Tensor x16 = int16(Shape.of(1, 1, 2, 1), 1f, 30000, -30000);
        assertThat(values(run1(max, pool("MaxPool", x16, "NHWC", 1, 2), x16))).containsExactly(30000);
    }

    @Test
    void poolRefusesDifferentOutputParameters() {
        Tensor x = int8(Shape.of(1, 1, 2, 1), 0.5f, 0, 1, 2);
        Node n = node("AveragePool", 0.25f, 0, x)
                .attr("data_format", "NHWC")
                .attr("kernel_shape", 1, 2)
                .build();
        assertThatThrownBy(() -> avg.prepare(n))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("averagepool_under_test")
                .hasMessageContaining("same quantization");
    }

    @Test
    void meanFoldsTheCountIntoTheMultiplier() {
        // multiplier 1.0 = (2^30, 1), count 4: shift 2 -> (2^30, -1); 10 -> 5 -> 2.5 -> 3
        Tensor x = int8(Shape.of(2, 4), 1f, 0, 1, 2, 3, 4, -1, -2, -3, -4);
        Node n = Node.builder("ReduceMean")
                .input(x.type())
                .attr("axes", new int[] {1})
                .build();
        Tensor y = run1(mean, n, x);
        assertThat(y.shape()).isEqualTo(Shape.of(2, 1));
        assertThat(values(y)).containsExactly(3, -3);
        // count 3: multiplier (2^31 / 3) truncated = 715827882, shift 0: SRDHM(4, .) = 1
        Tensor x3 = int8(Shape.of(3), 1f, 0, 1, 1, 2);
        assertThat(values(run1(
                        mean,
                        Node.builder("ReduceMean")
                                .input(x3.type())
                                .attr("keepdims", 0L)
                                .build(),
                        x3)))
                .containsExactly(1);
    }

    @Test
    void meanRequantizesWithZeroPoints() {
        Tensor x = int8(Shape.of(1, 2, 2, 1), 1f, -1, 0, 1, 2, 3); // real 1, 2, 3, 4
        Node n = node("ReduceMean", 0.5f, 2, x)
                .attr("axes", 1, 2)
                .attr("keepdims", 0L)
                .build();
        Tensor y = run1(mean, n, x);
        assertThat(y.shape()).isEqualTo(Shape.of(1, 1));
        assertThat(values(y)).containsExactly(7); // 2.5 / 0.5 + 2
    }

    @Test
    void poolPadsNearIntMaxAreRefusedNotWrappedAround() {
        Tensor x = int8(Shape.of(1, 4, 4, 1), 0.5f, 0, new long[16]);
        int big = Integer.MAX_VALUE;
        Node n = node("MaxPool", 0.5f, 0, x)
                .attr("data_format", "NHWC")
                .attr("kernel_shape", 2, 2)
                .attr("pads", big, 0, big, 0)
                .build();
        assertThatThrownBy(() -> max.prepare(n))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("pads " + big + " and " + big)
                .hasMessageContaining("more than 2^31-1");
        Node dilated = node("MaxPool", 0.5f, 0, x)
                .attr("data_format", "NHWC")
                .attr("kernel_shape", 2, 2)
                .attr("dilations", big, 1)
                .build();
        assertThatThrownBy(() -> max.prepare(dilated))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("dilation " + big);
    }
}
