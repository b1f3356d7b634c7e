package dev.vela.samples.javacpu;

import dev.vela.reference.ReferenceProvider;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Tensor;
import dev.vela.spi.semantics.Window2d;
import java.util.Optional;
import java.util.function.DoubleBinaryOperator;

/**
 * Expected outputs. The reference kernel ({@code new ReferenceProvider()}, factory by OpId) is the
 * oracle whenever it has a factory for the operator that supports the node. While a reference
 * operator has not yet been merged into this branch (Conv, pooling, Sub/Mul/Div, Sigmoid, Tanh,
 * Clip arrive from other branches), a direct double-precision loop written from the ONNX formulas
 * stands in, so every test compares against an independent computation either way.
 */
final class Expected {

    private static final ReferenceProvider REFERENCE = new ReferenceProvider();

    private Expected() {}

    /** @return the reference factory for the node's operator, if it supports the node */
    static Optional<KernelFactory> reference(Node node) {
        return REFERENCE.factories().stream()
                .filter(f -> f.op().equals(node.op()) && f.supports(node).isSupported())
                .findFirst();
    }

    /** @return the expected output of a node without fused activation */
    static double[] of(Node node, Tensor... inputs) {
        Optional<KernelFactory> ref = reference(node);
        if (ref.isPresent()) {
            return Tolerance.values(KernelRuns.run(ref.get(), node, 1, inputs));
        }
        return switch (node.op().name()) {
            case "Conv" -> conv(node, inputs);
            case "MaxPool" -> pool(node, inputs[0], true);
            case "AveragePool" -> pool(node, inputs[0], false);
            case "GlobalAveragePool" -> globalAverage(node, inputs[0]);
            case "Add" -> binary(inputs[0], inputs[1], Double::sum);
            case "Sub" -> binary(inputs[0], inputs[1], (a, b) -> a - b);
            case "Mul" -> binary(inputs[0], inputs[1], (a, b) -> a * b);
            case "Div" -> binary(inputs[0], inputs[1], (a, b) -> (float) a / (float) b);
            case "Relu" -> unary(inputs[0], v -> Math.max(v, 0));
            case "Sigmoid" -> unary(inputs[0], v -> 1 / (1 + Math.exp(-v)));
            case "Tanh" -> unary(inputs[0], Math::tanh);
            default -> throw new IllegalArgumentException("no oracle for " + node.op());
        };
    }

