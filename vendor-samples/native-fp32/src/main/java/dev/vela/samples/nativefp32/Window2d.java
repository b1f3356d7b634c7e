package dev.vela.samples.nativefp32;

import dev.vela.spi.Attributes;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;

import java.util.Arrays;

/**
 * Where a 2-D sliding window (Conv or pooling kernel) sits on its input, from the ONNX attributes
 * {@code strides}, {@code dilations}, {@code pads}, {@code auto_pad} and (pooling) {@code ceil_mode}.
 * Output extent with {@code eff = (k - 1) * d + 1}: explicit pads give
 * {@code floor((in + begin + end - eff) / s) + 1} (ceil with ceil_mode, dropping a last window that
 * would start in the end padding); SAME_UPPER/SAME_LOWER give {@code ceil(in / s)} with the odd
 * padding unit at the end/beginning; VALID uses no padding.
 *
 * @param inH input height
 * @param inW input width
 * @param kH kernel height
 * @param kW kernel width
 * @param strideH vertical stride
 * @param strideW horizontal stride
 * @param dilationH vertical dilation
 * @param dilationW horizontal dilation
 * @param padTop padding above
 * @param padLeft padding left
 * @param padBottom padding below
 * @param padRight padding right
 * @param outH output height
 * @param outW output width
 */
record Window2d(int inH, int inW, int kH, int kW, int strideH, int strideW, int dilationH, int dilationW,
        int padTop, int padLeft, int padBottom, int padRight, int outH, int outW) {

    /**
     * @param node the node whose attributes are read
     * @param inH input height
     * @param inW input width
     * @param kH kernel height
     * @param kW kernel width
     * @param ceilMode whether output extents round up
     * @return the geometry
     */
    public static Window2d of(Node node, int inH, int inW, int kH, int kW, boolean ceilMode) {
        Attributes a = node.attributes();
        int[] s = pair(node, "strides", a.getInts("strides", new int[] {1, 1}));
        int[] d = pair(node, "dilations", a.getInts("dilations", new int[] {1, 1}));
        int[] pads = a.getInts("pads", new int[4]);
        if (pads.length != 4) {
            throw new InvalidNodeException(node, "attribute 'pads' has " + pads.length + " values, expected 4");
        }
        for (int p : pads) {
            if (p < 0) {
                throw new InvalidNodeException(node, "attribute 'pads' must not be negative: " + Arrays.toString(pads));
            }
        }
        if (kH <= 0 || kW <= 0) {
            throw new InvalidNodeException(node, "kernel extents must be positive, got " + kH + "x" + kW);
        }
        String autoPad = a.getString("auto_pad", "NOTSET");
        int[] in = {inH, inW};
        int[] k = {kH, kW};
        int[] begin = new int[2];
        int[] end = new int[2];
        int[] out = new int[2];
        for (int i = 0; i < 2; i++) {
            int eff = (k[i] - 1) * d[i] + 1;
            switch (autoPad) {
                case "NOTSET" -> {
                    begin[i] = pads[i];
                    end[i] = pads[i + 2];
                    out[i] = windows(in[i], begin[i], end[i], eff, s[i], ceilMode);
                }
                case "VALID" -> out[i] = windows(in[i], 0, 0, eff, s[i], ceilMode);
                case "SAME_UPPER", "SAME_LOWER" -> {
                    out[i] = (in[i] + s[i] - 1) / s[i];
                    int total = Math.max(0, (out[i] - 1) * s[i] + eff - in[i]);
                    begin[i] = autoPad.equals("SAME_UPPER") ? total / 2 : total - total / 2;
                    end[i] = total - begin[i];
                }
                default -> throw new InvalidNodeException(node,
                        "attribute 'auto_pad' must be NOTSET, SAME_UPPER, SAME_LOWER or VALID, got '" + autoPad + "'");
            }
            if (out[i] <= 0) {
                throw new InvalidNodeException(node, "window of extent " + eff + " does not fit input " + inH + "x" + inW
                        + " with pads " + Arrays.toString(pads));
            }
        }
        return new Window2d(inH, inW, kH, kW, s[0], s[1], d[0], d[1], begin[0], begin[1], end[0], end[1], out[0], out[1]);
    }

    private static int windows(int in, int begin, int end, int eff, int stride, boolean ceil) {
        int span = in + begin + end - eff;
        if (span < 0) {
            return 0;
        }
        int out = (ceil ? (span + stride - 1) / stride : span / stride) + 1;
        if (ceil && (out - 1) * stride >= in + begin) {
            out--;
        }
        return out;
    }

    private static int[] pair(Node node, String name, int[] v) {
        if (v.length != 2) {
            throw new InvalidNodeException(node, "attribute '" + name + "' has " + v.length + " values, expected 2");
        }
        if (v[0] <= 0 || v[1] <= 0) {
            throw new InvalidNodeException(node, "attribute '" + name + "' must be positive: " + Arrays.toString(v));
        }
        return v;
    }

    /** @return output positions per image */
    public int outPixels() {
        return outH * outW;
    }

    /** @return whether a 1x1 window with unit stride and no padding reads each input pixel once, in order */
    public boolean isPointwise() {
        return kH == 1 && kW == 1 && strideH == 1 && strideW == 1 && padTop == 0 && padLeft == 0 && padBottom == 0
                && padRight == 0;
    }
}
