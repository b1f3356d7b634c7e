package dev.vela.samples.javacpu.ops;

import dev.vela.samples.javacpu.support.Parallel;
import dev.vela.samples.javacpu.support.Workspace;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.Window2d;
import java.util.List;

/**
 * Depthwise Conv (group = C, one input channel per group, channel multiplier M / C) as a direct
 * sliding window: a GEMM of depth kH*kW would waste the engine. NCHW accumulates one output row
 * at a time (work split over channels): each kernel tap copies its shifted input row, zero
 * outside the image, into an array indexed like the accumulator and adds {@code w * x} along the
 * row. NHWC accumulates one output pixel's channels at a time (work split over rows) from
 * per-tap weight arrays, unless its rows are wider than its channels are many: then the image is
 * transposed to planar form and takes the NCHW path. Indexing every array of an update loop alike is what lets C2 vectorise
 * it (JDK 17 cannot otherwise rule out overlap). Immutable after construction.
 */
final class DepthwiseConvKernel implements Kernel {

    /** Below this many multiply-adds the work stays on the calling thread: a hand-off costs microseconds. */
    private static final long PARALLEL_MIN_MACS = 1L << 18;

    private final ConvPlan plan;
    /** [M][kH*kW] as given (both layouts flatten alike), read by the NCHW path. */
    private final float[] weights;
    /** One array of M weights per tap, read by the NHWC path so channels are contiguous. */
    private final float[][] tapWeights;

    private final float[] bias;
    private final int multiplier;

    DepthwiseConvKernel(ConvPlan plan, float[] weights, float[] bias) {
        this.plan = plan;
        this.bias = bias;
        this.multiplier = plan.outChannels() / plan.inChannels();
        this.weights = weights;
        int m = plan.outChannels();
        int area = plan.window().kH() * plan.window().kW();
        this.tapWeights = new float[area][m];
        for (int co = 0; co < m; co++) {
            for (int tap = 0; tap < area; tap++) {
                tapWeights[tap][co] = weights[co * area + tap];
            }
        }
    }

    @Override
    public List<TensorType> outputTypes() {
        return List.of(plan.output());
    }

    @Override
    public void invoke(Invocation inv) {
        Tensor input = inv.input(0);
        float[] x = Workspace.floats(Workspace.INPUT, input.elementCount());
        input.floats().get(0, x, 0, input.elementCount());
        int outCount = plan.output().elementCount();
        float[] y = Workspace.floats(Workspace.OUTPUT, outCount);
        Window2d g = plan.window();
        int threads = (long) outCount * g.kH() * g.kW() < PARALLEL_MIN_MACS ? 1 : inv.threads();
        boolean nhwc = plan.layout() == Layout.NHWC;
        int m = plan.outChannels();
        if (nhwc && g.outW() > m) {
            // Few channels, wide rows (a MobileNet's first depthwise layers): vectorise along rows
            // in planar form, transposing the image in and the result out.
            int c = plan.inChannels();
            int inPixels = g.inH() * g.inW();
            float[] planar = Workspace.floats(Workspace.INPUT2, input.elementCount());
            for (int n = 0; n < plan.batch(); n++) {
                transpose(x, n * inPixels * c, inPixels, c, planar, n * inPixels * c);
            }
            float[] result = Workspace.floats(Workspace.WIDE, outCount);
            planes(planar, result, threads);
            int outPixels = g.outPixels();
            for (int n = 0; n < plan.batch(); n++) {
                transpose(result, n * outPixels * m, m, outPixels, y, n * outPixels * m);
            }
        } else if (nhwc) {
            Parallel.forRange(plan.batch() * g.outH(), threads, (from, to) -> {
                Rows pixel = new Rows(plan.outChannels());
                int rowLength = g.outW() * plan.outChannels();
                for (int row = from; row < to; row++) {
                    nhwcRow(x, row / g.outH(), row % g.outH(), y, row * rowLength, pixel);
                }
            });
        } else {
            planes(x, y, threads);
        }
        inv.output(0).floats().put(0, y, 0, outCount);
    }

    /** Every output plane of planar input {@code x} into planar {@code out}, planes split over threads. */
    private void planes(float[] x, float[] out, int threads) {
        Window2d g = plan.window();
        Parallel.forRange(plan.batch() * plan.outChannels(), threads, (from, to) -> {
            Rows rows = new Rows(g.outW());
            for (int plane = from; plane < to; plane++) {
                nchwPlane(x, plane / plan.outChannels(), plane % plan.outChannels(), out, plane * g.outPixels(), rows);
            }
        });
    }

    /** {@code dst[dstBase + j * rows + i] = src[srcBase + i * cols + j]} for a rows x cols matrix. */
    private static void transpose(float[] src, int srcBase, int rows, int cols, float[] dst, int dstBase) {
        for (int i = 0; i < rows; i++) {
            int s = srcBase + i * cols;
            for (int j = 0; j < cols; j++) {
                dst[dstBase + j * rows + i] = src[s + j];
            }
        }
    }

