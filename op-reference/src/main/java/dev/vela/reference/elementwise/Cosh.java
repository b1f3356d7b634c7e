package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Cosh: hyperbolic cosine. */
public final class Cosh extends UnaryElementwise {

    /** Creates the factory. */
    public Cosh() {
        super("Cosh");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return Math::cosh;
    }
}
