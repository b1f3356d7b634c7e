package dev.vela.conformance.broken;

import dev.vela.reference.quantized.FixedPoint;
import dev.vela.spi.DataType;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The kit's own versions of six bug classes an earlier kit certified at its defaults, each a provider with one
 * claim, plus a correct kernel that kit refused. Each buggy kernel computes what the bug makes a real kernel
 * compute: where the bug does not bite (a first invocation, one thread, a short window, a value away from a
 * rounding tie) its result is the reference's, bit for bit, so a kit finds it only by reaching the bug's
 * conditions.
 */
public final class MissedBugProviders {

    private MissedBugProviders() {}

    /** @return the six buggy providers */
    public static List<BrokenProviders.Broken> all() {
        return List.of(
                pointwiseConvKeepsScratch(),
                reduceSumInCompletionOrder(),
                averagePoolSixteenBitSum(),
                uint8GemmMultiplierInDouble(),
                int16AddTruncatingShift(),
                sameUpperOnTop());
    }

    /**
     * (1) float32 Conv NCHW whose pointwise (1x1, stride 1, unpadded, one group) path accumulates into scratch and
     * never clears it: right on a fresh, zeroed buffer, wrong on every later invocation of a session.
     */
    static BrokenProviders.Broken pointwiseConvKeepsScratch() {
        return new BrokenProviders.Broken(
                "pointwise Conv never clears its scratch accumulator",
                TestProvider.of(
                        "conv-scratch",
                        new NnQuantizedBrokenKernels.LayoutFactory("Conv", DataType.FLOAT32, Layout.NCHW) {
                            @Override
                            protected Kernel wrap(Node node, Kernel k) {
                                int[] kernel = node.attributes().getInts("kernel_shape", null);
                                Shape w = node.inputType(1).shape();
                                boolean pointwise = w.rank() == 4
                                        && w.dim(2) == 1
                                        && w.dim(3) == 1
                                        && node.attributes().getLong("group", 1) == 1
                                        && !node.attributes().has("activation")
                                        && allOnes(node.attributes().getInts("strides", null))
                                        && allZero(node.attributes().getInts("pads", null))
                                        && (kernel == null || allOnes(kernel));
                                if (!pointwise) {
                                    return k;
                                }
                                Shape x = node.inputType(0).shape();
                                int n = x.dim(0);
                                int c = x.dim(1);
                                int hw = x.dim(2) * x.dim(3);
                                int m = w.dim(0);
                                return new DelegatingFactory.ForwardingKernel(k) {
                                    @Override
                                    public int scratchBytes() {
                                        return 4 * n * m * hw;
                                    }

                                    @Override
                                    public void invoke(Invocation inv) {
                                        FloatBuffer acc = inv.scratch()
                                                .order(ByteOrder.LITTLE_ENDIAN)
                                                .asFloatBuffer();
                                        Tensor in = inv.input(0);
                                        Tensor weights = inv.input(1);
                                        Tensor out = inv.output(0);
                                        // the accumulator is "cleared" once, by the allocation of the first
                                        // invocation's scratch
                                        for (int b = 0; b < n; b++) {
                                            for (int o = 0; o < m; o++) {
                                                for (int i = 0; i < c; i++) {
                                                    float wv = (float) weights.getDouble(o * c + i);
                                                    for (int p = 0; p < hw; p++) {
                                                        int a = (b * m + o) * hw + p;
                                                        acc.put(
                                                                a,
                                                                acc.get(a)
                                                                        + wv
                                                                                * (float) in.getDouble(
                                                                                        (b * c + i) * hw + p));
                                                    }
                                                }
                                                float bias = inv.inputCount() > 2 && inv.hasInput(2)
                                                        ? (float) inv.input(2).getDouble(o)
                                                        : 0f;
                                                for (int p = 0; p < hw; p++) {
                                                    out.setDouble(
                                                            (b * m + o) * hw + p, acc.get((b * m + o) * hw + p) + bias);
                                                }
                                            }
                                        }
                                    }
                                };
                            }
                        }),
                "numerics");
    }

