package dev.vela.reference.nn;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.SpatialDims;
import dev.vela.reference.support.SpatialGeometry;
import dev.vela.spi.Invocation;

/**
 * {@link Conv} in float32 computed as TFLite 2.20's reference kernels compute it ({@code reference_ops::Conv} in
 * {@code conv.h}, {@code reference_ops::DepthwiseConv} in {@code depthwiseconv_float.h}): one float accumulator per
 * output element, starting at zero, summing {@code input * filter} over the filter rows, then the filter columns,
 * then the input channels of the group, skipping taps that fall in the padding; the bias is added once, after the
 * sum. The activation clamp that TFLite applies next is exact, so {@code FloatFusedActivation} applying it afterwards
 * gives the same bits. This is the {@code tflite} numerics flavour of a float convolution: a dynamic-range layer
 * downstream quantizes these values on the fly, and a last-bit difference here (the default kernel accumulates in
 * double, bias first) can move an activation across a quantization step there. A depthwise convolution (group =
 * channels) is the same loop with one input channel per group.
 */
record TfliteOrderConv(
        SpatialDims x, SpatialDims y, SpatialGeometry g, int group, int groupChannels, int[] ws, boolean hasBias) {

    void run(Invocation inv) {
        float[] in = Elements.floats(inv.input(0));
        float[] w = Elements.floats(inv.input(1));
        float[] bias = hasBias ? Elements.floats(inv.input(2)) : null;
        float[] out = new float[y.batch * y.batchStride];
        int outPerGroup = y.channels / group;
        for (int n = 0; n < x.batch; n++) {
            for (int m = 0; m < y.channels; m++) {
                int firstChannel = (m / outPerGroup) * groupChannels;
                int outBase = y.base(n, m);
                for (int od = 0; od < g.output[0]; od++) {
                    for (int oh = 0; oh < g.output[1]; oh++) {
                        for (int ow = 0; ow < g.output[2]; ow++) {
                            float total = sum(in, w, n, m, firstChannel, od, oh, ow);
                            float b = bias == null ? 0f : bias[m];
                            out[
                                            outBase
                                                    + od * y.spatialStrides[0]
                                                    + oh * y.spatialStrides[1]
                                                    + ow * y.spatialStrides[2]] =
                                    total + b;
                        }
                    }
                }
            }
        }
        Elements.put(inv.output(0), out);
    }

    /** One output element's float sum, taps in TFLite's order (depth, row, column, then input channel). */
    private float sum(float[] in, float[] w, int n, int m, int firstChannel, int od, int oh, int ow) {
        float total = 0f;
        for (int kd = 0; kd < g.kernel[0]; kd++) {
            int id = g.inputCoordinate(0, od, kd);
            if (id < 0 || id >= x.spatial[0]) {
                continue;
            }
            for (int kh = 0; kh < g.kernel[1]; kh++) {
                int ih = g.inputCoordinate(1, oh, kh);
                if (ih < 0 || ih >= x.spatial[1]) {
                    continue;
                }
                for (int kw = 0; kw < g.kernel[2]; kw++) {
                    int iw = g.inputCoordinate(2, ow, kw);
                    if (iw < 0 || iw >= x.spatial[2]) {
                        continue;
                    }
                    int position = id * x.spatialStrides[0] + ih * x.spatialStrides[1] + iw * x.spatialStrides[2];
                    int tap = m * ws[0] + kd * ws[2] + kh * ws[3] + kw * ws[4];
                    for (int ci = 0; ci < groupChannels; ci++) {
                        // float product, then float sum: two roundings, as the C++ loop without contraction
                        total += in[x.base(n, firstChannel + ci) + position] * w[tap + ci * ws[1]];
                    }
                }
            }
        }
        return total;
    }
}
