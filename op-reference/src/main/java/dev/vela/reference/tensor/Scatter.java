package dev.vela.reference.tensor;

import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;

/**
 * ONNX Scatter (opsets 9 to 10, deprecated in 11 in favour of ScatterElements, which it equals
 * without a {@code reduction}).
 */
public final class Scatter extends ReferenceKernelFactory {

    /** Creates the factory. */
    public Scatter() {
        super("Scatter", DataTypes.ALL);
    }

    @Override
    public Kernel prepare(Node node) {
        if (node.attributes().has("reduction")) {
            throw new InvalidNodeException(node, "Scatter has no reduction attribute; use ScatterElements");
        }
        return ElementScatter.prepare(node);
    }
}
