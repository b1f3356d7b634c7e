package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Acosh: inverse hyperbolic cosine; NaN below 1. */
public final class Acosh extends UnaryElementwise {

    /** Creates the factory. */
    public Acosh() {
        super("Acosh");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return SpecialFunctions::acosh;
    }
}
