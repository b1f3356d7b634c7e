package dev.vela.reference.nn;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.reference.support.SpatialDims;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;

/**
 * ONNX SpaceToDepth (opsets 1, 13) on 4-D tensors of any fixed-width type, the inverse of
 * DepthToSpace in DCR order: output channel {@code (i*b + j) * C + c} at (h, w) reads input
 * (c, h*b + i, w*b + j). NHWC (TFLite's SPACE_TO_DEPTH) uses the same mapping with channels last.
 */
public final class SpaceToDepth extends ReferenceKernelFactory {

    /** Creates the factory. */
    public SpaceToDepth() {
        super("SpaceToDepth", DataMovement.TYPES, Layout.NCHW, Layout.NHWC);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 1, 1);
        TensorType xType = NodeChecks.dataType(node, 0, DataMovement.TYPES);
        NodeChecks.rank(node, 0, 4);
        Layout layout = Layout.of(node);
        SpatialDims x = SpatialDims.of(node, xType.shape(), layout, 2);
        int b = node.attributes().getInt("blocksize");
        if (b <= 0 || x.spatial[1] % b != 0 || x.spatial[2] % b != 0) {
            throw new InvalidNodeException(
                    node, "blocksize " + b + " must divide height " + x.spatial[1] + " and width " + x.spatial[2]);
        }
        SpatialDims y =
                SpatialDims.of(layout, x.batch, x.channels * b * b, new int[] {x.spatial[1] / b, x.spatial[2] / b});
        int[] source = new int[y.batch * y.batchStride];
        for (int n = 0; n < y.batch; n++) {
            for (int oc = 0; oc < y.channels; oc++) {
                int c = oc % x.channels;
                int i = oc / x.channels / b;
                int j = oc / x.channels % b;
                for (int oh = 0; oh < y.spatial[1]; oh++) {
                    for (int ow = 0; ow < y.spatial[2]; ow++) {
                        source[y.base(n, oc) + oh * y.spatialStrides[1] + ow * y.spatialStrides[2]] =
                                x.base(n, c) + (oh * b + i) * x.spatialStrides[1] + (ow * b + j) * x.spatialStrides[2];
                    }
                }
            }
        }
        return FunctionKernel.of(
                TensorType.of(xType.dataType(), y.shape()),
                inv -> Elements.gather(inv.input(0), inv.output(0), source));
    }
}
