package dev.vela.samples.nativefp32;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.FusedActivation;
import dev.vela.spi.semantics.Window2d;
import java.util.Arrays;
import java.util.List;

/**
 * ONNX Conv, 2-D, float32: group 1 in NHWC or NCHW (im2col + packed GEMM in C++; a 1x1 unit-stride NHWC
 * convolution multiplies the input directly) and depthwise (group = input channels = output channels) in NHWC.
 * Strides, dilations, pads or auto_pad, a constant bias and a fused activation ({@code activation}). Weights
 * must be constant: they are packed once in prepare.
 *
 * <p>Hybrid (dynamic-range) convolutions, int8 weights with float activations as TFLite's CONV_2D keeps them, run
 * as the reference's hybrid Conv computes them ({@link HybridWeights}, {@code fp32_hybrid.h}).
 *
 * <p>Refused, with the reason: 1-D and 3-D convolutions, 1 &lt; group &lt; C, depthwise with a channel
 * multiplier or in NCHW, weights or bias known only at run time; hybrid ones with group &gt; 1, dilation or weights
 * that are not symmetric int8 per tensor or per output channel.
 */
final class ConvFactory extends Fp32Factory<ConvFactory.Spec> {

    /**
     * @param nhwc layout
     * @param depthwise one input channel per group
     * @param batch images
     * @param c input channels
     * @param m output channels
     * @param window geometry
     * @param activation fused clamp
     * @param output output type
     * @param weightScales hybrid (int8 weights): one scale per output channel; null for float weights
     */
    record Spec(
            boolean nhwc,
            boolean depthwise,
            int batch,
            int c,
            int m,
            Window2d window,
            FusedActivation activation,
            TensorType output,
            float[] weightScales) {

        /** @return floating-point operations of one call (2 per multiply-add) */
        long flops() {
            long perPixel = depthwise ? (long) window.kH() * window.kW() * c : (long) window.kH() * window.kW() * c * m;
            return 2L * batch * window.outPixels() * perPixel;
        }
    }

    ConvFactory(Isa isa) {
        super("Conv", isa, Layout.NHWC, Layout.NCHW);
    }

    @Override
    Spec analyze(Node node) {
        NodeRules.inputs(node, 2, 3);
        boolean nhwc = Layout.of(node) == Layout.NHWC;
        Shape x = NodeRules.float32(node, 0).shape();
        TensorType wt = node.inputType(1);
        boolean hybrid = wt.dataType() == DataType.INT8;
        Shape w = hybrid ? wt.shape() : NodeRules.float32(node, 1).shape();
        if (x.rank() != 4) {
            throw new InvalidNodeException(
                    node, "input has rank " + x.rank() + "; this kernel handles 2-D convolutions (rank 4) only");
        }
        if (w.rank() != 4) {
            throw new InvalidNodeException(node, "weights " + w + " must have rank 4");
        }
        if (node.inputValue(1).isEmpty()) {
            throw new InvalidNodeException(node, "weights must be constant: this kernel packs them at prepare time");
        }
        int batch = x.dim(0);
        int c = nhwc ? x.dim(3) : x.dim(1);
        int h = nhwc ? x.dim(1) : x.dim(2);
        int wd = nhwc ? x.dim(2) : x.dim(3);
        int m = w.dim(0);
        int kh = nhwc ? w.dim(1) : w.dim(2);
        int kw = nhwc ? w.dim(2) : w.dim(3);
        int cg = nhwc ? w.dim(3) : w.dim(1);
        int group = node.attributes().getInt("group", 1);
        if (group <= 0 || c % group != 0 || m % group != 0) {
            throw new InvalidNodeException(
                    node, "group " + group + " must divide input channels " + c + " and output channels " + m);
        }
        if (cg != c / group) {
            throw new InvalidNodeException(
                    node, "weights " + w + " hold " + cg + " input channels per group, expected " + c / group);
        }
        boolean depthwise = group > 1;
        if (depthwise && (group != c || m != c)) {
            throw new InvalidNodeException(
                    node,
                    "group " + group + " with " + c + " input and " + m
                            + " output channels: only group 1 and depthwise with multiplier 1 have native kernels");
        }
        float[] weightScales = hybrid ? HybridWeights.scales(node, m) : null;
        if (hybrid) {
            HybridWeights.requireGeometry(node, group);
        }
        if (depthwise && !nhwc) {
            throw new InvalidNodeException(node, "depthwise convolution has a native kernel in NHWC only");
        }
        int[] declared = node.attributes().getInts("kernel_shape", new int[] {kh, kw});
        if (!Arrays.equals(declared, new int[] {kh, kw})) {
            throw new InvalidNodeException(
                    node, "attribute 'kernel_shape' " + Arrays.toString(declared) + " does not match weights " + w);
        }
        if (node.hasInput(2)) {
            Shape b = NodeRules.float32(node, 2).shape();
            if (b.rank() != 1 || b.dim(0) != m) {
                throw new InvalidNodeException(node, "bias " + b + " must be [" + m + "]");
            }
            if (node.inputValue(2).isEmpty()) {
                throw new InvalidNodeException(node, "bias must be constant: this kernel packs it at prepare time");
            }
        }
        Window2d g = Window2d.of(node, h, wd, kh, kw, false);
        Shape out = nhwc ? Shape.of(batch, g.outH(), g.outW(), m) : Shape.of(batch, m, g.outH(), g.outW());
        long macs = (long) batch * g.outPixels() * kh * kw * cg * m;
        if (macs > Integer.MAX_VALUE * 64L) {
            throw new InvalidNodeException(node, "convolution of " + macs + " multiply-adds is too large for one call");
        }
        return new Spec(
                nhwc,
                depthwise,
                batch,
                c,
                m,
                g,
                NodeRules.clampActivation(node),
                TensorType.of(DataType.FLOAT32, out),
                weightScales);
    }

