package dev.vela.conformance.broken;

import dev.vela.reference.ReferenceProvider;
import dev.vela.spi.DataType;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.KernelClaim;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.OpId;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.List;
import java.util.Set;

/**
 * The classic bugs of convolution, pooling and quantized kernels, each as a provider with one
 * claim (in a given layout) and the numerics check that must catch it.
 */
public final class NnQuantizedBrokenKernels {

    private NnQuantizedBrokenKernels() {}

    /** @return every broken nn / quantized kernel */
    public static List<BrokenProviders.Broken> all() {
        return List.of(
                offByOnePadding(), roundHalfUp(), zeroPointIgnored(), perChannelAsPerTensor(), sameLowerAsUpper());
    }

    /** A factory delegating to the reference for one (op, type, layout) claim. */
    static class LayoutFactory extends DelegatingFactory {
        private final Set<KernelClaim> claims;
        final KernelFactory reference;

        LayoutFactory(String op, DataType type, Layout layout) {
            super(op, type);
            this.claims = Set.of(new KernelClaim(OpId.of(op), type, layout));
            this.reference = new ReferenceProvider()
                    .factories().stream()
                            .filter(f -> f.op().equals(OpId.of(op)))
                            .findFirst()
                            .orElseThrow();
        }

        @Override
        public Set<KernelClaim> claims() {
            return claims;
        }
    }

    /**
     * float32 Conv (NCHW) whose window starts one row late when there is a top pad: it pads one
     * row less above and one more below (the output shape stays right, the values shift).
     */
    static BrokenProviders.Broken offByOnePadding() {
        return new BrokenProviders.Broken(
                "off-by-one padding (Conv)",
                TestProvider.of("off-by-one-pad", new LayoutFactory("Conv", DataType.FLOAT32, Layout.NCHW) {
                    @Override
                    protected Kernel wrap(Node node, Kernel k) {
                        int[] pads = node.attributes().getInts("pads", null);
                        if (pads == null || pads[0] == 0) {
                            return k;
                        }
                        Node shifted = NodeRewrite.rewrite(
                                node,
                                NodeRewrite.inputTypes(node),
                                b -> b.attr("pads", pads[0] - 1, pads[1], pads[2] + 1, pads[3]));
                        return NodeRewrite.kernel(reference, k, shifted);
                    }
                }),
                "numerics");
    }

    /**
     * float32 MaxPool (NHWC) that pads SAME_LOWER like SAME_UPPER (the odd padding row at the end
     * instead of the beginning), as a kernel written for TFLite's SAME alone does.
     */
    static BrokenProviders.Broken sameLowerAsUpper() {
        return new BrokenProviders.Broken(
                "SAME_LOWER padded as SAME_UPPER (MaxPool)",
                TestProvider.of("same-lower-as-upper", new LayoutFactory("MaxPool", DataType.FLOAT32, Layout.NHWC) {
                    @Override
                    protected Kernel wrap(Node node, Kernel k) {
                        if (!node.attributes().getString("auto_pad", "NOTSET").equals("SAME_LOWER")) {
                            return k;
                        }
                        Node upper = NodeRewrite.rewrite(
                                node, NodeRewrite.inputTypes(node), b -> b.attr("auto_pad", "SAME_UPPER"));
                        return NodeRewrite.kernel(reference, k, upper);
                    }
                }),
                "numerics");
    }

    /**
     * int8 Conv (NHWC) that ignores the input zero point (computes with x instead of x - zx), the
     * commonest bug of a kernel first written for symmetric activations.
     */
    static BrokenProviders.Broken zeroPointIgnored() {
        return new BrokenProviders.Broken(
                "input zero point ignored (Conv int8)",
                TestProvider.of("zero-point-ignored", new LayoutFactory("Conv", DataType.INT8, Layout.NHWC) {
                    @Override
                    protected Kernel wrap(Node node, Kernel k) {
                        TensorType[] types = NodeRewrite.inputTypes(node);
                        Quantization q = types[0].quantization().orElseThrow();
                        if (q.zeroPoint() == 0) {
                            return k;
                        }
                        types[0] = TensorType.quantized(
                                types[0].dataType(), types[0].shape(), Quantization.perTensor(q.scale(), 0));
                        return NodeRewrite.kernel(reference, k, NodeRewrite.rewrite(node, types, b -> {}));
                    }
                }),
                "numerics");
    }

