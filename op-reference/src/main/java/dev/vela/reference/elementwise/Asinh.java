package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Asinh: inverse hyperbolic sine. */
public final class Asinh extends UnaryElementwise {

    /** Creates the factory. */
    public Asinh() {
        super("Asinh");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return SpecialFunctions::asinh;
    }
}
