package dev.vela.reference.tensor;

import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;

/** ONNX Identity: the output is a copy of the input. */
public final class Identity extends ReferenceKernelFactory {

    /** Creates the factory. */
    public Identity() {
        super("Identity", DataTypes.ALL);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 1, 1);
        return CopyKernels.of(node.inputType(0));
    }
}
