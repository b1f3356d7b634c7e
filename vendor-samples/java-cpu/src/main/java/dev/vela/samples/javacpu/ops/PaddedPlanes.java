package dev.vela.samples.javacpu.ops;

import dev.vela.samples.javacpu.gemm.BPanels;
import dev.vela.samples.javacpu.support.Window2d;

/**
 * The im2col matrix of a unit-stride convolution without im2col: the group's input channels are
 * zero-padded into planes of width {@code Wp = inW + padLeft + padRight}, and the output is
 * computed on a grid of {@code outH x Wp} positions, of which the first {@code outW} of each row
 * are real (the others are discarded by the caller). On that grid, tap (c, kh, kw) of position
 * {@code q} reads padded element {@code c * plane + kh * dH * Wp + kw * dW + q}: every row of B is
 * one contiguous slice of the padded planes, packed with a single array copy instead of
 * per-pixel index arithmetic. Rows are (channel, kh, kw) like the weights [M, C/g, kH, kW].
 */
final class PaddedPlanes implements BPanels {

    private final float[] padded;
    private final Window2d g;
    private final int paddedW;
    private final int plane;

    private PaddedPlanes(float[] padded, Window2d g) {
        this.padded = padded;
        this.g = g;
        this.paddedW = paddedWidth(g);
        this.plane = (g.inH() + g.padTop() + g.padBottom()) * paddedW;
    }

    /** @return the padded plane width */
    static int paddedWidth(Window2d g) {
        return g.inW() + g.padLeft() + g.padRight();
    }

    /** @return floats the padded planes of {@code channels} channels need, with the tail the last taps read past */
    static int paddedLength(Window2d g, int channels) {
        return channels * (g.inH() + g.padTop() + g.padBottom()) * paddedWidth(g) + (g.kW() - 1) * g.dilationW();
    }

    /** @return whether the wider grid wastes little enough to beat im2col: unit strides, at most half again the output width */
    static boolean suits(Window2d g) {
        return g.strideH() == 1 && g.strideW() == 1 && 2 * paddedWidth(g) <= 3 * g.outW();
    }

    /**
     * Pads {@code channels} planar channels starting at {@code x[base]} into {@code dst}.
     *
     * @param x planar input
     * @param base first element of the first channel
     * @param channels channels to pad
     * @param g geometry
     * @param dst at least {@link #paddedLength} long
     * @return B over the padded planes
     */
    static PaddedPlanes of(float[] x, int base, int channels, Window2d g, float[] dst) {
        int pw = paddedWidth(g);
        int ph = g.inH() + g.padTop() + g.padBottom();
        int length = paddedLength(g, channels);
        java.util.Arrays.fill(dst, 0, length, 0f);
        int inPlane = g.inH() * g.inW();
        for (int c = 0; c < channels; c++) {
            for (int ih = 0; ih < g.inH(); ih++) {
                System.arraycopy(x, base + c * inPlane + ih * g.inW(), dst, (c * ph + ih + g.padTop()) * pw + g.padLeft(), g.inW());
            }
        }
        return new PaddedPlanes(dst, g);
    }

    @Override
    public void pack(int col, int width, int k0, int rows, float[][] dst) {
        int area = g.kH() * g.kW();
        for (int row = 0; row < rows; row++) {
            int r = k0 + row;
            int c = r / area;
            int kh = r % area / g.kW();
            int kw = r % g.kW();
            System.arraycopy(padded, c * plane + kh * g.dilationH() * paddedW + kw * g.dilationW() + col, dst[row], 0, width);
        }
    }
}
