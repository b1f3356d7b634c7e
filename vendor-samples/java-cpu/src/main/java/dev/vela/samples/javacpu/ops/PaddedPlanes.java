package dev.vela.samples.javacpu.ops;

import dev.vela.samples.javacpu.gemm.BPanels;
import dev.vela.spi.semantics.Window2d;
import java.util.Arrays;

/**
 * The im2col matrix of a convolution without im2col. Each input channel of the group is
 * zero-padded and split into {@code sH x sW} phase planes, phase (rh, rw) holding the padded
 * elements at rows {@code i * sH + rh} and columns {@code j * sW + rw} (with unit strides, one
 * plane: the padded channel). The output is computed on a grid of {@code outH x Wq} positions,
 * {@code Wq = ceil(Wp / sW)} for padded width {@code Wp}, of which the first {@code outW} of each
 * row are real (the caller drops the rest). On that grid, tap (c, kh, kw) of position {@code q}
 * reads phase ({@code kh*dH mod sH}, {@code kw*dW mod sW}) of channel c at
 * {@code (kh*dH / sH) * Wq + kw*dW / sW + q}: every row of B is one contiguous slice of a phase
 * plane, packed with a single array copy instead of per-pixel index arithmetic. Reads past a
 * plane's row land only in dropped columns. Rows are (channel, kh, kw) like the weights
 * [M, C/g, kH, kW].
 */
final class PaddedPlanes implements BPanels {

    private final float[] phases;
    private final Window2d g;
    private final int gridW;
    private final int phase;

    private PaddedPlanes(float[] phases, Window2d g) {
        this.phases = phases;
        this.g = g;
        this.gridW = gridWidth(g);
        this.phase = phaseHeight(g) * gridW;
    }

    private static int paddedH(Window2d g) {
        return g.inH() + g.padTop() + g.padBottom();
    }

    private static int paddedW(Window2d g) {
        return g.inW() + g.padLeft() + g.padRight();
    }

    private static int phaseHeight(Window2d g) {
        return (paddedH(g) + g.strideH() - 1) / g.strideH();
    }

    /** @return the grid width {@code Wq}: output columns computed per output row, at least outW */
    static int gridWidth(Window2d g) {
        return (paddedW(g) + g.strideW() - 1) / g.strideW();
    }

    /** @return floats the phase planes of {@code channels} channels need, with the tail the last taps read past */
    static int length(Window2d g, int channels) {
        int tail = (g.kW() - 1) * g.dilationW() / g.strideW() + 1;
        return channels * g.strideH() * g.strideW() * phaseHeight(g) * gridWidth(g) + tail;
    }

    /** @return whether the grid wastes little enough to beat im2col: at most half again the output width */
    static boolean suits(Window2d g) {
        return 2 * gridWidth(g) <= 3 * g.outW();
    }

    /**
     * Pads and phase-splits {@code channels} planar channels starting at {@code x[base]} into {@code dst}.
     *
     * @param x planar input
     * @param base first element of the first channel
     * @param channels channels
     * @param g geometry
     * @param dst at least {@link #length} long
     * @return B over the phase planes
     */
    static PaddedPlanes of(float[] x, int base, int channels, Window2d g, float[] dst) {
        int sh = g.strideH();
        int sw = g.strideW();
        int wq = gridWidth(g);
        int plane = phaseHeight(g) * wq;
        Arrays.fill(dst, 0, length(g, channels), 0f);
        int inPlane = g.inH() * g.inW();
        for (int c = 0; c < channels; c++) {
            for (int ih = 0; ih < g.inH(); ih++) {
                int ph = ih + g.padTop();
                int rowBase = ((c * sh + ph % sh) * sw) * plane + (ph / sh) * wq;
                int src = base + c * inPlane + ih * g.inW();
                if (sw == 1) {
                    System.arraycopy(x, src, dst, rowBase + g.padLeft(), g.inW());
                } else {
                    for (int iw = 0; iw < g.inW(); iw++) {
                        int pw = iw + g.padLeft();
                        dst[rowBase + (pw % sw) * plane + pw / sw] = x[src + iw];
                    }
                }
            }
        }
        return new PaddedPlanes(dst, g);
    }

    @Override
    public void pack(int col, int width, int k0, int rows, float[][] dst) {
        int area = g.kH() * g.kW();
        int sh = g.strideH();
        int sw = g.strideW();
        for (int row = 0; row < rows; row++) {
            int r = k0 + row;
            int c = r / area;
            int dy = r % area / g.kW() * g.dilationH();
            int dx = r % g.kW() * g.dilationW();
            int start = ((c * sh + dy % sh) * sw + dx % sw) * phase + (dy / sh) * gridW + dx / sw + col;
            System.arraycopy(phases, start, dst[row], 0, width);
        }
    }
}