    @Override
    Kernel build(Node node, Spec s) {
        float[] weights = s.weightScales() != null
                ? HybridWeights.values(node.inputValue(1).orElseThrow())
                : node.inputValue(1).orElseThrow().toFloatArray();
        // OHWI (NHWC) or OIHW (NCHW) as stored: the native im2col row follows the layout's order
        Window2d g = s.window();
        float[] bias = node.hasInput(2) ? node.inputValue(2).orElseThrow().toFloatArray() : null;
        int[] geom = {
            s.batch(),
            g.inH(),
            g.inW(),
            s.c(),
            s.m(),
            g.kH(),
            g.kW(),
            g.strideH(),
            g.strideW(),
            g.dilationH(),
            g.dilationW(),
            g.padTop(),
            g.padLeft(),
            g.outH(),
            g.outW(),
            s.nhwc() ? 1 : 0,
            s.depthwise() ? 1 : 0
        };
        long plan = s.weightScales() == null
                ? Fp32Native.fp32_conv_create(
                        isa().code(),
                        geom,
                        weights,
                        bias,
                        s.activation().low(),
                        s.activation().high())
                : Fp32Native.fp32_conv_hybrid_create(
                        isa().code(),
                        geom,
                        weights,
                        bias,
                        s.weightScales(),
                        HybridWeights.differ(s.weightScales()) ? 1 : 0,
                        s.activation().low(),
                        s.activation().high());
        return new ConvKernel(plan, s, node);
    }

    /** A prepared convolution: work units are output pixels (group 1) or output rows (depthwise). */
    static final class ConvKernel extends NativeKernel {
        private final long units;
        private final long flops;

        ConvKernel(long plan, Spec s, Node node) {
            super(plan, List.of(node.inputType(0)), s.output(), "node '" + node.name() + "'");
            this.units = s.depthwise()
                    ? (long) s.batch() * s.window().outH()
                    : (long) s.batch() * s.window().outPixels();
            this.flops = s.flops();
        }

        @Override
        void run(long handle, long[] inputs, long output, long scratch, int threads) {
            int shares = Threads.shares(threads, flops, units);
            if (shares == 1) {
                Fp32Native.fp32_conv_run(handle, inputs[0], output, scratch, 0, units); // no lambda on the common path
                return;
            }
            Threads.run(
                    units,
                    shares,
                    (share, from, to) ->
                            Fp32Native.fp32_conv_run(handle, inputs[0], output, scratchFor(share, scratch), from, to));
        }
    }
}
