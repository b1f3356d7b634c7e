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

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import org.junit.jupiter.api.Test;

class ConvTest {

    private final Conv conv = new Conv();

    private static Node.Builder node(Tensor x, Tensor w) {
        return Node.builder("Conv").name("c1").input(x.type()).input(w.type());
    }

    @Test
    void claimsBothLayouts() {
        assertThat(conv.claims())
                .containsExactlyInAnyOrder(
                        new KernelClaim(OpId.of("Conv"), DataType.FLOAT32, Layout.NCHW),
                        new KernelClaim(OpId.of("Conv"), DataType.FLOAT32, Layout.NHWC));
    }

    @Test
    void sumsWindowWithoutPadding() {
        Tensor x = iota(1, 1, 3, 3); // 0..8
        Tensor w = Tensor.ofFloats(Shape.of(1, 1, 2, 2), 1, 2, 3, 4);
        Tensor y = run(conv, node(x, w).build(), x, w);
        // y[0,0] = 0*1 + 1*2 + 3*3 + 4*4 = 27; each step right adds 10, each step down 30
        assertThat(y.shape()).isEqualTo(Shape.of(1, 1, 2, 2));
        assertValues(y, 27, 37, 57, 67);
    }

    @Test
    void addsBiasAndHonoursAsymmetricPadsAndStrides() {
        Tensor x = iota(1, 1, 3, 3);
        Tensor w = Tensor.ofFloats(Shape.of(1, 1, 1, 1), 2);
        Tensor b = Tensor.ofFloats(Shape.of(1), 0.5f);
        // pads top 1, left 0, bottom 0, right 1; stride 2: rows -1, 1; cols 0, 2
        Node n = node(x, w)
                .input(b.type())
                .attr("pads", 1, 0, 0, 1)
                .attr("strides", 2, 2)
                .build();
        Tensor y = run(conv, n, x, w, b);
        assertThat(y.shape()).isEqualTo(Shape.of(1, 1, 2, 2));
        assertValues(y, 0.5f, 0.5f, 2 * 3 + 0.5f, 2 * 5 + 0.5f);
    }

    @Test
    void dilatesTheKernel() {
        Tensor x = iota(1, 1, 1, 5);
        Tensor w = Tensor.ofFloats(Shape.of(1, 1, 1, 2), 1, 1);
        Tensor y = run(conv, node(x, w).attr("dilations", 1, 3).build(), x, w);
        assertValues(y, 0 + 3, 1 + 4); // taps 3 apart
    }

    @Test
    void autoPadSameUpperAndLowerPlaceTheOddPadding() {
        Tensor x = iota(1, 1, 4);
        Tensor w = Tensor.ofFloats(Shape.of(1, 1, 2), 1, 10);
        // total padding 1: SAME_UPPER pads the end -> windows (0,1),(1,2),(2,3),(3,pad)
        Tensor upper = run(conv, node(x, w).attr("auto_pad", "SAME_UPPER").build(), x, w);
        assertValues(upper, 10, 21, 32, 3);
        // SAME_LOWER pads the start -> (pad,0),(0,1),(1,2),(2,3)
        Tensor lower = run(conv, node(x, w).attr("auto_pad", "SAME_LOWER").build(), x, w);
        assertValues(lower, 0, 10, 21, 32);
        Tensor valid = run(
                conv, node(x, w).attr("auto_pad", "VALID").attr("pads", 5, 5).build(), x, w);
        assertValues(valid, 10, 21, 32);
    }