    /** Per-share work arrays (the share's thread's workspace): one output row, one shifted input row (NCHW) or pixel (NHWC). */
    private static final class Rows {
        final float[] acc;
        final float[] src;

        Rows(int width) {
            acc = Workspace.floats(Workspace.WORK, width);
            src = Workspace.floats(Workspace.WORK2, width);
        }
    }

    private void nchwPlane(float[] x, int n, int co, float[] out, int outBase, Rows rows) {
        Window2d g = plan.window();
        int inPlane = g.inH() * g.inW();
        int xBase = (n * plan.inChannels() + co / multiplier) * inPlane;
        int area = g.kH() * g.kW();
        int outW = g.outW();
        float[] acc = rows.acc;
        float[] src = rows.src;
        for (int oh = 0; oh < g.outH(); oh++) {
            java.util.Arrays.fill(acc, 0, outW, bias[co]);
            for (int kh = 0; kh < g.kH(); kh++) {
                int ih = oh * g.strideH() + kh * g.dilationH() - g.padTop();
                if (ih < 0 || ih >= g.inH()) {
                    continue;
                }
                for (int kw = 0; kw < g.kW(); kw++) {
                    float wv = weights[co * area + kh * g.kW() + kw];
                    gatherRow(x, xBase + ih * g.inW(), kw * g.dilationW() - g.padLeft(), src);
                    for (int ow = 0; ow < outW; ow++) {
                        acc[ow] += wv * src[ow];
                    }
                }
            }
            plan.activation().applyInPlace(acc, 0, outW);
            System.arraycopy(acc, 0, out, outBase + oh * outW, outW);
        }
    }

    /**
     * {@code src[ow] = x[rowBase + ow * strideW + shift]}, 0 outside the row. Copying the tap's
     * input into an array indexed like the accumulator is what lets C2 vectorise the update.
     */
    private void gatherRow(float[] x, int rowBase, int shift, float[] src) {
        Window2d g = plan.window();
        int sw = g.strideW();
        int outW = g.outW();
        int lo = Math.min(outW, firstInside(shift, sw));
        int hi = Math.max(lo, Math.min(outW, lastInside(shift, sw, g.inW()) + 1));
        java.util.Arrays.fill(src, 0, lo, 0f);
        // A tap wholly in the padding has lo == hi and a source position rowBase + lo + shift that can be negative
        // (first plane, left padding): arraycopy rejects it even for zero elements, so that tap takes the loop.
        if (sw == 1 && hi > lo) {
            System.arraycopy(x, rowBase + lo + shift, src, lo, hi - lo);
        } else {
            for (int ow = lo; ow < hi; ow++) {
                src[ow] = x[rowBase + ow * sw + shift];
            }
        }
        java.util.Arrays.fill(src, hi, outW, 0f);
    }

    private void nhwcRow(float[] x, int n, int oh, float[] row, int rowBase, Rows pixel) {
        Window2d g = plan.window();
        int m = plan.outChannels();
        int c = plan.inChannels();
        float[] acc = pixel.acc;
        float[] src = pixel.src;
        for (int ow = 0; ow < g.outW(); ow++) {
            System.arraycopy(bias, 0, acc, 0, m);
            for (int kh = 0; kh < g.kH(); kh++) {
                int ih = oh * g.strideH() + kh * g.dilationH() - g.padTop();
                if (ih < 0 || ih >= g.inH()) {
                    continue;
                }
                for (int kw = 0; kw < g.kW(); kw++) {
                    int iw = ow * g.strideW() + kw * g.dilationW() - g.padLeft();
                    if (iw < 0 || iw >= g.inW()) {
                        continue;
                    }
                    int xBase = ((n * g.inH() + ih) * g.inW() + iw) * c;
                    if (multiplier == 1) {
                        System.arraycopy(x, xBase, src, 0, m);
                    } else {
                        for (int co = 0; co < m; co++) {
                            src[co] = x[xBase + co / multiplier];
                        }
                    }
                    float[] w = tapWeights[kh * g.kW() + kw];
                    for (int co = 0; co < m; co++) {
                        acc[co] += w[co] * src[co];
                    }
                }
            }
            plan.activation().applyInPlace(acc, 0, m);
            System.arraycopy(acc, 0, row, rowBase + ow * m, m);
        }
    }

    /** @return the first output column whose input column {@code ow * stride + shift} is >= 0 */
    private static int firstInside(int shift, int stride) {
        return shift >= 0 ? 0 : (-shift + stride - 1) / stride;
    }

    /** @return the last output column whose input column is < width (may be negative) */
    private static int lastInside(int shift, int stride, int width) {
        int span = width - 1 - shift;
        return span < 0 ? -1 : span / stride;
    }
}