    /**
     * int8 Conv (NHWC) that reads only the first weight scale (per-channel weights treated as
     * per-tensor, bias scale to match).
     */
    static BrokenProviders.Broken perChannelAsPerTensor() {
        return new BrokenProviders.Broken(
                "per-channel weights treated as per-tensor (Conv int8)",
                TestProvider.of("per-channel-as-per-tensor", new LayoutFactory("Conv", DataType.INT8, Layout.NHWC) {
                    @Override
                    protected Kernel wrap(Node node, Kernel k) {
                        TensorType[] types = NodeRewrite.inputTypes(node);
                        Quantization wq = types[1].quantization().orElseThrow();
                        if (!wq.isPerAxis()) {
                            return k;
                        }
                        float s = wq.scale(0);
                        types[1] = TensorType.quantized(
                                types[1].dataType(), types[1].shape(), Quantization.perTensor(s, 0));
                        if (types.length > 2 && types[2] != null) {
                            float xs = types[0].quantization().orElseThrow().scale();
                            types[2] = TensorType.quantized(
                                    types[2].dataType(),
                                    types[2].shape(),
                                    Quantization.perTensor((float) ((double) xs * s), 0));
                        }
                        return NodeRewrite.kernel(reference, k, NodeRewrite.rewrite(node, types, b -> {}));
                    }
                }),
                "numerics");
    }

    /**
     * int8 AveragePool (NHWC) that rounds the average half up ({@code floor(acc / count + 1/2)})
     * instead of TFLite's half away from zero: wrong for negative sums at exact halves.
     */
    static BrokenProviders.Broken roundHalfUp() {
        return new BrokenProviders.Broken(
                "average rounds half up instead of away from zero (AveragePool int8)",
                TestProvider.of("round-half-up", new LayoutFactory("AveragePool", DataType.INT8, Layout.NHWC) {
                    @Override
                    protected Kernel wrap(Node node, Kernel k) {
                        return new ForwardingKernel(k) {
                            @Override
                            public void invoke(Invocation inv) {
                                averageRoundingHalfUp(node, inv.input(0), inv.output(0));
                            }
                        };
                    }
                }),
                "numerics");
    }

    /** An NHWC int8 average pool, correct but for its rounding; clamps to the fused activation's range. */
    static void averageRoundingHalfUp(Node node, Tensor x, Tensor y) {
        Shape in = x.shape();
        Shape out = y.shape();
        int[] k = node.attributes().getInts("kernel_shape");
        int[] s = node.attributes().getInts("strides", new int[] {1, 1});
        int top = 0;
        int left = 0;
        String autoPad = node.attributes().getString("auto_pad", "NOTSET");
        if (autoPad.startsWith("SAME")) {
            int totalH = Math.max((out.dim(1) - 1) * s[0] + k[0] - in.dim(1), 0);
            int totalW = Math.max((out.dim(2) - 1) * s[1] + k[1] - in.dim(2), 0);
            top = autoPad.equals("SAME_UPPER") ? totalH / 2 : totalH - totalH / 2;
            left = autoPad.equals("SAME_UPPER") ? totalW / 2 : totalW - totalW / 2;
        } else if (autoPad.equals("NOTSET")) {
            int[] pads = node.attributes().getInts("pads", new int[4]);
            top = pads[0];
            left = pads[1];
        }
        Quantization q = node.inputType(0).quantization().orElseThrow();
        int lo = -128;
        int hi = 127;
        String act = node.attributes().getString("activation", "None");
        if (act.equals("Relu")) {
            lo = (int) Math.max(lo, q.zeroPoint());
        } else if (act.equals("Clip")) {
            float[] p = node.attributes().getFloats("activation_params");
            lo = (int) Math.max(lo, q.zeroPoint() + Math.round(p[0] / q.scale()));
            hi = (int) Math.min(hi, q.zeroPoint() + Math.round(p[1] / q.scale()));
        }
        int c = in.dim(3);
        int o = 0;
        for (int n = 0; n < out.dim(0); n++) {
            for (int oy = 0; oy < out.dim(1); oy++) {
                for (int ox = 0; ox < out.dim(2); ox++) {
                    for (int ch = 0; ch < c; ch++) {
                        int sum = 0;
                        int count = 0;
                        for (int ky = 0; ky < k[0]; ky++) {
                            int iy = oy * s[0] - top + ky;
                            for (int kx = 0; kx < k[1]; kx++) {
                                int ix = ox * s[1] - left + kx;
                                if (iy >= 0 && iy < in.dim(1) && ix >= 0 && ix < in.dim(2)) {
                                    sum += (int) x.getLong(((n * in.dim(1) + iy) * in.dim(2) + ix) * c + ch);
                                    count++;
                                }
                            }
                        }
                        int avg = Math.floorDiv(2 * sum + count, 2 * count); // floor(sum / count + 1/2)
                        y.setLong(o++, Math.max(lo, Math.min(hi, avg)));
                    }
                }
            }
        }
    }
}
