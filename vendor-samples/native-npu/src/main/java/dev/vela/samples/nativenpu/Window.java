package dev.vela.samples.nativenpu;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;

/**
 * The 2-D sliding-window geometry of an NHWC Conv or pooling node, from ONNX attributes ({@code
 * strides}, {@code dilations}, {@code pads} = [top, left, bottom, right], {@code auto_pad} where
 * SAME_UPPER is TFLite's SAME).
 *
 * @since 0.1
 */
record Window(int batch, int inH, int inW, int channels, int kH, int kW, int strideH, int strideW, int dilationH,
        int dilationW, int padTop, int padLeft, int outH, int outW) {

    static Window of(Node node, Shape nhwc, int kH, int kW) {
        int[] strides = pair(node, "strides");
        int[] dilations = pair(node, "dilations");
        int h = nhwc.dim(1);
        int w = nhwc.dim(2);
        int effH = (kH - 1) * dilations[0] + 1;
        int effW = (kW - 1) * dilations[1] + 1;
        String autoPad = node.attributes().getString("auto_pad", "NOTSET");
        int top;
        int left;
        int outH;
        int outW;
        switch (autoPad) {
            case "SAME_UPPER", "SAME_LOWER" -> {
                outH = (h + strides[0] - 1) / strides[0];
                outW = (w + strides[1] - 1) / strides[1];
                int totalH = Math.max((outH - 1) * strides[0] + effH - h, 0);
                int totalW = Math.max((outW - 1) * strides[1] + effW - w, 0);
                boolean upper = autoPad.equals("SAME_UPPER");
                top = upper ? totalH / 2 : totalH - totalH / 2;
                left = upper ? totalW / 2 : totalW - totalW / 2;
            }
            case "VALID", "NOTSET" -> {
                int[] pads = autoPad.equals("VALID") ? new int[4] : node.attributes().getInts("pads", new int[4]);
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
                int spanH = h + pads[0] + pads[2] - effH;
                int spanW = w + pads[1] + pads[3] - effW;
                outH = spanH < 0 ? 0 : spanH / strides[0] + 1;
                outW = spanW < 0 ? 0 : spanW / strides[1] + 1;
            }
            default -> throw new InvalidNodeException(node, "unsupported auto_pad '" + autoPad + "'");
        }
        if (outH <= 0 || outW <= 0) {
            throw new InvalidNodeException(node, "window " + kH + "x" + kW + " does not fit input " + nhwc);
        }
        return new Window(nhwc.dim(0), h, w, nhwc.dim(3), kH, kW, strides[0], strides[1], dilations[0], dilations[1],
                top, left, outH, outW);
    }

    private static int[] pair(Node node, String name) {
        int[] v = node.attributes().getInts(name, new int[] {1, 1});
        if (v.length != 2 || v[0] < 1 || v[1] < 1) {
            throw new InvalidNodeException(node, "attribute '" + name + "' must be two positive values, got "
                    + java.util.Arrays.toString(v));
        }
        return v;
    }

    /** @return the NHWC output shape with {@code outChannels} channels */
    Shape outputShape(int outChannels) {
        return Shape.of(batch, outH, outW, outChannels);
    }

    /** @return whether every output position's window covers at least one input (dilation 1 assumed) */
    boolean everyWindowCoversInput() {
        for (int oy = 0; oy < outH; oy++) {
            int y0 = oy * strideH - padTop;
            if (Math.min(kH, inH - y0) <= Math.max(0, -y0)) {
                return false;
            }
        }
        for (int ox = 0; ox < outW; ox++) {
            int x0 = ox * strideW - padLeft;
            if (Math.min(kW, inW - x0) <= Math.max(0, -x0)) {
                return false;
            }
        }
        return true;
    }
}
