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
 * ONNX Squeeze: removes the listed axes, each of size 1, or every size-1 axis when none are
 * listed. Axes are an attribute before opset 13 and an optional value input from 13.
 */
public final class Squeeze extends ReferenceKernelFactory {

    /** Creates the factory. */
    public Squeeze() {
        super("Squeeze", DataTypes.ALL);
    }

    @Override
    public Set<Integer> valueInputs(Node node) {
        return node.opsetVersion() >= 13 && node.hasInput(1) ? Set.of(1) : Set.of();
    }

    @Override
    public Kernel prepare(Node node) {
        long[] axes;
        if (node.opsetVersion() >= 13) {
            NodeChecks.inputCount(node, 1, 2);
            axes = node.hasInput(1) ? IntegerValues.constant(node, 1) : null;
        } else {
            NodeChecks.inputCount(node, 1, 1);
            axes = node.attributes().getLongs("axes", null);
        }
        TensorType in = node.inputType(0);
        int rank = in.shape().rank();
        boolean[] drop = new boolean[rank];
        if (axes == null) {
            for (int i = 0; i < rank; i++) {
                drop[i] = in.shape().dim(i) == 1;
            }
        } else {
            for (long a : axes) {
                int axis = NodeChecks.axis(node, a, rank);
                if (drop[axis]) {
                    throw new InvalidNodeException(node, "axis " + a + " is listed twice");
                }
                if (in.shape().dim(axis) != 1) {
                    throw new InvalidNodeException(
                            node,
                            "cannot squeeze axis " + a + " of size "
                                    + in.shape().dim(axis) + " in input " + in.shape());
                }
                drop[axis] = true;
            }
        }
        int[] kept = new int[rank];
        int n = 0;
        for (int i = 0; i < rank; i++) {
            if (!drop[i]) {
                kept[n++] = in.shape().dim(i);
            }
        }
        return CopyKernels.of(QuantizedAxes.reshaped(node, in, Shape.of(java.util.Arrays.copyOf(kept, n))));
    }
}
