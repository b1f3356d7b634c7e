package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Reciprocal: {@code 1 / x}; {@code 1/±0 = ±Inf}. */
public final class Reciprocal extends UnaryElementwise {

    /** Creates the factory. */
    public Reciprocal() {
        super("Reciprocal");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return x -> 1.0 / x;
    }
}
