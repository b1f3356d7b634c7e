package dev.vela.reference.nn;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.reference.support.SpatialDims;
import dev.vela.reference.support.SpatialGeometry;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.NumericsFlavour;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * ONNX Conv (opsets 1, 11, 22) in float32: grouped (depthwise when {@code group} = C), dilated,
 * strided, with explicit asymmetric pads or {@code auto_pad}, 1-D to 3-D, optional bias.
 * {@code kernel_shape} is taken from the weights and, when given, must match them.
 *
 * <p>Layouts: NCHW takes X [N, C, spatial...] and W [M, C/group, k...] (ONNX). NHWC takes X
 * [N, spatial..., C] and W [M, k..., C/group] (OHWI, TFLite's CONV_2D); a TFLite DEPTHWISE_CONV_2D
 * with multiplier {@code m} is this op with {@code group} = C and W [C*m, kH, kW, 1], where
 * output channel {@code c*m + j} reads input channel {@code c}. The bias is [M] in both.
 *
 * <p>A direct loop without im2col: per (batch, output channel) a double accumulator over the
 * output positions receives, for each input channel of the group and each kernel tap, the tap's
 * weight times the input row it sees; output columns whose tap falls in the padding are skipped
 * by computing the valid column range once per tap. With the {@code tflite} numerics flavour
 * ({@link NumericsFlavour#of}) the node is computed in TFLite's reference order instead
 * ({@link TfliteOrderConv}), bit for bit.
 */
public final class Conv extends ReferenceKernelFactory {

    /** Creates the factory. */
    public Conv() {
        super("Conv", EnumSet.of(DataType.FLOAT32), Layout.NCHW, Layout.NHWC);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 2, 3);
        TensorType xType = NodeChecks.dataType(node, 0, Set.of(DataType.FLOAT32));
        NodeChecks.sameDataType(node, 0, 1, 2);
        Layout layout = Layout.of(node);
        SpatialDims x = SpatialDims.of(node, xType.shape(), layout, 1);
        Shape w = node.inputType(1).shape();
        if (w.rank() != xType.shape().rank()) {
            throw new InvalidNodeException(
                    node,
                    "weights have shape " + w + " but input has rank "
                            + xType.shape().rank());
        }
        int r = x.spatialRank;
        int outChannels = w.dim(0);
        int groupChannels = layout == Layout.NHWC ? w.dim(r + 1) : w.dim(1);
        int[] kernel =
                layout == Layout.NHWC ? Arrays.copyOfRange(w.dims(), 1, r + 1) : Arrays.copyOfRange(w.dims(), 2, r + 2);
        int group = node.attributes().getInt("group", 1);
        if (group <= 0 || x.channels % group != 0 || outChannels % group != 0) {
            throw new InvalidNodeException(
                    node,
                    "group " + group + " must divide input channels " + x.channels + " and output channels "
                            + outChannels);
        }
        if (groupChannels != x.channels / group) {
            throw new InvalidNodeException(
                    node,
                    "weights " + w + " hold " + groupChannels + " input channels per group, but " + x.channels
                            + " channels in " + group + " groups need " + x.channels / group);
        }
        int[] declared = node.attributes().getInts("kernel_shape", kernel);
        if (!Arrays.equals(declared, kernel)) {
            throw new InvalidNodeException(
                    node, "attribute 'kernel_shape' " + Arrays.toString(declared) + " does not match weights " + w);
        }
        if (node.hasInput(2) && !node.inputType(2).shape().equals(Shape.of(outChannels))) {
            throw new InvalidNodeException(
                    node, "bias has shape " + node.inputType(2).shape() + ", expected [" + outChannels + "]");
        }
        SpatialGeometry g = SpatialGeometry.forWindow(node, x.spatialOfRank(), kernel);
        SpatialDims y = SpatialDims.of(layout, x.batch, outChannels, g.outputOfRank());
        TensorType out = TensorType.of(DataType.FLOAT32, y.shape());
        int[] ws = weightStrides(layout, w, r);
        if (NumericsFlavour.of(node) == NumericsFlavour.TFLITE) {
            TfliteOrderConv tflite = new TfliteOrderConv(x, y, g, group, groupChannels, ws, node.hasInput(2));
            return FunctionKernel.of(out, tflite::run);
        }
        Plan plan = new Plan(x, y, g, group, groupChannels, ws, node.hasInput(2));
        return FunctionKernel.of(out, plan::run);
    }

    /** Strides of W for (output channel, input channel, kd, kh, kw). */
    private static int[] weightStrides(Layout layout, Shape w, int r) {
        int[] k = SpatialDims.normalise(
                layout == Layout.NHWC ? Arrays.copyOfRange(w.dims(), 1, r + 1) : Arrays.copyOfRange(w.dims(), 2, r + 2),
                1);
        int cg = layout == Layout.NHWC ? w.dim(r + 1) : w.dim(1);
        int window = k[0] * k[1] * k[2];
        if (layout == Layout.NHWC) {
            return new int[] {window * cg, 1, k[1] * k[2] * cg, k[2] * cg, cg};
        }
        return new int[] {cg * window, window, k[1] * k[2], k[2], 1};
    }

    /** The prepared computation; immutable. */
    private record Plan(
            SpatialDims x, SpatialDims y, SpatialGeometry g, int group, int groupChannels, int[] ws, boolean hasBias) {

        void run(Invocation inv) {
            float[] in = Elements.floats(inv.input(0));
            float[] w = Elements.floats(inv.input(1));
            float[] bias = hasBias ? Elements.floats(inv.input(2)) : null;
            float[] out = new float[y.batch * y.batchStride];
            double[] acc = new double[y.spatialSize()];
            int outPerGroup = y.channels / group;
            for (int n = 0; n < x.batch; n++) {
                for (int m = 0; m < y.channels; m++) {
                    java.util.Arrays.fill(acc, bias == null ? 0 : bias[m]);
                    int firstChannel = (m / outPerGroup) * groupChannels;
                    for (int ci = 0; ci < groupChannels; ci++) {
                        accumulateChannel(in, w, acc, x.base(n, firstChannel + ci), m * ws[0] + ci * ws[1]);
                    }
                    store(acc, out, y.base(n, m));
                }
            }
            Elements.put(inv.output(0), out);
        }

        /**
         * Adds one input channel's contribution: for each kernel tap, the tap's weight times the
         * input row it sees, over the range of output columns whose tap lands inside the input
         * (so the innermost loop has no bounds checks).
         */
        private void accumulateChannel(float[] in, float[] w, double[] acc, int inBase, int wBase) {
            int outW = g.output[2];
            for (int kd = 0; kd < g.kernel[0]; kd++) {
                for (int kh = 0; kh < g.kernel[1]; kh++) {
                    for (int kw = 0; kw < g.kernel[2]; kw++) {
                        double wv = w[wBase + kd * ws[2] + kh * ws[3] + kw * ws[4]];
                        int shift = kw * g.dilations[2] - g.padBegin[2]; // iw = ow * stride + shift
                        int owFirst = Math.max(0, ceilDiv(-shift, g.strides[2]));
                        int owLast = Math.min(outW - 1, Math.floorDiv(x.spatial[2] - 1 - shift, g.strides[2]));
                        for (int od = 0; od < g.output[0]; od++) {
                            int id = g.inputCoordinate(0, od, kd);
                            if (id < 0 || id >= x.spatial[0]) {
                                continue;
                            }
                            for (int oh = 0; oh < g.output[1]; oh++) {
                                int ih = g.inputCoordinate(1, oh, kh);
                                if (ih < 0 || ih >= x.spatial[1]) {
                                    continue;
                                }
                                int row = inBase + id * x.spatialStrides[0] + ih * x.spatialStrides[1];
                                int accRow = (od * g.output[1] + oh) * outW;
                                int step = g.strides[2] * x.spatialStrides[2];
                                int src = row + (owFirst * g.strides[2] + shift) * x.spatialStrides[2];
                                for (int ow = owFirst; ow <= owLast; ow++, src += step) {
                                    acc[accRow + ow] += wv * in[src];
                                }
                            }
                        }
                    }
                }
            }
        }

        /** Writes a channel's row-major accumulator into the output in its layout. */
        private void store(double[] acc, float[] out, int base) {
            int k = 0;
            for (int od = 0; od < g.output[0]; od++) {
                for (int oh = 0; oh < g.output[1]; oh++) {
                    int row = base + od * y.spatialStrides[0] + oh * y.spatialStrides[1];
                    for (int ow = 0; ow < g.output[2]; ow++) {
                        out[row + ow * y.spatialStrides[2]] = (float) acc[k++];
                    }
                }
            }
        }

        private static int ceilDiv(int a, int b) {
            return -Math.floorDiv(-a, b);
        }
    }
}
