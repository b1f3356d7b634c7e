package dev.vela.samples.javacpu.ops;

import dev.vela.samples.javacpu.gemm.BPanels;
import dev.vela.spi.semantics.Window2d;
import java.util.Arrays;

/**
 * One image and group, in planar (channel-major) form, seen as the im2col matrix B [K x P] of a
 * convolution, K = one group's input channels times the kernel window, P = output pixels, packed
 * straight from the image into the GEMM's panel buffer. No full im2col matrix is ever built: a
 * panel holds only the columns the engine asks for. Rows are (channel, kh, kw) like the weights
 * [M, C/g, kH, kW]. With unit stride an output row's inputs are one contiguous input row, so
 * its interior is one array copy; only the padded edges are filled element by element.
 */
final class Im2colPanels implements BPanels {

    private final float[] x;
    private final int base;
    private final Window2d g;

    /**
     * @param x the planar input
     * @param base index of (image, first channel of the group) at pixel (0, 0)
     * @param channels input channels in the group (documents the K extent; rows beyond it are never asked for)
     * @param g the window geometry
     */
    Im2colPanels(float[] x, int base, int channels, Window2d g) {
        this.x = x;
        this.base = base;
        this.g = g;
    }

    @Override
    public void pack(int col, int width, int k0, int rowCount, float[][] dst) {
        int kArea = g.kH() * g.kW();
        int plane = g.inH() * g.inW();
        for (int row = 0; row < rowCount; row++) {
            int r = k0 + row;
            int c = r / kArea;
            int kh = r % kArea / g.kW();
            int kw = r % g.kW();
            fillRow(
                    dst[row],
                    col,
                    width,
                    base + c * plane,
                    kh * g.dilationH() - g.padTop(),
                    kw * g.dilationW() - g.padLeft());
        }
    }

    /** Writes one im2col row for output pixels {@code [col, col + width)}, walking output rows. */
    private void fillRow(float[] dst, int col, int width, int channelBase, int rowShift, int colShift) {
        int outW = g.outW();
        int inW = g.inW();
        int sw = g.strideW();
        // Output columns whose input column ow * sw + colShift lies inside [0, inW).
        int lo = colShift >= 0 ? 0 : Math.min(outW, (-colShift + sw - 1) / sw);
        int span = inW - 1 - colShift;
        int hi = span < 0 ? lo : Math.max(lo, Math.min(outW, span / sw + 1));
        int j = 0;
        while (j < width) {
            int pixel = col + j;
            int oh = pixel / outW;
            int ow = pixel % outW;
            int run = Math.min(width - j, outW - ow);
            int ih = oh * g.strideH() + rowShift;
            if (ih < 0 || ih >= g.inH()) {
                Arrays.fill(dst, j, j + run, 0f);
            } else {
                int rowBase = channelBase + ih * inW + colShift;
                int end = ow + run;
                int a = Math.min(Math.max(ow, lo), end);
                int b = Math.max(a, Math.min(end, hi));
                // [ow, a) and [b, end) fall in the padding; [a, b) reads the input.
                Arrays.fill(dst, j, j + a - ow, 0f);
                int at = j - ow;
                // A run lying wholly in the padding has a == b, and its would-be source index rowBase + a
                // can be negative (first channel, first row, left padding): arraycopy rejects that
                // position even for zero elements, so an empty run takes the loop, which reads nothing.
                if (sw == 1 && b > a) {
                    System.arraycopy(x, rowBase + a, dst, at + a, b - a);
                } else {
                    for (int t = a; t < b; t++) {
                        dst[at + t] = x[rowBase + t * sw];
                    }
                }
                Arrays.fill(dst, at + b, at + end, 0f);
            }
            j += run;
        }
    }
}