    @Test
    void groupedAndDepthwise() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 2, 1, 2), 1, 2, 10, 20);
        // depthwise with multiplier 2: output channels 0,1 read input channel 0; 2,3 read channel 1
        Tensor w = Tensor.ofFloats(Shape.of(4, 1, 1, 1), 1, 2, 3, 4);
        Tensor y = run(conv, node(x, w).attr("group", 2).build(), x, w);
        assertThat(y.shape()).isEqualTo(Shape.of(1, 4, 1, 2));
        assertValues(y, 1, 2, 2, 4, 30, 60, 40, 80);
    }

    @Test
    void oneAndThreeSpatialDimensions() {
        Tensor x1 = iota(1, 1, 4);
        Tensor w1 = Tensor.ofFloats(Shape.of(1, 1, 3), 1, 1, 1);
        assertValues(run(conv, node(x1, w1).attr("pads", 1, 1).build(), x1, w1), 1, 3, 6, 5);
        Tensor x3 = iota(1, 1, 2, 2, 2);
        Tensor w3 = Tensor.ofFloats(Shape.of(1, 1, 2, 2, 2), 1, 1, 1, 1, 1, 1, 1, 1);
        Tensor y3 = run(conv, node(x3, w3).build(), x3, w3);
        assertThat(y3.shape()).isEqualTo(Shape.of(1, 1, 1, 1, 1));
        assertValues(y3, 28);
    }

    @Test
    void matchesANaiveConvolutionOnAnAwkwardConfiguration() {
        Tensor x = random(11, 2, 4, 9, 8);
        Tensor w = random(12, 6, 2, 3, 2); // group 2
        Tensor b = random(13, 6);
        int[] stride = {2, 3};
        int[] dil = {2, 1};
        int[] pads = {2, 0, 1, 3}; // top, left, bottom, right
        Node n = node(x, w)
                .input(b.type())
                .attr("group", 2)
                .attr("strides", stride)
                .attr("dilations", dil)
                .attr("pads", pads)
                .build();
        Tensor y = run(conv, n, x, w, b);
        int outH = (9 + 2 + 1 - ((3 - 1) * 2 + 1)) / 2 + 1;
        int outW = (8 + 0 + 3 - 2) / 3 + 1;
        assertThat(y.shape()).isEqualTo(Shape.of(2, 6, outH, outW));
        float[] xv = x.toFloatArray();
        float[] wv = w.toFloatArray();
        float[] expected = new float[2 * 6 * outH * outW];
        for (int bn = 0; bn < 2; bn++) {
            for (int m = 0; m < 6; m++) {
                for (int oh = 0; oh < outH; oh++) {
                    for (int ow = 0; ow < outW; ow++) {
                        double sum = b.getDouble(m);
                        for (int ci = 0; ci < 2; ci++) {
                            int c = (m / 3) * 2 + ci;
                            for (int kh = 0; kh < 3; kh++) {
                                for (int kw = 0; kw < 2; kw++) {
                                    int ih = oh * 2 - 2 + kh * 2;
                                    int iw = ow * 3 - 0 + kw;
                                    if (ih >= 0 && ih < 9 && iw >= 0 && iw < 8) {
                                        sum += xv[((bn * 4 + c) * 9 + ih) * 8 + iw]
                                                * wv[((m * 2 + ci) * 3 + kh) * 2 + kw];
                                    }
                                }
                            }
                        }
                        expected[((bn * 6 + m) * outH + oh) * outW + ow] = (float) sum;
                    }
                }
            }
        }
        assertValues(y, expected);
    }

    @Test
    void nhwcMatchesNchw() {
        Tensor x = random(1, 2, 4, 5, 6);
        Tensor w = random(2, 6, 2, 3, 2); // group 2: 4 channels -> 2 per group
        Tensor b = random(3, 6);
        Node nchw = node(x, w)
                .input(b.type())
                .attr("group", 2)
                .attr("pads", 1, 0, 2, 1)
                .attr("strides", 2, 1)
                .attr("dilations", 1, 2)
                .build();
        Tensor expected = run(conv, nchw, x, w, b);
        Tensor xl = toChannelsLast(x);
        Tensor wl = toChannelsLast(w);
        Node nhwc = node(xl, wl)
                .input(b.type())
                .attr("group", 2)
                .attr("pads", 1, 0, 2, 1)
                .attr("strides", 2, 1)
                .attr("dilations", 1, 2)
                .attr("data_format", "NHWC")
                .build();
        assertClose(toChannelsFirst(run(conv, nhwc, xl, wl, b)), expected);
    }

    @Test
    void depthwiseNhwcUsesTfliteWeightOrder() {
        Tensor x = Tensor.ofFloats(Shape.of(1, 1, 2, 2), 1, 10, 2, 20); // [N, H, W, C] with C = 2
        Tensor w = Tensor.ofFloats(Shape.of(2, 1, 1, 1), 3, 5); // [C*1, kH, kW, 1]
        Node n = node(x, w).attr("group", 2).attr("data_format", "NHWC").build();
        assertValues(run(conv, n, x, w), 3, 50, 6, 100);
    }

    @Test
    void emptyBatchGivesEmptyOutput() {
        Tensor x = Tensor.allocate(TensorType.of(DataType.FLOAT32, 0, 1, 3, 3));
        Tensor w = Tensor.ofFloats(Shape.of(2, 1, 2, 2), 1, 1, 1, 1, 1, 1, 1, 1);
        assertThat(run(conv, node(x, w).build(), x, w).shape()).isEqualTo(Shape.of(0, 2, 2, 2));
    }

    @Test
    void kernelShapeComesFromWeightsAndMustMatchIfGiven() {
        Tensor x = iota(1, 1, 3, 3);
        Tensor w = Tensor.ofFloats(Shape.of(1, 1, 2, 2), 1, 1, 1, 1);
        assertThatThrownBy(
                        () -> conv.prepare(node(x, w).attr("kernel_shape", 3, 3).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("c1")
                .hasMessageContaining("kernel_shape");
    }

    @Test
    void refusesInvalidNodes() {
        Tensor x = iota(1, 4, 3, 3);
        Tensor w = Tensor.ofFloats(Shape.of(2, 3, 1, 1), new float[6]);
        assertThatThrownBy(() -> conv.prepare(node(x, w).build()))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageContaining("input channels per group");
        Tensor w2 = Tensor.ofFloats(Shape.of(3, 2, 1, 1), new float[6]);
        assertThatThrownBy(() -> conv.prepare(node(x, w2).attr("group", 2).build()))
                .hasMessageContaining("group 2 must divide");
        Tensor w4 = Tensor.ofFloats(Shape.of(2, 4, 1), new float[8]);
        assertThatThrownBy(() -> conv.prepare(node(x, w4).build())).hasMessageContaining("rank");
        Tensor flat = Tensor.ofFloats(Shape.of(4, 3), new float[12]);
        assertThatThrownBy(() -> conv.prepare(node(flat, w).build())).hasMessageContaining("expected rank");
        Tensor w1 = Tensor.ofFloats(Shape.of(2, 4, 1, 1), new float[8]);
        assertThatThrownBy(
                        () -> conv.prepare(node(x, w1).attr("auto_pad", "SAME").build()))
                .hasMessageContaining("auto_pad");
        assertThatThrownBy(() -> conv.prepare(
                        node(x, w1).input(TensorType.of(DataType.FLOAT32, 3)).build()))
                .hasMessageContaining("bias");
        assertThatThrownBy(() -> conv.prepare(node(x, w1).attr("pads", 1, 1).build()))
                .hasMessageContaining("pads");
        assertThatThrownBy(() -> conv.prepare(node(x, w1).attr("strides", 0, 1).build()))
                .hasMessageContaining("strides");
        Tensor big = Tensor.ofFloats(Shape.of(1, 4, 5, 5), new float[100]);
        assertThatThrownBy(() -> conv.prepare(node(x, big).build())).hasMessageContaining("does not fit");
        assertThat(conv.supports(node(x, w).build()).isSupported()).isFalse();
        assertThat(conv.supports(node(x, w1).build()).isSupported()).isTrue();
    }
}
