package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Sinh: hyperbolic sine. */
public final class Sinh extends UnaryElementwise {

    /** Creates the factory. */
    public Sinh() {
        super("Sinh");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return Math::sinh;
    }
}
