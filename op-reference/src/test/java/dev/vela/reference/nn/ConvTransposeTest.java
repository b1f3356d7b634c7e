package dev.vela.reference.nn;

import static dev.vela.reference.nn.NnTesting.assertClose;
import static dev.vela.reference.nn.NnTesting.assertValues;
import static dev.vela.reference.nn.NnTesting.random;
import static dev.vela.reference.nn.NnTesting.run;
import static dev.vela.reference.nn.NnTesting.toChannelsFirst;
import static dev.vela.reference.nn.NnTesting.toChannelsLast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

class ConvTransposeTest {

    private final ConvTranspose deconv = new ConvTranspose();

    private static Node.Builder node(Tensor x, Tensor w) {
        return Node.builder("ConvTranspose").name("up").input(x.type()).input(w.type());
    }

    @Test
    void scattersEachInputThroughTheKernel() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 1, 2), 1, 2);
        Tensor w = Tensor.ofFloats(Shape.of(1, 1, 3), 1, 10, 100);
        // stride 1: out[o] = sum x[i] w[o - i] over length 2 + 3 - 1 = 4
        assertValues(run(deconv, node(x, w).build(), x, w), 1, 12, 120, 200);
        // stride 2: positions 0..2 and 2..4, overlapping at 2; length 2*(2-1)+3 = 5
        assertValues(run(deconv, node(x, w).attr("strides", new int[] {2}).build(), x, w), 1, 10, 102, 20, 200);
    }

    @Test
    void padsCropAndOutputPaddingExtends() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 1, 2), 1, 2);
        Tensor w = Tensor.ofFloats(Shape.of(1, 1, 3), 1, 10, 100);
        Node cropped =
                node(x, w).attr("strides", new int[] {2}).attr("pads", 1, 2).build();
        assertValues(run(deconv, cropped, x, w), 10, 102);
        Node extended = node(x, w)
                .attr("strides", new int[] {2})
                .attr("output_padding", new int[] {1})
                .build();
        assertValues(run(deconv, extended, x, w), 1, 10, 102, 20, 200, 0);
    }

    @Test
    void outputShapeAndAutoPadChoosePads() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 1, 2), 1, 2);
        Tensor w = Tensor.ofFloats(Shape.of(1, 1, 3), 1, 10, 100);
        // full output 5, target 4: total padding 1, NOTSET puts it at the start
        Tensor y = run(
                deconv,
                node(x, w)
                        .attr("strides", new int[] {2})
                        .attr("output_shape", new int[] {4})
                        .build(),
                x,
                w);
        assertValues(y, 10, 102, 20, 200);
        // SAME_UPPER: output in * stride = 4, the odd unit of padding at the end
        Tensor same = run(
                deconv,
                node(x, w)
                        .attr("strides", new int[] {2})
                        .attr("auto_pad", "SAME_UPPER")
                        .build(),
                x,
                w);
        assertValues(same, 1, 10, 102, 20);
        // output_shape past the full output extends with zeros at the end
        Tensor longer = run(
                deconv,
                node(x, w)
                        .attr("strides", new int[] {2})
                        .attr("output_shape", new int[] {6})
                        .build(),
                x,
                w);
        assertValues(longer, 1, 10, 102, 20, 200, 0);
    }

    @Test
    void groupsAndBias() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 2, 1), 1, 2);
        Tensor w = Tensor.ofFloats(Shape.of(2, 1, 2), 1, 10, 3, 30); // [C, M/group, k]
        Tensor b = Tensor.ofFloats(Shape.of(2), 0.5f, -0.5f);
        Tensor y = run(deconv, node(x, w).input(b.type()).attr("group", 2).build(), x, w, b);
        assertThat(y.shape()).isEqualTo(Shape.of(1, 2, 2));
        assertValues(y, 1.5f, 10.5f, 5.5f, 59.5f);
    }

    @Test
    void nhwcMatchesNchw() {
        Tensor x = random(4, 2, 4, 3, 3);
        Tensor w = random(5, 4, 3, 2, 3); // [C=4, M/group=3, kH, kW], group 2 -> M = 6
        Tensor b = random(6, 6);
        Node nchw = node(x, w)
                .input(b.type())
                .attr("group", 2)
                .attr("strides", 2, 1)
                .attr("pads", 1, 0, 0, 1)
                .attr("output_padding", 1, 0)
                .attr("dilations", 1, 2)
                .build();
        Tensor expected = run(deconv, nchw, x, w, b);
        // NHWC weights [M, kH, kW, C/group]: W'[g*3 + m, kh, kw, ci] = W[g*2 + ci, m, kh, kw]
        Tensor wl = Tensor.ofFloats(Shape.of(6, 2, 3, 2), new float[72]);
        for (int g = 0; g < 2; g++) {
            for (int ci = 0; ci < 2; ci++) {
                for (int m = 0; m < 3; m++) {
                    for (int k = 0; k < 6; k++) {
                        wl.setDouble(((g * 3 + m) * 6 + k) * 2 + ci, w.getDouble(((g * 2 + ci) * 3 + m) * 6 + k));
                    }
                }
            }
        }
        Tensor xl = toChannelsLast(x);
        Node nhwc = node(xl, wl)
                .input(b.type())
                .attr("group", 2)
                .attr("strides", 2, 1)
                .attr("pads", 1, 0, 0, 1)
                .attr("output_padding", 1, 0)
                .attr("dilations", 1, 2)
                .attr("data_format", "NHWC")
                .build();
        assertClose(toChannelsFirst(run(deconv, nhwc, xl, wl, b)), expected);
    }

    @Test
    void emptyBatchAndThreeDimensions() {
        Tensor empty = Tensor.allocate(TensorType.of(DataType.FLOAT32, 0, 1, 2));
        Tensor w = Tensor.ofFloats(Shape.of(1, 2, 2), 1, 1, 1, 1);
        assertThat(run(deconv, node(empty, w).build(), empty, w).shape()).isEqualTo(Shape.of(0, 2, 3));
        Tensor x3 = Tensor.ofFloats(Shape.of(1, 1, 1, 1, 2), 1, 2);
        Tensor w3 = Tensor.ofFloats(Shape.of(1, 1, 2, 1, 1), 1, 10);
        Tensor y = run(deconv, node(x3, w3).build(), x3, w3);
        assertThat(y.shape()).isEqualTo(Shape.of(1, 1, 2, 1, 2));
        assertValues(y, 1, 2, 10, 20);
    }

    @Test
    void refusesInvalidNodes() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 2, 3), new float[6]);
        Tensor w = Tensor.ofFloats(Shape.of(3, 1, 2), new float[6]);
        assertThatThrownBy(() -> deconv.prepare(node(x, w).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("up")
                .hasMessageContaining("input channels");
        Tensor w2 = Tensor.ofFloats(Shape.of(2, 1, 2), new float[4]);
        assertThatThrownBy(() -> deconv.prepare(node(x, w2).attr("group", 3).build()))
                .hasMessageContaining("group");
        assertThatThrownBy(() -> deconv.prepare(node(x, w2)
                        .attr("output_padding", new int[] {2})
                        .attr("strides", new int[] {2})
                        .build()))
                .hasMessageContaining("output_padding");
        assertThatThrownBy(() ->
                        deconv.prepare(node(x, w2).attr("auto_pad", "bogus").build()))
                .hasMessageContaining("auto_pad");
        assertThatThrownBy(() -> deconv.prepare(node(x, w2).attr("pads", 3, 3).build()))
                .hasMessageContaining("no output");
        Tensor w3 = Tensor.ofFloats(Shape.of(2, 1, 2, 1), new float[4]);
        assertThatThrownBy(() -> deconv.prepare(node(x, w3).build())).hasMessageContaining("rank");
    }
}