    /** Applies a fused clamp to expected values. */
    static double[] clamp(double[] v, double lo, double hi) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.min(Math.max(out[i], lo), hi);
        }
        return out;
    }

    private static double[] unary(Tensor x, java.util.function.DoubleUnaryOperator f) {
        double[] v = Tolerance.values(x);
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(v[i]);
        }
        return v;
    }

    private static double[] binary(Tensor a, Tensor b, DoubleBinaryOperator f) {
        int[] da = a.shape().dims();
        int[] db = b.shape().dims();
        int rank = Math.max(da.length, db.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int x = i - (rank - da.length) >= 0 ? da[i - (rank - da.length)] : 1;
            int y = i - (rank - db.length) >= 0 ? db[i - (rank - db.length)] : 1;
            out[i] = x == 1 ? y : x;
        }
        int count = dev.vela.spi.Shape.of(out).elementCount();
        double[] r = new double[count];
        int[] idx = new int[rank];
        for (int e = 0; e < count; e++) {
            int rest = e;
            for (int d = rank - 1; d >= 0; d--) {
                idx[d] = rest % out[d];
                rest /= out[d];
            }
            r[e] = f.applyAsDouble(a.getDouble(flat(idx, da)), b.getDouble(flat(idx, db)));
        }
        return r;
    }

    private static int flat(int[] outIdx, int[] dims) {
        int off = outIdx.length - dims.length;
        int f = 0;
        for (int d = 0; d < dims.length; d++) {
            f = f * dims[d] + (dims[d] == 1 ? 0 : outIdx[off + d]);
        }
        return f;
    }

    /** Direct convolution in double, both layouts, groups, dilations. */
    private static double[] conv(Node node, Tensor[] in) {
        boolean nhwc = Layout.of(node) == Layout.NHWC;
        Tensor x = in[0];
        Tensor w = in[1];
        int n = x.shape().dim(0);
        int c = x.shape().dim(nhwc ? 3 : 1);
        int h = x.shape().dim(nhwc ? 1 : 2);
        int wd = x.shape().dim(nhwc ? 2 : 3);
        int m = w.shape().dim(0);
        int kh = w.shape().dim(nhwc ? 1 : 2);
        int kw = w.shape().dim(nhwc ? 2 : 3);
        int group = node.attributes().getInt("group", 1);
        int cg = c / group;
        int mg = m / group;
        Window2d g = Window2d.of(node, h, wd, kh, kw, false);
        double[] out = new double[n * m * g.outH() * g.outW()];
        for (int b = 0; b < n; b++) {
            for (int co = 0; co < m; co++) {
                int gi = co / mg;
                for (int oh = 0; oh < g.outH(); oh++) {
                    for (int ow = 0; ow < g.outW(); ow++) {
                        double s = in.length > 2 && in[2] != null ? in[2].getDouble(co) : 0;
                        for (int ci = 0; ci < cg; ci++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int ih = oh * g.strideH() - g.padTop() + i * g.dilationH();
                                    int iw = ow * g.strideW() - g.padLeft() + j * g.dilationW();
                                    if (ih < 0 || ih >= h || iw < 0 || iw >= wd) {
                                        continue;
                                    }
                                    int cIn = gi * cg + ci;
                                    int xi = nhwc
                                            ? ((b * h + ih) * wd + iw) * c + cIn
                                            : ((b * c + cIn) * h + ih) * wd + iw;
                                    int wi = nhwc
                                            ? ((co * kh + i) * kw + j) * cg + ci
                                            : ((co * cg + ci) * kh + i) * kw + j;
                                    s += x.getDouble(xi) * w.getDouble(wi);
                                }
                            }
                        }
                        int oi = nhwc
                                ? ((b * g.outH() + oh) * g.outW() + ow) * m + co
                                : ((b * m + co) * g.outH() + oh) * g.outW() + ow;
                        out[oi] = s;
                    }
                }
            }
        }
        return out;
    }

    /** Direct pooling in double; the divisor rule of ONNX's reference implementation. */
    private static double[] pool(Node node, Tensor x, boolean max) {
        boolean nhwc = Layout.of(node) == Layout.NHWC;
        int n = x.shape().dim(0);
        int c = x.shape().dim(nhwc ? 3 : 1);
        int h = x.shape().dim(nhwc ? 1 : 2);
        int wd = x.shape().dim(nhwc ? 2 : 3);
        int[] k = node.attributes().getInts("kernel_shape");
        boolean includePad = node.attributes().getInt("count_include_pad", 0) != 0;
        Window2d g = Window2d.of(node, h, wd, k[0], k[1], node.attributes().getInt("ceil_mode", 0) != 0);
        double[] out = new double[n * c * g.outH() * g.outW()];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                for (int oh = 0; oh < g.outH(); oh++) {
                    for (int ow = 0; ow < g.outW(); ow++) {
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        int inside = 0;
                        int padded = 0;
                        for (int i = 0; i < k[0]; i++) {
                            for (int j = 0; j < k[1]; j++) {
                                int ih = oh * g.strideH() - g.padTop() + i * g.dilationH();
                                int iw = ow * g.strideW() - g.padLeft() + j * g.dilationW();
                                if (ih >= -g.padTop()
                                        && ih < h + g.padBottom()
                                        && iw >= -g.padLeft()
                                        && iw < wd + g.padRight()) {
                                    padded++;
                                }
                                if (ih < 0 || ih >= h || iw < 0 || iw >= wd) {
                                    continue;
                                }
                                double v = x.getDouble(
                                        nhwc ? ((b * h + ih) * wd + iw) * c + ch : ((b * c + ch) * h + ih) * wd + iw);
                                acc = max ? Math.max(acc, v) : acc + v;
                                inside++;
                            }
                        }
                        int oi = nhwc
                                ? ((b * g.outH() + oh) * g.outW() + ow) * c + ch
                                : ((b * c + ch) * g.outH() + oh) * g.outW() + ow;
                        out[oi] = max ? acc : acc / (includePad ? padded : inside);
                    }
                }
            }
        }
        return out;
    }

    private static double[] globalAverage(Node node, Tensor x) {
        boolean nhwc = Layout.of(node) == Layout.NHWC;
        int n = x.shape().dim(0);
        int c = x.shape().dim(nhwc ? 3 : 1);
        int px = x.elementCount() / Math.max(1, n * c);
        double[] out = new double[n * c];
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                double s = 0;
                for (int p = 0; p < px; p++) {
                    s += x.getDouble(nhwc ? (b * px + p) * c + ch : (b * c + ch) * px + p);
                }
                out[b * c + ch] = s / px;
            }
        }
        return out;
    }
}