    /**
     * (2) float32 ReduceSum that, given several threads, splits the input between them and adds each thread's
     * partial sums into the output in the order the threads finish: right, but not bit-identical from one run to
     * the next.
     */
    static BrokenProviders.Broken reduceSumInCompletionOrder() {
        return new BrokenProviders.Broken(
                "ReduceSum adds partial sums in thread completion order",
                TestProvider.of("reduce-completion-order", new FloatReduceSumFactory(true)),
                "determinism");
    }

    /** A correct float32 ReduceSum accumulating in float32, in input order, as TFLite and ONNX Runtime do. */
    public static TestProvider float32AccumulatingReduceSum() {
        return TestProvider.of("reduce-float32", new FloatReduceSumFactory(false));
    }

    /** float32 ReduceSum accumulating in float32; optionally splitting across threads and summing in completion order. */
    static final class FloatReduceSumFactory extends DelegatingFactory {
        private final boolean split;

        FloatReduceSumFactory(boolean split) {
            super("ReduceSum", DataType.FLOAT32);
            this.split = split;
        }

        @Override
        protected Kernel wrap(Node node, Kernel k) {
            Shape s = node.inputType(0).shape();
            boolean[] reduced = reducedAxes(node, s);
            return new ForwardingKernel(k) {
                @Override
                public void invoke(Invocation inv) {
                    Tensor x = inv.input(0);
                    int outCount = inv.output(0).elementCount();
                    int[] target = targets(s, reduced);
                    float[] sum = new float[outCount];
                    int threads = split ? Math.min(inv.threads(), Math.max(1, x.elementCount() / 64)) : 1;
                    if (threads <= 1) {
                        add(x, target, 0, x.elementCount(), sum);
                    } else {
                        List<Thread> parts = new ArrayList<>();
                        int n = x.elementCount();
                        for (int t = 0; t < threads; t++) {
                            int from = (int) ((long) n * t / threads);
                            int to = (int) ((long) n * (t + 1) / threads);
                            Thread worker = new Thread(
                                    () -> {
                                        float[] partial = new float[outCount];
                                        add(x, target, from, to, partial);
                                        synchronized (sum) { // in the order the threads finish
                                            for (int o = 0; o < outCount; o++) {
                                                sum[o] += partial[o];
                                            }
                                        }
                                    },
                                    "reduce-sum-part-" + t);
                            parts.add(worker);
                            worker.start();
                        }
                        for (Thread worker : parts) {
                            try {
                                worker.join();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new IllegalStateException(e);
                            }
                        }
                    }
                    for (int o = 0; o < outCount; o++) {
                        inv.output(0).setDouble(o, sum[o]);
                    }
                }
            };
        }

        private static void add(Tensor x, int[] target, int from, int to, float[] sum) {
            for (int i = from; i < to; i++) {
                sum[target[i]] += (float) x.getDouble(i);
            }
        }

        /** The output element each input element adds to. */
        private static int[] targets(Shape s, boolean[] reduced) {
            int n = s.elementCount();
            int[] out = new int[n];
            int rank = s.rank();
            for (int i = 0; i < n; i++) {
                int rest = i;
                int o = 0;
                int stride = 1;
                for (int d = rank - 1; d >= 0; d--) {
                    int coord = rest % s.dim(d);
                    rest /= s.dim(d);
                    if (!reduced[d]) {
                        o += coord * stride;
                        stride *= s.dim(d);
                    }
                }
                out[i] = o;
            }
            return out;
        }

        private static boolean[] reducedAxes(Node node, Shape s) {
            long[] axes;
            if (node.inputCount() > 1 && node.hasInput(1)) {
                axes = node.inputValue(1).orElseThrow().toLongArray();
            } else {
                axes = node.attributes().getLongs("axes", new long[0]);
            }
            boolean noop = node.attributes().getLong("noop_with_empty_axes", 0) != 0;
            boolean[] reduced = new boolean[s.rank()];
            for (int d = 0; d < s.rank(); d++) {
                reduced[d] = axes.length == 0 && !noop;
            }
            for (long a : axes) {
                reduced[(int) (a < 0 ? a + s.rank() : a)] = true;
            }
            return reduced;
        }
    }

