package dev.vela.reference.tensor;

import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;

/**
 * ONNX Flatten: a 2-D view whose rows are the dimensions before {@code axis} (default 1) and whose
 * columns are the rest; {@code axis} may be in {@code [-rank, rank]}.
 */
public final class Flatten extends ReferenceKernelFactory {

    /** Creates the factory. */
    public Flatten() {
        super("Flatten", DataTypes.ALL);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 1, 1);
        TensorType in = node.inputType(0);
        Shape shape = in.shape();
        int rank = shape.rank();
        long axis = node.attributes().getLong("axis", 1);
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a > rank) {
            throw new InvalidNodeException(
                    node, "axis " + axis + " is out of range [" + -rank + ", " + rank + "] for input " + in);
        }
        int rows = 1;
        for (int i = 0; i < a; i++) {
            rows *= shape.dim(i);
        }
        int cols = 1;
        for (int i = (int) a; i < rank; i++) {
            cols *= shape.dim(i);
        }
        return CopyKernels.of(QuantizedAxes.reshaped(node, in, Shape.of(rows, cols)));
    }
}
