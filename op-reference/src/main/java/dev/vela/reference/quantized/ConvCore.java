package dev.vela.reference.quantized;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;

/**
 * Integer accumulation of a grouped 2-D convolution, shared by the quantized Conv, QLinearConv and
 * ConvInteger kernels: {@code acc[n, m, y, x] = sum (x_q - x_zp) * (w_q - w_zp[m])} over the
 * in-bounds taps (padding contributes nothing, as in TFLite's {@code is_point_inside_image}).
 * Accumulates in 64 bits; 32-bit callers truncate, which equals TFLite's wrapping int32 sums.
 *
 * <p>Weights are [M, kH, kW, C/group] (OHWI) for NHWC nodes and [M, C/group, kH, kW] (OIHW) for
 * NCHW nodes; group == C with C/group == 1 is a depthwise convolution (output channel m reads
 * input channel m / multiplier).
 */
final class ConvCore {

    final ConvGeometry geometry;
    final int group;
    final int outChannels;
    private final int channelsPerGroup;
    private final int outPerGroup;
    private final int[] inStrides;
    private final int[] outStrides;
    private final int wStrideM;
    private final int wStrideC;
    private final int wStrideY;
    private final int wStrideX;

    private ConvCore(ConvGeometry g, int group, int outChannels) {
        this.geometry = g;
        this.group = group;
        this.outChannels = outChannels;
        this.channelsPerGroup = g.channels / group;
        this.outPerGroup = outChannels / group;
        this.inStrides = g.activationStrides(g.channels, g.inH, g.inW);
        this.outStrides = g.activationStrides(outChannels, g.outH, g.outW);
        if (g.layout == Layout.NHWC) {
            wStrideM = g.kH * g.kW * channelsPerGroup;
            wStrideY = g.kW * channelsPerGroup;
            wStrideX = channelsPerGroup;
            wStrideC = 1;
        } else {
            wStrideM = channelsPerGroup * g.kH * g.kW;
            wStrideC = g.kH * g.kW;
            wStrideY = g.kW;
            wStrideX = 1;
        }
    }

    /**
     * Validates the shapes of input {@code x} and weights {@code w} and the {@code group} attribute.
     *
     * @param node the node
     * @param x the input shape (rank 4 in the node's layout)
     * @param w the weight shape
     * @return the core
     */
    static ConvCore of(Node node, Shape x, Shape w) {
        Layout layout = Layout.of(node);
        if (w.rank() != 4) {
            throw new InvalidNodeException(node, "weights must be rank 4, got " + w);
        }
        int kH = layout == Layout.NHWC ? w.dim(1) : w.dim(2);
        int kW = layout == Layout.NHWC ? w.dim(2) : w.dim(3);
        int wc = layout == Layout.NHWC ? w.dim(3) : w.dim(1);
        int[] kernelShape = node.attributes().getInts("kernel_shape", new int[] {kH, kW});
        if (kernelShape.length != 2 || kernelShape[0] != kH || kernelShape[1] != kW) {
            throw new InvalidNodeException(
                    node, "kernel_shape " + java.util.Arrays.toString(kernelShape) + " does not match weights " + w);
        }
        ConvGeometry g = ConvGeometry.of(node, x, kH, kW);
        int group = node.attributes().getInt("group", 1);
        int m = w.dim(0);
        if (group < 1 || g.channels % group != 0 || m % group != 0) {
            throw new InvalidNodeException(
                    node, "group " + group + " must divide input channels " + g.channels + " and output channels " + m);
        }
        if (wc != g.channels / group) {
            throw new InvalidNodeException(
                    node,
                    "weights " + w + " have " + wc + " input channels per group, expected " + g.channels / group
                            + " (input " + x + ", group " + group + ", layout " + layout + ")");
        }
        return new ConvCore(g, group, m);
    }

    /** @return the output shape */
    Shape outputShape() {
        return geometry.outputShape(outChannels);
    }

    /** @return the output channel of each output element (row-major) */
    int[] outputChannelOf() {
        ConvGeometry g = geometry;
        int[] ch = new int[g.batch * outChannels * g.outH * g.outW];
        for (int n = 0; n < g.batch; n++) {
            for (int m = 0; m < outChannels; m++) {
                for (int y = 0; y < g.outH; y++) {
                    for (int xo = 0; xo < g.outW; xo++) {
                        ch[n * outStrides[0] + m * outStrides[1] + y * outStrides[2] + xo * outStrides[3]] = m;
                    }
                }
            }
        }
        return ch;
    }

    /**
     * @param x input values
     * @param xZero input zero point
     * @param w weight values
     * @param wZero weight zero point per output channel
     * @return one accumulator per output element, row-major in the node's layout
     */
    long[] accumulate(int[] x, int xZero, int[] w, int[] wZero) {
        ConvGeometry g = geometry;
        long[] acc = new long[g.batch * outChannels * g.outH * g.outW];
        for (int n = 0; n < g.batch; n++) {
            for (int m = 0; m < outChannels; m++) {
                int grp = m / outPerGroup;
                int wz = wZero[m];
                for (int oy = 0; oy < g.outH; oy++) {
                    int inY0 = oy * g.strideH - g.padTop;
                    for (int ox = 0; ox < g.outW; ox++) {
                        int inX0 = ox * g.strideW - g.padLeft;
                        long sum = 0;
                        for (int ky = 0; ky < g.kH; ky++) {
                            int iy = inY0 + ky * g.dilationH;
                            if (iy < 0 || iy >= g.inH) {
                                continue;
                            }
                            for (int kx = 0; kx < g.kW; kx++) {
                                int ix = inX0 + kx * g.dilationW;
                                if (ix < 0 || ix >= g.inW) {
                                    continue;
                                }
                                int inBase = n * inStrides[0] + iy * inStrides[2] + ix * inStrides[3];
                                int wBase = m * wStrideM + ky * wStrideY + kx * wStrideX;
                                for (int c = 0; c < channelsPerGroup; c++) {
                                    int xv = x[inBase + (grp * channelsPerGroup + c) * inStrides[1]] - xZero;
                                    int wv = w[wBase + c * wStrideC] - wz;
                                    sum += (long) xv * wv;
                                }
                            }
                        }
                        acc[n * outStrides[0] + m * outStrides[1] + oy * outStrides[2] + ox * outStrides[3]] = sum;
                    }
                }
            }
        }
        return acc;
    }
}
