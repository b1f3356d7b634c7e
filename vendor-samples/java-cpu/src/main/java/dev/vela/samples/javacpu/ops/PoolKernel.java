package dev.vela.samples.javacpu.ops;

import dev.vela.samples.javacpu.support.Parallel;
import dev.vela.samples.javacpu.support.Window2d;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.TensorType;

import java.nio.FloatBuffer;
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

    private final PoolPlan plan;
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
        float[] x = inv.input(0).toFloatArray();
        FloatBuffer y = inv.output(0).floats();
        Window2d g = plan.window();
        if (plan.layout() == Layout.NHWC) {
            Parallel.forRange(plan.batch() * g.outH(), inv.threads(), (from, to) -> {
                float[] row = new float[g.outW() * plan.channels()];
                for (int r = from; r < to; r++) {
                    nhwcRow(x, r / g.outH(), r % g.outH(), row);
                    y.put(r * row.length, row, 0, row.length);
                }
            });
        } else {
            Parallel.forRange(plan.batch() * plan.channels(), inv.threads(), (from, to) -> {
                float[] out = new float[g.outPixels()];
                for (int p = from; p < to; p++) {
                    nchwPlane(x, p * g.inH() * g.inW(), out);
                    y.put(p * out.length, out, 0, out.length);
                }
            });
        }
    }

    private void nchwPlane(float[] x, int base, float[] out) {
        Window2d g = plan.window();
        for (int oh = 0; oh < g.outH(); oh++) {
            int h0 = oh * g.strideH() - g.padTop();
            for (int ow = 0; ow < g.outW(); ow++) {
                int w0 = ow * g.strideW() - g.padLeft();
                float acc = max ? Float.NEGATIVE_INFINITY : 0f;
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
                        float v = x[rowBase + iw];
                        acc = max ? Math.max(acc, v) : acc + v;
                        count++;
                    }
                }
                out[oh * g.outW() + ow] = max ? acc : acc / divisor(count, h0, w0);
            }
        }
    }

    private void nhwcRow(float[] x, int n, int oh, float[] row) {
        Window2d g = plan.window();
        int c = plan.channels();
        int h0 = oh * g.strideH() - g.padTop();
        Arrays.fill(row, max ? Float.NEGATIVE_INFINITY : 0f);
        for (int ow = 0; ow < g.outW(); ow++) {
            int w0 = ow * g.strideW() - g.padLeft();
            int at = ow * c;
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
                            row[at + ch] = Math.max(row[at + ch], x[src + ch]);
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
