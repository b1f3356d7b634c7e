package dev.vela.reference.tensor;

import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;

/**
 * ONNX ScatterElements: a copy of {@code data} with each element of {@code updates} written at its
 * indices element's position, the {@code axis} coordinate replaced by the index value (negative
 * counts from the end); {@code reduction} add / mul (opset 16) or max / min (18) combines instead
 * of overwriting. See {@link ElementScatter}.
 */
public final class ScatterElements extends ReferenceKernelFactory {

    /** Creates the factory. */
    public ScatterElements() {
        super("ScatterElements", DataTypes.ALL);
    }

    @Override
    public Kernel prepare(Node node) {
        return ElementScatter.prepare(node);
    }
}
