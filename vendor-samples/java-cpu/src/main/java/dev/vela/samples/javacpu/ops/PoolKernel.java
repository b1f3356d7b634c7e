package dev.vela.samples.javacpu.ops;

import dev.vela.samples.javacpu.support.Parallel;
import dev.vela.samples.javacpu.support.Workspace;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.Window2d;
import java.util.Arrays;
import java.util.List;

/**
 * Max or average pooling over a 2-D window. NCHW walks one plane per (image, channel); NHWC one
 * output row at a time with channels innermost, so the per-tap update is a contiguous loop over
 * channels. Averages divide by the taps inside the input, or inside the padded input with
 * {@code count_include_pad} (a ceil_mode window reaching past the end padding counts only what
 * lies within it). Immutable.
 */
final class PoolKernel implements Kernel {

    /** Below this many window taps the work stays on the calling thread: a hand-off costs microseconds. */
    private static final long PARALLEL_MIN_TAPS = 1L << 18;

    private final PoolPlan plan;
    /** A max window before its first tap, and after it when every tap fell in the padding (the reference's NaN). */
    private static final float EMPTY_MAX = Float.NaN;

    private final boolean max;
    private final boolean includePad;

    PoolKernel(PoolPlan plan, boolean max, boolean includePad) {
        this.plan = plan;
        this.max = max;
        this.includePad = includePad;
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
        int threads = (long) outCount * g.kH() * g.kW() < PARALLEL_MIN_TAPS ? 1 : inv.threads();
        if (plan.layout() == Layout.NHWC) {
            int rowLength = g.outW() * plan.channels();
            Parallel.forRange(plan.batch() * g.outH(), threads, (from, to) -> {
                for (int r = from; r < to; r++) {
                    nhwcRow(x, r / g.outH(), r % g.outH(), y, r * rowLength);
                }
            });
        } else {
            Parallel.forRange(plan.batch() * plan.channels(), threads, (from, to) -> {
                for (int p = from; p < to; p++) {
                    if (max) {
                        maxPlane(x, p * g.inH() * g.inW(), y, p * g.outPixels());
                    } else {
                        averagePlane(x, p * g.inH() * g.inW(), y, p * g.outPixels());
                    }
                }
            });
        }
        inv.output(0).floats().put(0, y, 0, outCount);
    }

    /**
     * Max over one plane, tap by tap: each tap updates a run of an output row, its columns inside
     * the input worked out once, so the inner loop has no bounds tests.
     */
    private void maxPlane(float[] x, int base, float[] out, int outBase) {
        Window2d g = plan.window();
        int outW = g.outW();
        int sw = g.strideW();
        Arrays.fill(out, outBase, outBase + g.outPixels(), EMPTY_MAX);
        for (int oh = 0; oh < g.outH(); oh++) {
            int h0 = oh * g.strideH() - g.padTop();
            int o = outBase + oh * outW;
            for (int kh = 0; kh < g.kH(); kh++) {
                int ih = h0 + kh * g.dilationH();
                if (ih < 0 || ih >= g.inH()) {
                    continue;
                }
                for (int kw = 0; kw < g.kW(); kw++) {
                    int shift = kw * g.dilationW() - g.padLeft();
                    int lo = shift >= 0 ? 0 : Math.min(outW, (-shift + sw - 1) / sw);
                    int span = g.inW() - 1 - shift;
                    int hi = span < 0 ? lo : Math.max(lo, Math.min(outW, span / sw + 1));
                    int rowBase = base + ih * g.inW() + shift;
                    for (int ow = lo; ow < hi; ow++) {
                        out[o + ow] = larger(out[o + ow], x[rowBase + ow * sw]);
                    }
                }
            }
        }
    }

    /**
     * One step of the reference's max: the first value replaces the empty window's NaN, NaN inputs are
     * skipped unless every tap is NaN, and ties keep the earlier value (so -0 and 0 come out as the
     * reference's). A window lying wholly in the padding stays NaN, as the reference defines it.
     */
    private static float larger(float best, float v) {
        return Float.isNaN(best) || v > best ? v : best;
    }

    private void averagePlane(float[] x, int base, float[] out, int outBase) {
        Window2d g = plan.window();
        for (int oh = 0; oh < g.outH(); oh++) {
            int h0 = oh * g.strideH() - g.padTop();
            for (int ow = 0; ow < g.outW(); ow++) {
                int w0 = ow * g.strideW() - g.padLeft();
                float acc = 0f;
                int count = 0;
                for (int kh = 0; kh < g.kH(); kh++) {
                    int ih = h0 + kh * g.dilationH();
                    if (ih < 0 || ih >= g.inH()) {
                        continue;
                    }
                    int rowBase = base + ih * g.inW();
                    for (int kw = 0; kw < g.kW(); kw++) {
                        int iw = w0 + kw * g.dilationW();
                        if (iw < 0 || iw >= g.inW()) {
                            continue;
                        }
                        acc += x[rowBase + iw];
                        count++;
                    }
                }
                out[outBase + oh * g.outW() + ow] = acc / divisor(count, h0, w0);
            }
        }
    }

    private void nhwcRow(float[] x, int n, int oh, float[] row, int rowBase) {
        Window2d g = plan.window();
        int c = plan.channels();
        int h0 = oh * g.strideH() - g.padTop();
        Arrays.fill(row, rowBase, rowBase + g.outW() * c, max ? EMPTY_MAX : 0f);
        for (int ow = 0; ow < g.outW(); ow++) {
            int w0 = ow * g.strideW() - g.padLeft();
            int at = rowBase + ow * c;
            int count = 0;
            for (int kh = 0; kh < g.kH(); kh++) {
                int ih = h0 + kh * g.dilationH();
                if (ih < 0 || ih >= g.inH()) {
                    continue;
                }
                for (int kw = 0; kw < g.kW(); kw++) {
                    int iw = w0 + kw * g.dilationW();
                    if (iw < 0 || iw >= g.inW()) {
                        continue;
                    }
                    int src = ((n * g.inH() + ih) * g.inW() + iw) * c;
                    if (max) {
                        for (int ch = 0; ch < c; ch++) {
                            row[at + ch] = larger(row[at + ch], x[src + ch]);
                        }
                    } else {
                        for (int ch = 0; ch < c; ch++) {
                            row[at + ch] += x[src + ch];
                        }
                    }
                    count++;
                }
            }
            if (!max) {
                float d = divisor(count, h0, w0);
                for (int ch = 0; ch < c; ch++) {
                    row[at + ch] /= d;
                }
            }
        }
    }

    /** The average's divisor: taps inside the input, or inside the padded input with count_include_pad. */
    private float divisor(int inside, int h0, int w0) {
        if (!includePad) {
            return inside;
        }
        Window2d g = plan.window();
        return (float) tapsWithin(h0, g.kH(), g.dilationH(), -g.padTop(), g.inH() + g.padBottom())
                * tapsWithin(w0, g.kW(), g.dilationW(), -g.padLeft(), g.inW() + g.padRight());
    }

    private static int tapsWithin(int start, int taps, int dilation, int lo, int hi) {
        int count = 0;
        for (int t = 0; t < taps; t++) {
            int pos = start + t * dilation;
            if (pos >= lo && pos < hi) {
                count++;
            }
        }
        return count;
    }
}
