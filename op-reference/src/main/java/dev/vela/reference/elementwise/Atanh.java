package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Atanh: inverse hyperbolic tangent; ±Inf at ±1, NaN beyond. */
public final class Atanh extends UnaryElementwise {

    /** Creates the factory. */
    public Atanh() {
        super("Atanh");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return SpecialFunctions::atanh;
    }
}
