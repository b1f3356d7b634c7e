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
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * ONNX ConvTranspose (opsets 1, 11, 22) in float32: groups, strides, dilations, explicit pads,
 * {@code output_padding}, {@code output_shape} and {@code auto_pad}, 1-D to 3-D, optional bias.
 * Output extent {@code stride * (in - 1) + output_padding + (k - 1) * dilation + 1 - padBegin -
 * padEnd}; see {@link SpatialGeometry#forTransposed}.
 *
 * <p>Layouts: NCHW takes X [N, C, spatial...] and W [C, M/group, k...] (ONNX). NHWC takes X
 * [N, spatial..., C] and W [M, k..., C/group], TFLite's TRANSPOSE_CONV order [O, kH, kW, I]
 * extended to groups the way Conv's OHWI is: output channel {@code m} of group {@code m / (M/group)}
 * reads that group's input channels along the last axis. The bias is [M] in both.
 *
 * <p>Computed by scattering: every input element adds its products with the kernel into the
 * output window it spreads to (accumulated in double).
 */
public final class ConvTranspose extends ReferenceKernelFactory {

    /** Creates the factory. */
    public ConvTranspose() {
        super("ConvTranspose", EnumSet.of(DataType.FLOAT32), Layout.NCHW, Layout.NHWC);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 2, 3);
        TensorType xType = NodeChecks.dataType(node, 0, Set.of(DataType.FLOAT32));
        NodeChecks.sameDataType(node, 0, 1, 2);
        Layout layout = Layout.of(node);
        SpatialDims x = SpatialDims.of(node, xType.shape(), layout, 1);
        Shape w = node.inputType(1).shape();
        int r = x.spatialRank;
        if (w.rank() != r + 2) {
            throw new InvalidNodeException(node, "weights have shape " + w + " but input has rank " + (r + 2));
        }
        int group = node.attributes().getInt("group", 1);
        if (group <= 0 || x.channels % group != 0) {
            throw new InvalidNodeException(node, "group " + group + " must divide input channels " + x.channels);
        }
        int groupIn = x.channels / group;
        int outChannels;
        int[] kernel;
        int[] ws; // strides of W for (input channel within group, output channel within group, kd, kh, kw)
        if (layout == Layout.NHWC) {
            kernel = Arrays.copyOfRange(w.dims(), 1, r + 1);
            if (w.dim(r + 1) != groupIn || w.dim(0) % group != 0) {
                throw new InvalidNodeException(
                        node,
                        "weights " + w + " must be [M, k..., " + groupIn + "] with M divisible by " + group
                                + " (NHWC)");
            }
            outChannels = w.dim(0);
            int[] k = SpatialDims.normalise(kernel, 1);
            int window = k[0] * k[1] * k[2];
            ws = new int[] {1, window * groupIn, k[1] * k[2] * groupIn, k[2] * groupIn, groupIn};
        } else {
            kernel = Arrays.copyOfRange(w.dims(), 2, r + 2);
            if (w.dim(0) != x.channels) {
                throw new InvalidNodeException(
                        node, "weights " + w + " must have " + x.channels + " input channels in dimension 0");
            }
            outChannels = w.dim(1) * group;
            int[] k = SpatialDims.normalise(kernel, 1);
            int window = k[0] * k[1] * k[2];
            ws = new int[] {w.dim(1) * window, window, k[1] * k[2], k[2], 1};
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
        SpatialGeometry g = SpatialGeometry.forTransposed(node, x.spatialOfRank(), kernel);
        SpatialDims y = SpatialDims.of(layout, x.batch, outChannels, g.outputOfRank());
        Plan plan = new Plan(x, y, g, group, groupIn, outChannels / group, ws, layout == Layout.NHWC, node.hasInput(2));
        return FunctionKernel.of(TensorType.of(DataType.FLOAT32, y.shape()), plan::run);
    }

    /** The prepared computation; immutable. */
    private record Plan(
            SpatialDims x,
            SpatialDims y,
            SpatialGeometry g,
            int group,
            int groupIn,
            int groupOut,
            int[] ws,
            boolean outputMajorWeights,
            boolean hasBias) {

        void run(Invocation inv) {
            float[] in = Elements.floats(inv.input(0));
            float[] w = Elements.floats(inv.input(1));
            double[] acc = new double[y.batch * y.batchStride];
            for (int n = 0; n < x.batch; n++) {
                for (int c = 0; c < x.channels; c++) {
                    int grp = c / groupIn;
                    for (int mm = 0; mm < groupOut; mm++) {
                        int m = grp * groupOut + mm;
                        int wBase = outputMajorWeights ? m * ws[1] + (c % groupIn) * ws[0] : c * ws[0] + mm * ws[1];
                        scatterChannel(in, w, acc, x.base(n, c), y.base(n, m), wBase);
                    }
                }
            }
            float[] out = new float[acc.length];
            float[] bias = hasBias ? Elements.floats(inv.input(2)) : null;
            for (int n = 0; n < y.batch; n++) {
                for (int m = 0; m < y.channels; m++) {
                    float b = bias == null ? 0 : bias[m];
                    int base = y.base(n, m);
                    for (int s = 0; s < y.spatialSize(); s++) {
                        int off = base + offsetOf(s);
                        out[off] = (float) (acc[off] + b);
                    }
                }
            }
            Elements.put(inv.output(0), out);
        }

        /** Output offset (relative to a channel base) of the s-th spatial position in row-major order. */
        private int offsetOf(int s) {
            int ow = s % y.spatial[2];
            int rest = s / y.spatial[2];
            int oh = rest % y.spatial[1];
            int od = rest / y.spatial[1];
            return od * y.spatialStrides[0] + oh * y.spatialStrides[1] + ow * y.spatialStrides[2];
        }

        private void scatterChannel(float[] in, float[] w, double[] acc, int inBase, int outBase, int wBase) {
            for (int id = 0; id < x.spatial[0]; id++) {
                for (int ih = 0; ih < x.spatial[1]; ih++) {
                    for (int iw = 0; iw < x.spatial[2]; iw++) {
                        double v = in[
                                inBase
                                        + id * x.spatialStrides[0]
                                        + ih * x.spatialStrides[1]
                                        + iw * x.spatialStrides[2]];
                        for (int kd = 0; kd < g.kernel[0]; kd++) {
                            int od = id * g.strides[0] - g.padBegin[0] + kd * g.dilations[0];
                            if (od < 0 || od >= y.spatial[0]) {
                                continue;
                            }
                            for (int kh = 0; kh < g.kernel[1]; kh++) {
                                int oh = ih * g.strides[1] - g.padBegin[1] + kh * g.dilations[1];
                                if (oh < 0 || oh >= y.spatial[1]) {
                                    continue;
                                }
                                int outRow = outBase + od * y.spatialStrides[0] + oh * y.spatialStrides[1];
                                int wRow = wBase + kd * ws[2] + kh * ws[3];
                                for (int kw = 0; kw < g.kernel[2]; kw++) {
                                    int ow = iw * g.strides[2] - g.padBegin[2] + kw * g.dilations[2];
                                    if (ow >= 0 && ow < y.spatial[2]) {
                                        acc[outRow + ow * y.spatialStrides[2]] += v * w[wRow + kw * ws[4]];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
