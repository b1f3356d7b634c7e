package dev.vela.reference.tensor;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.Arrays;
import java.util.Set;

/**
 * ONNX ScatterND: a copy of {@code data} where each row of the last indices axis ({@code k}
 * coordinates, possibly negative) addresses a slice that the matching part of {@code updates}
 * replaces, or is combined into with {@code reduction} add / mul (opset 16) or max / min (18).
 * {@code updates} has shape {@code indices.shape[:-1] + data.shape[k:]}.
 */
public final class ScatterND extends ReferenceKernelFactory {

    /** Creates the factory. */
    public ScatterND() {
        super("ScatterND", DataTypes.ALL);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 3, 3);
        TensorType data = node.inputType(0);
        Shape indices = NodeChecks.dataType(node, 1, Set.of(DataType.INT64)).shape();
        NodeChecks.sameDataType(node, 0, 2);
        if (!node.inputType(2).quantization().equals(data.quantization())) {
            throw new InvalidNodeException(
                    node, "updates " + node.inputType(2) + " and data " + data + " must share their quantization");
        }
        NdIndexing nd = NdIndexing.of(node, data.shape(), indices, 0);
        int[] expected = new int[indices.rank() - 1 + data.shape().rank() - nd.depth()];
        System.arraycopy(indices.dims(), 0, expected, 0, indices.rank() - 1);
        System.arraycopy(
                data.shape().dims(),
                nd.depth(),
                expected,
                indices.rank() - 1,
                data.shape().rank() - nd.depth());
        if (!node.inputType(2).shape().equals(Shape.of(expected))) {
            throw new InvalidNodeException(
                    node,
                    "updates " + node.inputType(2).shape() + " must have shape " + Arrays.toString(expected)
                            + " for data " + data.shape() + " and indices " + indices);
        }
        String reduction = ElementScatter.reduction(node, data);
        int slice = nd.sliceSize();
        return FunctionKernel.of(data, inv -> {
            int[] starts = nd.sliceOffsets(Elements.longs(inv.input(1)));
            int[] target = new int[starts.length * slice];
            for (int t = 0; t < starts.length; t++) {
                for (int s = 0; s < slice; s++) {
                    target[t * slice + s] = starts[t] + s;
                }
            }
            ElementScatter.apply(inv, target, reduction);
        });
    }
}
