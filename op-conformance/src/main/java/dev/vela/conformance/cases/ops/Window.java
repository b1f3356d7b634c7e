package dev.vela.conformance.cases.ops;

import dev.vela.conformance.property.Gen;
import dev.vela.conformance.property.Gens;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.semantics.AutoPad;
import dev.vela.spi.semantics.SpatialWindow;
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
record Window(
        int batch,
        int channels,
        int h,
        int w,
        int kh,
        int kw,
        int sh,
        int sw,
        int dh,
        int dw,
        int[] pads,
        String autoPad) {

    private static final String[] AUTO_PADS = {
        AutoPad.NOTSET.name(), AutoPad.VALID.name(), AutoPad.SAME_UPPER.name(), AutoPad.SAME_LOWER.name()
    };

    /**
     * @param maxBatch largest N
     * @param maxChannels largest C
     * @param maxKernel largest kernel side
     * @param maxStride largest stride
     * @param maxDilation largest dilation (1 for none)
     * @param autoPads whether to generate auto_pad modes besides explicit pads
     * @return windows
     */
    static Gen<Window> gen(
            int maxBatch, int maxChannels, int maxKernel, int maxStride, int maxDilation, boolean autoPads) {
        return Knobs.of(
                        1,
                        maxBatch,
                        1,
                        maxChannels,
                        0,
                        4,
                        0,
                        4,
                        1,
                        maxKernel,
                        1,
                        maxKernel,
                        1,
                        maxStride,
                        1,
                        maxStride,
                        1,
                        maxDilation,
                        1,
                        maxDilation,
                        0,
                        2,
                        0,
                        2,
                        0,
                        2,
                        0,
                        2,
                        0,
                        autoPads ? 3 : 0)
                .map(Window::of);
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

    /** The number of {@link #oddPadding(int)} windows. */
    static final int ODD_PADDINGS = 5;

    /**
     * Windows whose total padding is odd along both axes, one per padding mode, so that where the odd row or
     * column goes (SAME_UPPER: at the end; SAME_LOWER: at the beginning; explicit: where the pads say) decides
     * the result: a kernel that places it by one convention for every mode is wrong on one of them.
     *
     * @param kind 0 SAME_UPPER and 1 SAME_LOWER with a 2x4 kernel, stride 1, on 5x6 (totals 1 and 3); 2 explicit
     *     pads [1, 2, 0, 1] with the same kernel; 3 SAME_UPPER and 4 SAME_LOWER with a 3x3 kernel, stride 2, on
     *     6x8 (totals 1 and 1)
     * @return the window, batch 2 and 3 channels (shrinking toward 1 and 1)
     */
    static Gen<Window> oddPadding(int kind) {
        // batch 2 and 3 channels, shrinking toward 1 and 1, so a failing case still shrinks
        Gen<Long> batch = Gens.fixedShrinkingToward(2, 1);
        Gen<Long> channels = Gens.fixedShrinkingToward(3, 1);
        return Gens.tuples(batch, channels).map(t -> {
            int n = t.first().intValue();
            int c = t.second().intValue();
            return switch (kind) {
                case 0 -> new Window(n, c, 5, 6, 2, 4, 1, 1, 1, 1, new int[4], "SAME_UPPER");
                case 1 -> new Window(n, c, 5, 6, 2, 4, 1, 1, 1, 1, new int[4], "SAME_LOWER");
                case 2 -> new Window(n, c, 5, 6, 2, 4, 1, 1, 1, 1, new int[] {1, 2, 0, 1}, "NOTSET");
                case 3 -> new Window(n, c, 6, 8, 3, 3, 2, 2, 1, 1, new int[4], "SAME_UPPER");
                default -> new Window(n, c, 6, 8, 3, 3, 2, 2, 1, 1, new int[4], "SAME_LOWER");
            };
        });
    }

    /**
     * Large windows, as global and late pooling layers have: a kernel of {@code minSide} to 20 rows and columns
     * (from 11: 121 to 400 taps), an input at most 3 larger, stride 1 to 3, 1 to 3 channels. From 17 (289 taps) a
     * sum over the window outgrows 16 bits when the int8 values sit near an end of their range.
     *
     * @param minSide the smallest kernel side, at most 20
     * @return the windows, shrinking toward minSide x minSide over the same input
     */
    static Gen<Window> large(int minSide) {
        int span = 20 - minSide;
        return Knobs.of(0, span, 0, span, 0, 3, 0, 3, 1, 3, 1, 3)
                .map(k -> new Window(
                        1,
                        k[5],
                        minSide + k[0] + k[2],
                        minSide + k[1] + k[3],
                        minSide + k[0],
                        minSide + k[1],
                        k[4],
                        k[4],
                        1,
                        1,
                        new int[4],
                        "NOTSET"));
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
        b.attr(SpatialWindow.KERNEL_SHAPE, kh, kw).attr(SpatialWindow.STRIDES, sh, sw);
        if (withDilations) {
            b.attr(SpatialWindow.DILATIONS, dh, dw);
        }
        if (autoPad.equals(AutoPad.NOTSET.name())) {
            b.attr(SpatialWindow.PADS, pads[0], pads[1], pads[2], pads[3]);
        } else {
            b.attr(AutoPad.ATTRIBUTE, autoPad);
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
        return o instanceof Window x
                && batch == x.batch
                && channels == x.channels
                && h == x.h
                && w == x.w
                && kh == x.kh
                && kw == x.kw
                && sh == x.sh
                && sw == x.sw
                && dh == x.dh
                && dw == x.dw
                && Arrays.equals(pads, x.pads)
                && autoPad.equals(x.autoPad);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {batch, channels, h, w, kh, kw, sh, sw, dh, dw}) * 31 + Arrays.hashCode(pads);
    }

    @Override
    public String toString() {
        return "Window[N=" + batch + " C=" + channels + " " + h + "x" + w + " k=" + kh + "x" + kw + " s=" + sh + ","
                + sw + " d=" + dh + "," + dw + " pads=" + Arrays.toString(pads) + " " + autoPad + "]";
    }
}
