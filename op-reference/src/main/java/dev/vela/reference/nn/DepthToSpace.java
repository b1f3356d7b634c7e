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
 * ONNX DepthToSpace (opsets 1, 11, 13) on 4-D tensors of any fixed-width type: moves blocks of
 * {@code blocksize x blocksize} channels into space. Output element (n, c, h*b + i, w*b + j)
 * reads input channel {@code (i*b + j) * C' + c} in DCR mode (the default, and TFLite's
 * DEPTH_TO_SPACE) or {@code c*b*b + i*b + j} in CRD mode, where {@code C' = C / b^2}. NHWC applies
 * the same channel mapping with channels last.
 */
public final class DepthToSpace extends ReferenceKernelFactory {

    /** Creates the factory. */
    public DepthToSpace() {
        super("DepthToSpace", DataMovement.TYPES, Layout.NCHW, Layout.NHWC);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 1, 1);
        TensorType xType = NodeChecks.dataType(node, 0, DataMovement.TYPES);
        NodeChecks.rank(node, 0, 4);
        Layout layout = Layout.of(node);
        SpatialDims x = SpatialDims.of(node, xType.shape(), layout, 2);
        int b = node.attributes().getInt("blocksize");
        String mode = node.attributes().getString("mode", "DCR");
        if (!mode.equals("DCR") && !mode.equals("CRD")) {
            throw new InvalidNodeException(node, "attribute 'mode' must be DCR or CRD, got '" + mode + "'");
        }
        if (b <= 0 || x.channels % (b * b) != 0) {
            throw new InvalidNodeException(
                    node, "blocksize " + b + " squared must divide the " + x.channels + " channels");
        }
        int outC = x.channels / (b * b);
        SpatialDims y = SpatialDims.of(layout, x.batch, outC, new int[] {x.spatial[1] * b, x.spatial[2] * b});
        int[] source = new int[y.batch * y.batchStride];
        boolean dcr = mode.equals("DCR");
        for (int n = 0; n < y.batch; n++) {
            for (int c = 0; c < outC; c++) {
                for (int oh = 0; oh < y.spatial[1]; oh++) {
                    for (int ow = 0; ow < y.spatial[2]; ow++) {
                        int i = oh % b;
                        int j = ow % b;
                        int inC = dcr ? (i * b + j) * outC + c : c * b * b + i * b + j;
                        source[y.base(n, c) + oh * y.spatialStrides[1] + ow * y.spatialStrides[2]] =
                                x.base(n, inC) + (oh / b) * x.spatialStrides[1] + (ow / b) * x.spatialStrides[2];
                    }
                }
            }
        }
        return FunctionKernel.of(
                TensorType.of(xType.dataType(), y.shape()),
                inv -> Elements.gather(inv.input(0), inv.output(0), source));
    }
}
