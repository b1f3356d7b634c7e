package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Softplus: {@code ln(e^x + 1)}, computed without overflow for large x. */
public final class Softplus extends UnaryElementwise {

    /** Creates the factory. */
    public Softplus() {
        super("Softplus");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return x -> SpecialFunctions.softplus(x);
    }
}
