package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Tanh: hyperbolic tangent. */
public final class Tanh extends UnaryElementwise {

    /** Creates the factory. */
    public Tanh() {
        super("Tanh");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return x -> Math.tanh(x);
    }
}
