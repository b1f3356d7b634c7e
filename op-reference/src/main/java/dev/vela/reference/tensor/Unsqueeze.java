package dev.vela.reference.tensor;

import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.Set;

/**
 * ONNX Unsqueeze: inserts size-1 axes at the listed positions of the output (negative ones count
 * from the end of the output). Axes are an attribute before opset 13 and a value input from 13.
 */
public final class Unsqueeze extends ReferenceKernelFactory {

    /** Creates the factory. */
    public Unsqueeze() {
        super("Unsqueeze", DataTypes.ALL);
    }

    @Override
    public Set<Integer> valueInputs(Node node) {
        return node.opsetVersion() >= 13 ? Set.of(1) : Set.of();
    }

    @Override
    public Kernel prepare(Node node) {
        long[] axes;
        if (node.opsetVersion() >= 13) {
            NodeChecks.inputCount(node, 2, 2);
            axes = IntegerValues.constant(node, 1);
        } else {
            NodeChecks.inputCount(node, 1, 1);
            axes = node.attributes().getLongs("axes");
        }
        TensorType in = node.inputType(0);
        int outRank = in.shape().rank() + axes.length;
        boolean[] inserted = new boolean[outRank];
        for (long a : axes) {
            int axis = NodeChecks.axis(node, a, outRank);
            if (inserted[axis]) {
                throw new InvalidNodeException(node, "axis " + a + " is listed twice");
            }
            inserted[axis] = true;
        }
        int[] dims = new int[outRank];
        int next = 0;
        for (int i = 0; i < outRank; i++) {
            dims[i] = inserted[i] ? 1 : in.shape().dim(next++);
        }
        return CopyKernels.of(QuantizedAxes.reshaped(node, in, Shape.of(dims)));
    }
}
