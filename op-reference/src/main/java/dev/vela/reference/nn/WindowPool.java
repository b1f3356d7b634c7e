package dev.vela.reference.nn;

import dev.vela.reference.support.Elements;
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
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.SpatialWindow;
import java.util.Set;

/**
 * Shared preparation and window walk of MaxPool, AveragePool and LpPool: validates the node,
 * computes the {@link SpatialGeometry} (with {@code ceil_mode}) once, and at invocation visits
 * every output element with the input offsets its window covers inside the input.
 */
abstract class WindowPool extends ReferenceKernelFactory {

    private final Set<DataType> types;

    WindowPool(String op, Set<DataType> types) {
        super(op, types, Layout.NCHW, Layout.NHWC);
        this.types = types;
    }

    /** Most outputs the operator has. */
    int maxOutputs() {
        return 1;
    }

    /** Whether this opset of the operator has {@code ceil_mode}. */
    abstract boolean hasCeilMode(Node node);

    /** Makes the kernel once the geometry is known. */
    abstract Kernel kernel(Node node, Plan plan);

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 1, 1);
        TensorType xType = NodeChecks.dataType(node, 0, types);
        if (node.outputCount() < 1 || node.outputCount() > maxOutputs()) {
            throw new InvalidNodeException(node, "has " + node.outputCount() + " outputs, expected 1.." + maxOutputs());
        }
        Layout layout = Layout.of(node);
        SpatialDims x = SpatialDims.of(node, xType.shape(), layout, 1);
        int[] kernel = node.attributes().getInts(SpatialWindow.KERNEL_SHAPE);
        if (kernel.length != x.spatialRank) {
            throw new InvalidNodeException(
                    node,
                    "attribute 'kernel_shape' has " + kernel.length + " values but the input has " + x.spatialRank
                            + " spatial dimensions");
        }
        boolean ceil = hasCeilMode(node) && SpatialWindow.ceilMode(node);
        SpatialGeometry g = SpatialGeometry.forWindow(node, x.spatialOfRank(), kernel, ceil);
        SpatialDims y = SpatialDims.of(layout, x.batch, x.channels, g.outputOfRank());
        return kernel(node, new Plan(x, y, g, xType.dataType()));
    }

    /** Receives each output element's window. */
    interface WindowReducer {
        /**
         * @param in the input elements
         * @param offsets offsets of the window's elements inside the input, {@code count} of them
         * @param positions for each, its row-major position among the spatial positions of its channel
         * @param count how many window elements lie inside the input
         * @param padded how many window elements lie inside the padded input (input plus explicit or automatic pads)
         * @param n batch index
         * @param c channel
         * @param outOffset offset of the output element
         */
        void reduce(double[] in, int[] offsets, int[] positions, int count, int padded, int n, int c, int outOffset);
    }

    /** The prepared geometry; immutable. */
    record Plan(SpatialDims x, SpatialDims y, SpatialGeometry g, DataType dataType) {

        TensorType outputType() {
            return TensorType.of(dataType, y.shape());
        }

        /** Visits every output element; the reducer writes the outputs. */
        void walk(double[] in, WindowReducer reducer) {
            int capacity = g.kernel[0] * g.kernel[1] * g.kernel[2];
            int[] offsets = new int[capacity];
            int[] positions = new int[capacity];
            for (int n = 0; n < x.batch; n++) {
                for (int c = 0; c < x.channels; c++) {
                    int inBase = x.base(n, c);
                    int outBase = y.base(n, c);
                    for (int od = 0; od < g.output[0]; od++) {
                        for (int oh = 0; oh < g.output[1]; oh++) {
                            for (int ow = 0; ow < g.output[2]; ow++) {
                                int count = 0;
                                int padded = insidePadded(0, od) * insidePadded(1, oh) * insidePadded(2, ow);
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
                                            offsets[count] = inBase
                                                    + id * x.spatialStrides[0]
                                                    + ih * x.spatialStrides[1]
                                                    + iw * x.spatialStrides[2];
                                            positions[count] = (id * x.spatial[1] + ih) * x.spatial[2] + iw;
                                            count++;
                                        }
                                    }
                                }
                                int outOffset = outBase
                                        + od * y.spatialStrides[0]
                                        + oh * y.spatialStrides[1]
                                        + ow * y.spatialStrides[2];
                                reducer.reduce(in, offsets, positions, count, padded, n, c, outOffset);
                            }
                        }
                    }
                }
            }
        }

        /** Kernel taps of output position {@code o} along {@code dim} that fall inside the padded extent. */
        private int insidePadded(int dim, int o) {
            int count = 0;
            for (int k = 0; k < g.kernel[dim]; k++) {
                int i = o * g.strides[dim] - g.padBegin[dim] + k * g.dilations[dim];
                if (i >= -g.padBegin[dim] && i < x.spatial[dim] + g.padEnd[dim]) {
                    count++;
                }
            }
            return count;
        }

        double[] input(Invocation inv) {
            return Elements.doubles(inv.input(0));
        }
    }
}
