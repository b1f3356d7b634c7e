package dev.vela.samples.javacpu.ops;

import dev.vela.samples.javacpu.gemm.BPanels;
import dev.vela.samples.javacpu.support.Window2d;

import java.util.Arrays;

/**
 * One image and group seen as the im2col matrix B [K x P] of a convolution, K = one group's
 * input channels times the kernel window, P = output pixels, packed straight from the image
 * into the GEMM's panel buffer. No full im2col matrix is ever built: a panel holds only the
 * columns the engine asks for, so the scratch stays one panel per thread however large the image.
 *
 * <p>Row order matches the weights: NCHW rows are (channel, kh, kw) like W [M, C/g, kH, kW];
 * NHWC rows are (kh, kw, channel) like W [M, kH, kW, C/g].
 */
final class Im2colPanels implements BPanels {

    private final float[] x;
    private final int base;
    private final int channels;
    private final boolean nhwc;
    private final int pixelStride;
    private final Window2d g;

    /**
     * @param x the whole input
     * @param base index of (image, first channel of the group) at pixel (0, 0)
     * @param channels input channels in the group
     * @param nhwc whether the input is NHWC
     * @param allChannels channels of the whole input (pixel stride in NHWC)
     * @param g the window geometry
     */
    Im2colPanels(float[] x, int base, int channels, boolean nhwc, int allChannels, Window2d g) {
        this.x = x;
        this.base = base;
        this.channels = channels;
        this.nhwc = nhwc;
        this.pixelStride = nhwc ? allChannels : 1;
        this.g = g;
    }

    @Override
    public void pack(int col, int width, int k0, int rowCount, float[][] dst) {
        int kArea = g.kH() * g.kW();
        int plane = g.inH() * g.inW();
        for (int row = 0; row < rowCount; row++) {
            int r = k0 + row;
            int c;
            int kh;
            int kw;
            if (nhwc) {
                c = r % channels;
                kh = r / channels / g.kW();
                kw = r / channels % g.kW();
            } else {
                c = r / kArea;
                kh = r % kArea / g.kW();
                kw = r % g.kW();
            }
            int channelBase = base + (nhwc ? c : c * plane);
            fillRow(dst[row], 0, col, width, channelBase, kh * g.dilationH() - g.padTop(), kw * g.dilationW() - g.padLeft());
        }
    }

    /** Writes one im2col row for output pixels {@code [col, col + width)}, walking output rows. */
    private void fillRow(float[] dst, int at, int col, int width, int channelBase, int rowShift, int colShift) {
        int outW = g.outW();
        int j = 0;
        while (j < width) {
            int pixel = col + j;
            int oh = pixel / outW;
            int ow = pixel % outW;
            int run = Math.min(width - j, outW - ow);
            int ih = oh * g.strideH() + rowShift;
            if (ih < 0 || ih >= g.inH()) {
                Arrays.fill(dst, at + j, at + j + run, 0f);
            } else {
                int rowBase = channelBase + ih * g.inW() * pixelStride;
                int sw = g.strideW();
                for (int t = 0; t < run; t++) {
                    int iw = (ow + t) * sw + colShift;
                    dst[at + j + t] = iw >= 0 && iw < g.inW() ? x[rowBase + iw * pixelStride] : 0f;
                }
            }
            j += run;
        }
    }
}
