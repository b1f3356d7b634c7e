package dev.vela.samples.broken;

import dev.vela.spi.Attributes;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * A direct 2-D NCHW convolution (groups, strides, dilations, explicit pads, optional bias).
 * BUG: it reads only the begin pads ({@code pads[0]}, {@code pads[1]}) and assumes the end pads are
 * equal, as they are in most hand-written models: with asymmetric pads such as
 * {@code [0, 0, 1, 1]} (what TensorFlow's SAME padding becomes for even kernels) the output has the
 * wrong size.
 */
final class ConvIgnoringEndPads extends FloatFactory {

    ConvIgnoringEndPads() {
        super("Conv", Layout.NCHW);
    }

    @Override
    String problem(Node node) {
        if (node.inputCount() < 2 || node.inputCount() > 3) {
            return "Conv takes two or three inputs";
        }
        String problem = floatInputs(node, node.inputCount() == 3 && node.hasInput(2) ? 3 : 2);
        if (problem != null) {
            return problem;
        }
        Attributes at = node.attributes();
        if (!"NCHW".equals(at.getString("data_format", "NCHW"))) {
            return "NCHW only";
        }
        if (!"NOTSET".equals(at.getString("auto_pad", "NOTSET"))) {
            return "explicit pads only";
        }
        int[] x = node.inputType(0).shape().dims();
        int[] w = node.inputType(1).shape().dims();
        if (x.length != 4 || w.length != 4) {
            return "2-D convolutions only";
        }
        if (node.inputValue(1).isEmpty()
                || node.hasInput(2)
                        && node.inputCount() == 3
                        && node.inputValue(2).isEmpty()) {
            return "weights and bias must be constant";
        }
        int group = at.getInt("group", 1);
        if (group < 1 || x[1] % group != 0 || w[0] % group != 0 || w[1] * group != x[1]) {
            return "channels do not match group " + group;
        }
        if (node.inputCount() == 3
                && node.hasInput(2)
                && !node.inputType(2).shape().equals(dev.vela.spi.Shape.of(w[0]))) {
            return "bias must be [M]";
        }
        Geometry g = Geometry.of(at, x, w);
        if (g == null || g.outH <= 0 || g.outW <= 0 || x[0] == 0) {
            return "unsupported geometry";
        }
        return null;
    }

    /** Window settings and output size, with the bug: end pads taken equal to begin pads. */
    record Geometry(int sh, int sw, int dh, int dw, int padTop, int padLeft, int outH, int outW) {
        static Geometry of(Attributes at, int[] x, int[] w) {
            int[] strides = at.getInts("strides", new int[] {1, 1});
            int[] dil = at.getInts("dilations", new int[] {1, 1});
            int[] pads = at.getInts("pads", new int[] {0, 0, 0, 0});
            if (strides.length != 2
                    || dil.length != 2
                    || pads.length != 4
                    || strides[0] < 1
                    || strides[1] < 1
                    || dil[0] < 1
                    || dil[1] < 1) {
                return null;
            }
            int top = pads[0];
            int left = pads[1];
            // BUG: pads[2] and pads[3] (bottom, right) are never read.
            int outH = (x[2] + 2 * top - dil[0] * (w[2] - 1) - 1) / strides[0] + 1;
            int outW = (x[3] + 2 * left - dil[1] * (w[3] - 1) - 1) / strides[1] + 1;
            return new Geometry(strides[0], strides[1], dil[0], dil[1], top, left, outH, outW);
        }
    }

    @Override
    Kernel build(Node node) {
        int[] x = node.inputType(0).shape().dims();
        int[] w = node.inputType(1).shape().dims();
        Geometry g = Geometry.of(node.attributes(), x, w);
        int group = node.attributes().getInt("group", 1);
        float[] weights = node.inputValue(1).orElseThrow().toFloatArray();
        float[] bias = node.inputCount() == 3 && node.hasInput(2)
                ? node.inputValue(2).orElseThrow().toFloatArray()
                : new float[w[0]];
        TensorType out = TensorType.of(node.inputType(0).dataType(), x[0], w[0], g.outH(), g.outW());
        return new Kernel() {
            @Override
            public List<TensorType> outputTypes() {
                return List.of(out);
            }

            @Override
            public void invoke(Invocation inv) {
                run(inv.input(0), inv.output(0).floats());
            }

            private void run(Tensor input, FloatBuffer y) {
                FloatBuffer in = input.floats();
                int cPerGroup = w[1];
                int mPerGroup = w[0] / group;
                int o = 0;
                for (int n = 0; n < x[0]; n++) {
                    for (int m = 0; m < w[0]; m++) {
                        int c0 = (m / mPerGroup) * cPerGroup;
                        for (int oh = 0; oh < g.outH(); oh++) {
                            for (int ow = 0; ow < g.outW(); ow++) {
                                double acc = bias[m];
                                for (int c = 0; c < cPerGroup; c++) {
                                    for (int kh = 0; kh < w[2]; kh++) {
                                        int ih = oh * g.sh() - g.padTop() + kh * g.dh();
                                        if (ih < 0 || ih >= x[2]) {
                                            continue;
                                        }
                                        for (int kw = 0; kw < w[3]; kw++) {
                                            int iw = ow * g.sw() - g.padLeft() + kw * g.dw();
                                            if (iw < 0 || iw >= x[3]) {
                                                continue;
                                            }
                                            acc += in.get(((n * x[1] + c0 + c) * x[2] + ih) * x[3] + iw)
                                                    * weights[((m * cPerGroup + c) * w[2] + kh) * w[3] + kw];
                                        }
                                    }
                                }
                                y.put(o++, (float) acc);
                            }
                        }
                    }
                }
            }
        };
    }
}