    /**
     * (3) int8 AveragePool (NHWC) summing each window in 16 bits: right until a window's sum passes 32767 or
     * -32768, which takes more than 257 taps near the ends of the range.
     */
    static BrokenProviders.Broken averagePoolSixteenBitSum() {
        return new BrokenProviders.Broken(
                "int8 AveragePool with a 16-bit window sum",
                TestProvider.of(
                        "avgpool-int16-sum",
                        new NnQuantizedBrokenKernels.LayoutFactory("AveragePool", DataType.INT8, Layout.NHWC) {
                            @Override
                            protected Kernel wrap(Node node, Kernel k) {
                                if (node.outputQuantization(0).isEmpty()) {
                                    return k;
                                }
                                Shape xs = node.inputType(0).shape();
                                Shape ys = k.outputTypes().get(0).shape();
                                int[] kernel = node.attributes().getInts("kernel_shape");
                                int[] strides = node.attributes().getInts("strides", new int[] {1, 1});
                                int[] pads = pads(node, xs.dim(1), xs.dim(2), ys.dim(1), ys.dim(2), kernel, strides);
                                return new DelegatingFactory.ForwardingKernel(k) {
                                    @Override
                                    public void invoke(Invocation inv) {
                                        delegate.invoke(inv);
                                        Tensor x = inv.input(0);
                                        Tensor y = inv.output(0);
                                        int h = xs.dim(1);
                                        int w = xs.dim(2);
                                        int c = xs.dim(3);
                                        for (int b = 0; b < ys.dim(0); b++) {
                                            for (int oh = 0; oh < ys.dim(1); oh++) {
                                                for (int ow = 0; ow < ys.dim(2); ow++) {
                                                    for (int ch = 0; ch < c; ch++) {
                                                        int sum = 0;
                                                        int count = 0;
                                                        for (int i = 0; i < kernel[0]; i++) {
                                                            for (int j = 0; j < kernel[1]; j++) {
                                                                int ih = oh * strides[0] - pads[0] + i;
                                                                int iw = ow * strides[1] - pads[1] + j;
                                                                if (ih >= 0 && ih < h && iw >= 0 && iw < w) {
                                                                    sum += (int)
                                                                            x.getLong(((b * h + ih) * w + iw) * c + ch);
                                                                    count++;
                                                                }
                                                            }
                                                        }
                                                        short narrow = (short) sum;
                                                        if (narrow != sum && count > 0) {
                                                            int avg = narrow > 0
                                                                    ? (narrow + count / 2) / count
                                                                    : (narrow - count / 2) / count;
                                                            y.setLong(
                                                                    ((b * ys.dim(1) + oh) * ys.dim(2) + ow) * c + ch,
                                                                    Math.max(-128, Math.min(127, avg)));
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                };
                            }
                        }),
                "numerics");
    }

    /** Begin pads [top, left] of a 2-D window from explicit pads or auto_pad. */
    private static int[] pads(Node node, int h, int w, int oh, int ow, int[] kernel, int[] strides) {
        int[] explicit = node.attributes().getInts("pads", null);
        String auto = node.attributes().getString("auto_pad", "NOTSET");
        if (auto.startsWith("SAME")) {
            int th = Math.max(0, (oh - 1) * strides[0] + kernel[0] - h);
            int tw = Math.max(0, (ow - 1) * strides[1] + kernel[1] - w);
            boolean upper = auto.equals("SAME_UPPER");
            return new int[] {upper ? th / 2 : th - th / 2, upper ? tw / 2 : tw - tw / 2};
        }
        return explicit == null || auto.equals("VALID") ? new int[2] : new int[] {explicit[0], explicit[1]};
    }

    /**
     * (4) uint8 Gemm requantizing with a double multiplier and one rounding ({@code Math.round(acc * M)}) instead
     * of TFLite's fixed-point multiplier and its two roundings: right except near a rounding tie.
     */
    static BrokenProviders.Broken uint8GemmMultiplierInDouble() {
        return new BrokenProviders.Broken(
                "uint8 Gemm multiplier in double",
                TestProvider.of("gemm-double-multiplier", new DelegatingFactory("Gemm", DataType.UINT8) {
                    @Override
                    protected Kernel wrap(Node node, Kernel k) {
                        if (node.outputQuantization(0).isEmpty()
                                || node.inputType(0).quantization().isEmpty()
                                || node.inputType(1)
                                        .quantization()
                                        .orElseThrow()
                                        .isPerAxis()) {
                            return k;
                        }
                        Quantization xq = node.inputType(0).quantization().orElseThrow();
                        Quantization wq = node.inputType(1).quantization().orElseThrow();
                        Quantization yq = node.outputQuantization(0).orElseThrow();
                        boolean transA = node.attributes().getLong("transA", 0) != 0;
                        boolean transB = node.attributes().getLong("transB", 0) != 0;
                        Shape as = node.inputType(0).shape();
                        int m = transA ? as.dim(1) : as.dim(0);
                        int kk = transA ? as.dim(0) : as.dim(1);
                        double real = (double) xq.scale() * wq.scale() / yq.scale();
                        // what the reference computes: the scales multiplied in float (legacy uint8), then fixed point
                        FixedPoint.Multiplier fixed =
                                FixedPoint.quantizeMultiplier((double) (xq.scale() * wq.scale()) / yq.scale());
                        return new DelegatingFactory.ForwardingKernel(k) {
                            @Override
                            public void invoke(Invocation inv) {
                                delegate.invoke(inv);
                                Tensor a = inv.input(0);
                                Tensor b = inv.input(1);
                                Tensor y = inv.output(0);
                                int n = y.shape().dim(1);
                                for (int i = 0; i < m; i++) {
                                    for (int j = 0; j < n; j++) {
                                        long acc = 0;
                                        for (int p = 0; p < kk; p++) {
                                            long av = a.getLong(transA ? p * m + i : i * kk + p) - xq.zeroPoint();
                                            long bv = b.getLong(transB ? j * kk + p : p * n + j) - wq.zeroPoint();
                                            acc += av * bv;
                                        }
                                        if (inv.inputCount() > 2 && inv.hasInput(2)) {
                                            Tensor bias = inv.input(2);
                                            acc += bias.getLong(bias.elementCount() == 1 ? 0 : j);
                                        }
                                        long right = yq.zeroPoint()
                                                + (long) FixedPoint.multiplyByQuantizedMultiplier(acc, fixed);
                                        long wrong = yq.zeroPoint() + Math.round(acc * real);
                                        long got = y.getLong(i * n + j);
                                        if (got == right && right > 0 && right < 255 && wrong != right) {
                                            y.setLong(i * n + j, Math.max(0, Math.min(255, wrong)));
                                        }
                                    }
                                }
                            }
                        };
                    }
                }),
                "numerics");
    }

    /**
     * (5) int16 Add rescaling its inputs with a truncating shift (an arithmetic {@code >>}) where TFLite rounds:
     * each input's rescaled value is at most one unit of 2^-15 low, which changes the output only near a
     * rounding tie.
     */
    static BrokenProviders.Broken int16AddTruncatingShift() {
        return new BrokenProviders.Broken(
                "int16 Add with a truncating shift",
                TestProvider.of("add-int16-truncating", new DelegatingFactory("Add", DataType.INT16) {
                    @Override
                    protected Kernel wrap(Node node, Kernel k) {
                        if (node.outputQuantization(0).isEmpty()
                                || node.inputType(0).quantization().isEmpty()
                                || node.attributes().has("activation")) {
                            return k;
                        }
                        Quantization qa = node.inputType(0).quantization().orElseThrow();
                        Quantization qb = node.inputType(1).quantization().orElseThrow();
                        Quantization qy = node.outputQuantization(0).orElseThrow();
                        double twiceMax = 2 * (double) Math.max(qa.scale(), qb.scale());
                        FixedPoint.Multiplier m1 =
                                FixedPoint.quantizeMultiplierSmallerThanOneExp(qa.scale() / twiceMax);
                        FixedPoint.Multiplier m2 =
                                FixedPoint.quantizeMultiplierSmallerThanOneExp(qb.scale() / twiceMax);
                        FixedPoint.Multiplier mo = FixedPoint.quantizeMultiplierSmallerThanOneExp(
                                twiceMax / ((1 << 15) * (double) qy.scale()));
                        return new DelegatingFactory.ForwardingKernel(k) {
                            @Override
                            public void invoke(Invocation inv) {
                                Tensor a = inv.input(0);
                                Tensor b = inv.input(1);
                                Tensor y = inv.output(0);
                                for (int i = 0; i < y.elementCount(); i++) {
                                    int sa = truncating(
                                            (int) (a.getLong(broadcast(i, y.shape(), a.shape())) - qa.zeroPoint())
                                                    * (1 << 15),
                                            m1);
                                    int sb = truncating(
                                            (int) (b.getLong(broadcast(i, y.shape(), b.shape())) - qb.zeroPoint())
                                                    * (1 << 15),
                                            m2);
                                    int raw = FixedPoint.multiplyByQuantizedMultiplierSmallerThanOneExp(
                                            sa + sb, mo.multiplier(), mo.shift());
                                    y.setLong(i, Math.max(-32768, Math.min(32767, raw + qy.zeroPoint())));
                                }
                            }
                        };
                    }
                }),
                "numerics");
    }

    /** The element of an operand (ONNX multidirectional broadcasting) that output element {@code index} reads. */
    private static int broadcast(int index, Shape out, Shape operand) {
        int rest = index;
        int at = 0;
        int stride = 1;
        int offset = out.rank() - operand.rank();
        for (int d = out.rank() - 1; d >= 0; d--) {
            int coord = rest % out.dim(d);
            rest /= out.dim(d);
            int od = d - offset;
            if (od >= 0) {
                at += (operand.dim(od) == 1 ? 0 : coord) * stride;
                stride *= operand.dim(od);
            }
        }
        return at;
    }

    /** TFLite's MultiplyByQuantizedMultiplierSmallerThanOneExp with the final rounding divide replaced by {@code >>}. */
    private static int truncating(int x, FixedPoint.Multiplier m) {
        return FixedPoint.saturatingRoundingDoublingHighMul(x, m.multiplier()) >> -m.shift();
    }

    /**
     * (6) float32 Conv (NCHW) that puts SAME_UPPER's odd padding row or column on the top or left (as SAME_LOWER
     * does), as a kernel written for one padding convention does; right whenever the total padding is even.
     */
    static BrokenProviders.Broken sameUpperOnTop() {
        return new BrokenProviders.Broken(
                "SAME_UPPER padding put on the top (Conv)",
                TestProvider.of(
                        "same-upper-on-top",
                        new NnQuantizedBrokenKernels.LayoutFactory("Conv", DataType.FLOAT32, Layout.NCHW) {
                            @Override
                            protected Kernel wrap(Node node, Kernel k) {
                                if (!node.attributes()
                                        .getString("auto_pad", "NOTSET")
                                        .equals("SAME_UPPER")) {
                                    return k;
                                }
                                Node lower = NodeRewrite.rewrite(
                                        node, NodeRewrite.inputTypes(node), b -> b.attr("auto_pad", "SAME_LOWER"));
                                return NodeRewrite.kernel(reference, k, lower);
                            }
                        }),
                "numerics");
    }

    private static boolean allOnes(int[] v) {
        if (v == null) {
            return true;
        }
        for (int x : v) {
            if (x != 1) {
                return false;
            }
        }
        return true;
    }

    private static boolean allZero(int[] v) {
        if (v == null) {
            return true;
        }
        for (int x : v) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
