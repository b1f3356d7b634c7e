package dev.vela.samples.javacpu.ops;

import dev.vela.samples.javacpu.support.CpuKernelFactory;
import dev.vela.samples.javacpu.support.NodeRules;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.Window2d;
import java.util.Arrays;

/**
 * ONNX Conv, 2-D, float32, NCHW or NHWC ({@code data_format}), any groups, strides, dilations,
 * explicit pads or auto_pad, optional bias and an optional fused activation. The weights must be
 * constant: they are packed once here. Depthwise convolutions (one input channel per group) take
 * a direct sliding-window path ({@link DepthwiseConvKernel}); all others run as one GEMM per
 * image and group, B read from the image through im2col panels ({@link GemmConvKernel}).
 *
 * <p>Not supported (supports() says so): 1-D and 3-D convolutions, weights known only at run
 * time, a bias known only at run time.
 */
public final class Conv extends CpuKernelFactory<ConvPlan> {

    /** Creates the factory. */
    public Conv() {
        super("Conv", Layout.NCHW, Layout.NHWC);
    }

    @Override
    protected ConvPlan plan(Node node) {
        NodeRules.inputs(node, 2, 3);
        Layout layout = Layout.of(node);
        Shape x = NodeRules.float32(node, 0).shape();
        Shape w = NodeRules.float32(node, 1).shape();
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
        boolean nhwc = layout == Layout.NHWC;
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
        return new ConvPlan(
                layout,
                batch,
                c,
                m,
                group,
                g,
                node.hasInput(2),
                NodeRules.clampActivation(node),
                TensorType.of(DataType.FLOAT32, out));
    }

    @Override
    protected Kernel build(Node node, ConvPlan plan) {
        float[] weights = node.inputValue(1).orElseThrow().toFloatArray();
        float[] bias = plan.hasBias() ? node.inputValue(2).orElseThrow().toFloatArray() : new float[plan.outChannels()];
        return plan.isDepthwise()
                ? new DepthwiseConvKernel(plan, weights, bias)
                : new GemmConvKernel(plan, weights, bias);
    }
}
