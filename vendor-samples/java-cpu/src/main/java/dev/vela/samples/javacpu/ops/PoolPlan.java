package dev.vela.samples.javacpu.ops;

import dev.vela.samples.javacpu.support.NodeRules;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.SpatialWindow;
import dev.vela.spi.semantics.Window2d;

/**
 * Geometry of a 2-D MaxPool or AveragePool node.
 *
 * @param layout NCHW or NHWC
 * @param batch images
 * @param channels channels
 * @param window window geometry
 * @param output output type
 */
record PoolPlan(Layout layout, int batch, int channels, Window2d window, TensorType output) {

    /**
     * @param node a MaxPool or AveragePool node
     * @param ceilModeFromOpset the first opset with {@code ceil_mode}
     * @return its plan
     */
    static PoolPlan of(Node node, int ceilModeFromOpset) {
        NodeRules.inputs(node, 1, 1);
        Layout layout = Layout.of(node);
        Shape x = NodeRules.float32(node, 0).shape();
        if (x.rank() != 4) {
            throw new InvalidNodeException(
                    node, "input has rank " + x.rank() + "; this kernel pools 2-D inputs (rank 4) only");
        }
        int[] k = node.attributes().getInts(SpatialWindow.KERNEL_SHAPE);
        if (k.length != 2) {
            throw new InvalidNodeException(node, "attribute 'kernel_shape' has " + k.length + " values, expected 2");
        }
        boolean nhwc = layout == Layout.NHWC;
        boolean ceil = node.opsetVersion() >= ceilModeFromOpset && SpatialWindow.ceilMode(node);
        int c = nhwc ? x.dim(3) : x.dim(1);
        Window2d g = Window2d.of(node, nhwc ? x.dim(1) : x.dim(2), nhwc ? x.dim(2) : x.dim(3), k[0], k[1], ceil);
        Shape out = nhwc ? Shape.of(x.dim(0), g.outH(), g.outW(), c) : Shape.of(x.dim(0), c, g.outH(), g.outW());
        return new PoolPlan(layout, x.dim(0), c, g, TensorType.of(DataType.FLOAT32, out));
    }
}
