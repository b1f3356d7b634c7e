package dev.vela.reference.tensor;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;

/**
 * ONNX GatherElements: {@code out[i][j][k] = data[index][j][k]} (for axis 0, likewise for other
 * axes) where {@code index = indices[i][j][k]}, which may be negative. The output has the indices'
 * shape; the indices must have the data's rank and fit in it on the other axes.
 */
public final class GatherElements extends ReferenceKernelFactory {

    /** Creates the factory. */
    public GatherElements() {
        super("GatherElements", DataTypes.ALL);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 2, 2);
        TensorType data = node.inputType(0);
        TensorType indices = NodeChecks.dataType(node, 1, DataTypes.INDICES);
        int rank = data.shape().rank();
        if (indices.shape().rank() != rank || rank == 0) {
            throw new InvalidNodeException(
                    node,
                    "indices " + indices.shape() + " must have the rank of data " + data.shape() + " (at least 1)");
        }
        int axis = NodeChecks.axis(node, node.attributes().getLong("axis", 0), rank);
        for (int d = 0; d < rank; d++) {
            if (d != axis && indices.shape().dim(d) > data.shape().dim(d)) {
                throw new InvalidNodeException(
                        node, "indices " + indices.shape() + " exceed data " + data.shape() + " on axis " + d);
            }
        }
        ElementIndexing geometry = new ElementIndexing(node.describe(), data.shape(), indices.shape(), axis);
        int[] base = geometry.baseOffsets();
        return FunctionKernel.of(
                QuantizedAxes.moved(
                        node,
                        data,
                        indices.shape(),
                        data.quantization()
                                .map(q -> q.axis() == axis ? -1 : q.axis())
                                .orElse(-1)),
                inv -> {
                    int[] source = geometry.resolve(base, Elements.longs(inv.input(1)));
                    Elements.gather(inv.input(0), inv.output(0), source);
                });
    }
}
