package dev.vela.reference.quantized;

import dev.vela.reference.support.WindowArithmetic;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;

/**
 * The 2-D window geometry of a convolution or pooling node: input and output sizes, kernel,
 * strides, dilations and begin paddings, resolved from ONNX-style attributes ({@code strides},
 * {@code dilations}, {@code pads} = [top, left, bottom, right], {@code auto_pad} with SAME_UPPER
 * = TFLite SAME, SAME_LOWER, VALID, NOTSET) and the layout ({@code data_format}).
 */
final class ConvGeometry {

    final Layout layout;
    final int batch;
    final int channels;
    final int inH;
    final int inW;
    final int kH;
    final int kW;
    final int strideH;
    final int strideW;
    final int dilationH;
    final int dilationW;
    final int padTop;
    final int padLeft;
    final int outH;
    final int outW;

    private ConvGeometry(Layout layout, int batch, int channels, int inH, int inW, int kH, int kW, int[] strides,
            int[] dilations, int padTop, int padLeft, int outH, int outW) {
        this.layout = layout;
        this.batch = batch;
        this.channels = channels;
        this.inH = inH;
        this.inW = inW;
        this.kH = kH;
        this.kW = kW;
        this.strideH = strides[0];
        this.strideW = strides[1];
        this.dilationH = dilations[0];
        this.dilationW = dilations[1];
        this.padTop = padTop;
        this.padLeft = padLeft;
        this.outH = outH;
        this.outW = outW;
    }

    /**
     * @param node the node with the window attributes
     * @param input the rank-4 input shape in the node's layout
     * @param kH kernel height
     * @param kW kernel width
     * @return the resolved geometry
     */
    static ConvGeometry of(Node node, Shape input, int kH, int kW) {
        Layout layout = Layout.of(node);
        if (input.rank() != 4) {
            throw new InvalidNodeException(node, "expects a rank-4 input (2-D spatial), got " + input);
        }
        int n = input.dim(0);
        int c = layout == Layout.NHWC ? input.dim(3) : input.dim(1);
        int h = layout == Layout.NHWC ? input.dim(1) : input.dim(2);
        int w = layout == Layout.NHWC ? input.dim(2) : input.dim(3);
        int[] strides = pair(node, "strides");
        int[] dilations = pair(node, "dilations");
        if (kH < 1 || kW < 1) {
            throw new InvalidNodeException(node, "kernel extents must be positive, got " + kH + "x" + kW);
        }
        int effH = WindowArithmetic.effectiveKernel(node, 0, kH, dilations[0]);
        int effW = WindowArithmetic.effectiveKernel(node, 1, kW, dilations[1]);
        String autoPad = node.attributes().getString("auto_pad", "NOTSET");
        int top;
        int left;
        int outH;
        int outW;
        switch (autoPad) {
            case "SAME_UPPER", "SAME_LOWER" -> {
                outH = ceilDiv(h, strides[0]);
                outW = ceilDiv(w, strides[1]);
                // (out - 1) * stride < input, so the totals stay below the effective kernel
                long totalH = Math.max(((long) outH - 1) * strides[0] + effH - h, 0);
                long totalW = Math.max(((long) outW - 1) * strides[1] + effW - w, 0);
                boolean upper = autoPad.equals("SAME_UPPER");
                top = (int) (upper ? totalH / 2 : totalH - totalH / 2);
                left = (int) (upper ? totalW / 2 : totalW - totalW / 2);
            }
            case "VALID", "NOTSET" -> {
                int[] pads = autoPad.equals("VALID") ? new int[4]
                        : node.attributes().getInts("pads", new int[4]);
                if (pads.length != 4) {
                    throw new InvalidNodeException(node, "attribute 'pads' must have 4 values [top, left, bottom, right], got "
                            + pads.length);
                }
                for (int p : pads) {
                    if (p < 0) {
                        throw new InvalidNodeException(node, "negative padding is not supported: "
                                + java.util.Arrays.toString(pads));
                    }
                }
                top = pads[0];
                left = pads[1];
                outH = WindowArithmetic.windows(WindowArithmetic.paddedExtent(node, 0, h, pads[0], pads[2]), effH,
                        strides[0], false);
                outW = WindowArithmetic.windows(WindowArithmetic.paddedExtent(node, 1, w, pads[1], pads[3]), effW,
                        strides[1], false);
            }
            default -> throw new InvalidNodeException(node, "unsupported auto_pad '" + autoPad + "'");
        }
        if (outH <= 0 || outW <= 0) {
            throw new InvalidNodeException(node, "window " + kH + "x" + kW + " does not fit input " + input);
        }
        return new ConvGeometry(layout, n, c, h, w, kH, kW, strides, dilations, top, left, outH, outW);
    }

    private static int ceilDiv(int a, int b) {
        return (int) (((long) a + b - 1) / b);
    }

    private static int[] pair(Node node, String name) {
        int[] v = node.attributes().getInts(name, new int[] {1, 1});
        if (v.length != 2 || v[0] < 1 || v[1] < 1) {
            throw new InvalidNodeException(node, "attribute '" + name + "' must be two positive values, got "
                    + java.util.Arrays.toString(v));
        }
        return v;
    }

    /** @return the output shape with {@code outChannels} channels in the node's layout */
    Shape outputShape(int outChannels) {
        return layout == Layout.NHWC ? Shape.of(batch, outH, outW, outChannels) : Shape.of(batch, outChannels, outH, outW);
    }

    /** Row-major strides {n, c, y, x} of an activation tensor with {@code c} channels in the node's layout. */
    int[] activationStrides(int c, int h, int w) {
        return layout == Layout.NHWC ? new int[] {h * w * c, 1, w * c, c} : new int[] {c * h * w, h * w, w, 1};
    }
}
