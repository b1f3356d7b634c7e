package dev.vela.conformance.cases.ops;

import dev.vela.conformance.property.Gen;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import java.util.Arrays;

/**
 * The geometry of a 2-D sliding-window case (Conv, pooling): input size, kernel, strides,
 * dilations, explicit pads [top, left, bottom, right] or an {@code auto_pad} mode. Generated so
 * that every configuration is valid (the input is never smaller than the dilated kernel minus the
 * pads, pads stay below the dilated kernel), and shrinking each knob keeps it valid.
 *
 * @param batch N
 * @param channels C
 * @param h input height
 * @param w input width
 * @param kh kernel height
 * @param kw kernel width
 * @param sh stride along H
 * @param sw stride along W
 * @param dh dilation along H
 * @param dw dilation along W
 * @param pads explicit pads (all 0 unless {@code autoPad} is NOTSET)
 * @param autoPad NOTSET, VALID, SAME_UPPER or SAME_LOWER
 */
record Window(int batch, int channels, int h, int w, int kh, int kw, int sh, int sw, int dh, int dw, int[] pads,
        String autoPad) {

    private static final String[] AUTO_PADS = {"NOTSET", "VALID", "SAME_UPPER", "SAME_LOWER"};

    /**
     * @param maxBatch largest N
     * @param maxChannels largest C
     * @param maxKernel largest kernel side
     * @param maxStride largest stride
     * @param maxDilation largest dilation (1 for none)
     * @param autoPads whether to generate auto_pad modes besides explicit pads
     * @return windows
     */
    static Gen<Window> gen(int maxBatch, int maxChannels, int maxKernel, int maxStride, int maxDilation, boolean autoPads) {
        return Knobs.of(1, maxBatch, 1, maxChannels, 0, 4, 0, 4, 1, maxKernel, 1, maxKernel, 1, maxStride, 1, maxStride,
                1, maxDilation, 1, maxDilation, 0, 2, 0, 2, 0, 2, 0, 2, 0, autoPads ? 3 : 0).map(Window::of);
    }

    private static Window of(int[] k) {
        int kh = k[4];
        int kw = k[5];
        int dh = k[8];
        int dw = k[9];
        int effH = (kh - 1) * dh + 1;
        int effW = (kw - 1) * dw + 1;
        String autoPad = AUTO_PADS[k[14]];
        int[] pads = new int[4];
        if (autoPad.equals("NOTSET")) {
            pads[0] = Math.min(k[10], effH - 1);
            pads[1] = Math.min(k[11], effW - 1);
            pads[2] = Math.min(k[12], effH - 1);
            pads[3] = Math.min(k[13], effW - 1);
        }
        int h = Math.max(1, effH - pads[0] - pads[2] + k[2]);
        int w = Math.max(1, effW - pads[1] - pads[3] + k[3]);
        return new Window(k[0], k[1], h, w, kh, kw, k[6], k[7], dh, dw, pads, autoPad);
    }

    /** @return the same window with another channel count */
    Window withChannels(int c) {
        return new Window(batch, c, h, w, kh, kw, sh, sw, dh, dw, pads, autoPad);
    }

    /**
     * @param layout NCHW or NHWC
     * @param c channels
     * @return the activation shape [N, C, H, W] or [N, H, W, C]
     */
    Shape activation(Layout layout, int c) {
        return layout == Layout.NHWC ? Shape.of(batch, h, w, c) : Shape.of(batch, c, h, w);
    }

    /** @return the input shape */
    Shape input(Layout layout) {
        return activation(layout, channels);
    }

    /** @return the number of kernel taps */
    int taps() {
        return kh * kw;
    }

    /**
     * Sets kernel_shape, strides, dilations (when asked) and pads or auto_pad; data_format only for NHWC
     * (NCHW nodes stay plain ONNX).
     */
    void apply(Node.Builder b, Layout layout, boolean withDilations) {
        b.attr("kernel_shape", kh, kw).attr("strides", sh, sw);
        if (withDilations) {
            b.attr("dilations", dh, dw);
        }
        if (autoPad.equals("NOTSET")) {
            b.attr("pads", pads[0], pads[1], pads[2], pads[3]);
        } else {
            b.attr("auto_pad", autoPad);
        }
        if (layout == Layout.NHWC) {
            b.attr("data_format", "NHWC");
        }
    }

    /** @return whether any explicit pad is non-zero */
    boolean padded() {
        return Arrays.stream(pads).anyMatch(p -> p > 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Window x && batch == x.batch && channels == x.channels && h == x.h && w == x.w && kh == x.kh
                && kw == x.kw && sh == x.sh && sw == x.sw && dh == x.dh && dw == x.dw && Arrays.equals(pads, x.pads)
                && autoPad.equals(x.autoPad);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {batch, channels, h, w, kh, kw, sh, sw, dh, dw}) * 31 + Arrays.hashCode(pads);
    }

    @Override
    public String toString() {
        return "Window[N=" + batch + " C=" + channels + " " + h + "x" + w + " k=" + kh + "x" + kw + " s=" + sh + "," + sw
                + " d=" + dh + "," + dw + " pads=" + Arrays.toString(pads) + " " + autoPad + "]";
    }
}
