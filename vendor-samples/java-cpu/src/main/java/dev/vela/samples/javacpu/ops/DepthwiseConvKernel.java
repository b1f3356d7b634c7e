package dev.vela.samples.javacpu.ops;

import dev.vela.samples.javacpu.support.Parallel;
import dev.vela.samples.javacpu.support.Window2d;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.TensorType;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * Depthwise Conv (group = C, one input channel per group, channel multiplier M / C) as a direct
 * sliding window: a GEMM of depth kH*kW would waste the engine, so each kernel tap instead adds
 * {@code w * x} along a whole output row, clipped once per row to the columns whose input lies
 * inside the image, leaving a branch-free inner loop. NCHW walks one output plane per channel
 * (work split over channels); NHWC walks one output row with channels innermost (work split over
 * rows). Immutable after construction.
 */
final class DepthwiseConvKernel implements Kernel {

    private final ConvPlan plan;
    /** NCHW: [M][kH*kW]; NHWC: transposed to [kH*kW][M] so channels are contiguous. */
    private final float[] weights;
    private final float[] bias;
    private final int multiplier;

    DepthwiseConvKernel(ConvPlan plan, float[] weights, float[] bias) {
        this.plan = plan;
        this.bias = bias;
        this.multiplier = plan.outChannels() / plan.inChannels();
        if (plan.layout() == Layout.NHWC) {
            int m = plan.outChannels();
            int area = plan.window().kH() * plan.window().kW();
            float[] t = new float[weights.length];
            for (int co = 0; co < m; co++) {
                for (int tap = 0; tap < area; tap++) {
                    t[tap * m + co] = weights[co * area + tap];
                }
            }
            this.weights = t;
        } else {
            this.weights = weights;
        }
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
                float[] acc = new float[g.outW() * plan.outChannels()];
                for (int row = from; row < to; row++) {
                    nhwcRow(x, row / g.outH(), row % g.outH(), acc);
                    y.put(row * acc.length, acc, 0, acc.length);
                }
            });
        } else {
            Parallel.forRange(plan.batch() * plan.outChannels(), inv.threads(), (from, to) -> {
                float[] acc = new float[g.outPixels()];
                for (int plane = from; plane < to; plane++) {
                    nchwPlane(x, plane / plan.outChannels(), plane % plan.outChannels(), acc);
                    y.put(plane * acc.length, acc, 0, acc.length);
                }
            });
        }
    }

    private void nchwPlane(float[] x, int n, int co, float[] acc) {
        Window2d g = plan.window();
        int inPlane = g.inH() * g.inW();
        int xBase = (n * plan.inChannels() + co / multiplier) * inPlane;
        java.util.Arrays.fill(acc, bias[co]);
        int area = g.kH() * g.kW();
        int sw = g.strideW();
        for (int kh = 0; kh < g.kH(); kh++) {
            for (int kw = 0; kw < g.kW(); kw++) {
                float wv = weights[co * area + kh * g.kW() + kw];
                int shift = kw * g.dilationW() - g.padLeft();
                int lo = firstInside(shift, sw);
                int hi = Math.min(g.outW(), lastInside(shift, sw, g.inW()) + 1);
                for (int oh = 0; oh < g.outH(); oh++) {
                    int ih = oh * g.strideH() + kh * g.dilationH() - g.padTop();
                    if (ih < 0 || ih >= g.inH()) {
                        continue;
                    }
                    int src = xBase + ih * g.inW() + shift;
                    int dst = oh * g.outW();
                    for (int ow = lo; ow < hi; ow++) {
                        acc[dst + ow] += wv * x[src + ow * sw];
                    }
                }
            }
        }
        plan.activation().apply(acc, 0, acc.length);
    }

    private void nhwcRow(float[] x, int n, int oh, float[] acc) {
        Window2d g = plan.window();
        int m = plan.outChannels();
        int c = plan.inChannels();
        for (int ow = 0; ow < g.outW(); ow++) {
            System.arraycopy(bias, 0, acc, ow * m, m);
        }
        for (int kh = 0; kh < g.kH(); kh++) {
            int ih = oh * g.strideH() + kh * g.dilationH() - g.padTop();
            if (ih < 0 || ih >= g.inH()) {
                continue;
            }
            for (int kw = 0; kw < g.kW(); kw++) {
                int wBase = (kh * g.kW() + kw) * m;
                int shift = kw * g.dilationW() - g.padLeft();
                int lo = firstInside(shift, g.strideW());
                int hi = Math.min(g.outW(), lastInside(shift, g.strideW(), g.inW()) + 1);
                for (int ow = lo; ow < hi; ow++) {
                    int xBase = ((n * g.inH() + ih) * g.inW() + ow * g.strideW() + shift) * c;
                    int a = ow * m;
                    if (multiplier == 1) {
                        for (int co = 0; co < m; co++) {
                            acc[a + co] += weights[wBase + co] * x[xBase + co];
                        }
                    } else {
                        for (int co = 0; co < m; co++) {
                            acc[a + co] += weights[wBase + co] * x[xBase + co / multiplier];
                        }
                    }
                }
            }
        }
        plan.activation().apply(acc, 0, acc.length);
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
