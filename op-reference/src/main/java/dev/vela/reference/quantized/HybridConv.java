package dev.vela.reference.quantized;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.EnumSet;

/**
 * TFLite's dynamic-range ("hybrid") CONV_2D as ONNX {@code Conv} with float activations, constant symmetric int8
 * weights (OHWI for NHWC, OIHW for NCHW; {@code group = 1}) and an optional float bias, equal to TFLite 2.20:
 *
 * <ul>
 * <li><b>per-tensor weights</b> (or per-channel scales that are all equal) — {@code conv::EvalHybrid}: each batch
 * image is quantized symmetrically ({@link InputRowQuantizer}), its scale multiplied by the weight scale in float,
 * {@code y = (float) acc * scale}, then {@code + bias} in float ({@code optimized_ops::HybridConv}, TFLite's only
 * implementation);
 * <li><b>per-channel weights</b> with differing scales — {@code conv::EvalHybridPerChannel}: each batch image is
 * quantized asymmetrically, {@code acc = sum w * (q - offset)} over the in-bounds taps, and
 * {@code y = (float) acc * channel_scale * image_scale + bias} ({@code reference_ops::HybridConvPerChannel}).
 * </ul>
 * Padding contributes nothing to the sums. TFLite's hybrid kernels compute with dilation 1 whatever the operator
 * says, so a dilated node is refused rather than computed differently from its attributes. Fused activations are
 * separate float nodes (TFLite clamps the float result the same way).
 */
public final class HybridConv extends ReferenceKernelFactory {

    /** Creates the factory (operator {@code Conv}, float activations). */
    public HybridConv() {
        super("Conv", EnumSet.of(DataType.FLOAT32), Layout.NHWC, Layout.NCHW);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 2, 3);
        TensorType x = node.inputType(0);
        TensorType w = node.inputType(1);
        if (x.dataType() != DataType.FLOAT32 || w.dataType() != DataType.INT8) {
            throw new InvalidNodeException(
                    node,
                    "hybrid Conv needs float32 input 0 and int8 weights (input 1), got "
                            + x.dataType().label() + " and " + w.dataType().label());
        }
        if (node.attributes().getInt("group", 1) != 1) {
            throw new InvalidNodeException(
                    node,
                    "hybrid Conv supports group 1 only (TFLite's hybrid CONV_2D), got " + "group "
                            + node.attributes().getInt("group", 1));
        }
        int[] dilations = node.attributes().getInts("dilations", new int[] {1, 1});
        for (int d : dilations) {
            if (d != 1) {
                throw new InvalidNodeException(
                        node,
                        "hybrid Conv supports dilation 1 only (TFLite's hybrid kernels " + "ignore dilation), got "
                                + java.util.Arrays.toString(dilations));
            }
        }
        if (!"None".equals(node.attributes().getString("activation", "None"))) {
            throw new InvalidNodeException(
                    node,
                    "hybrid Conv takes its activation as a separate float node, got " + "activation '"
                            + node.attributes().getString("activation", "") + "'");
        }
        if (x.shape().rank() != 4) {
            throw new InvalidNodeException(node, "hybrid Conv expects a rank-4 input, got " + x.shape());
        }
        int batch = x.shape().dim(0);
        int[] oneImage = x.shape().dims();
        oneImage[0] = 1;
        ConvCore core = ConvCore.of(node, Shape.of(oneImage), w.shape());
        ChannelQuantization wq = ChannelQuantization.ofWeights(node, 1, core.outChannels, 0);
        wq.requireSymmetric(node, 1);
        boolean hasBias = node.inputCount() > 2 && node.hasInput(2);
        if (hasBias) {
            TensorType b = node.inputType(2);
            if (b.dataType() != DataType.FLOAT32 || b.shape().elementCount() != core.outChannels) {
                throw new InvalidNodeException(
                        node, "bias (input 2) must be float32 with " + core.outChannels + " values, got " + b);
            }
        }
        Shape image = core.outputShape();
        int[] outDims = image.dims();
        outDims[0] = batch;
        TensorType out = TensorType.of(DataType.FLOAT32, Shape.of(outDims));
        Plan plan = new Plan(
                core,
                batch,
                x.shape().elementCount() / Math.max(batch, 1),
                image.elementCount(),
                core.outputChannelOf(),
                wq.scales(),
                distinct(wq.scales()),
                hasBias);
        return FunctionKernel.of(out, plan::invoke);
    }

    /** TFLite takes the per-channel path only when the channel scales differ. */
    private static boolean distinct(float[] scales) {
        for (float s : scales) {
            if (s != scales[0]) {
                return true;
            }
        }
        return false;
    }

    /** The geometry and parameters fixed at prepare time. */
    private record Plan(
            ConvCore core,
            int batch,
            int imageSize,
            int outputImageSize,
            int[] channelOf,
            float[] weightScales,
            boolean perChannel,
            boolean hasBias) {

        void invoke(Invocation inv) {
            float[] x = inv.input(0).toFloatArray();
            int[] w = IntArrays.read(inv.input(1));
            float[] bias = hasBias ? inv.input(2).toFloatArray() : null;
            int[] q = new int[x.length];
            int[] zero = new int[weightScales.length];
            float[] y = new float[batch * outputImageSize];
            for (int b = 0; b < batch; b++) {
                int from = b * imageSize;
                // per tensor: symmetric, per channel: asymmetric, as TFLite's Prepare chooses
                InputRowQuantizer.RowParameters p = InputRowQuantizer.quantize(x, from, imageSize, q, perChannel);
                int[] image = java.util.Arrays.copyOfRange(q, from, from + imageSize);
                long[] acc = core.accumulate(image, p.offset(), w, zero);
                int base = b * outputImageSize;
                if (perChannel) {
                    for (int i = 0; i < acc.length; i++) {
                        int m = channelOf[i];
                        float v = (int) acc[i] * weightScales[m] * p.scale();
                        y[base + i] = bias != null ? v + bias[m] : v;
                    }
                } else {
                    float scale = p.scale() * weightScales[0];
                    for (int i = 0; i < acc.length; i++) {
                        float v = (int) acc[i] * scale;
                        y[base + i] = bias != null ? v + bias[channelOf[i]] : v;
                    }
                }
            }
            inv.output(0).floats().put(0, y);
        }
    }
}
