package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Sigmoid: {@code 1 / (1 + e^-x)}. */
public final class Sigmoid extends UnaryElementwise {

    /** Creates the factory. */
    public Sigmoid() {
        super("Sigmoid");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return x -> 1.0 / (1.0 + Math.exp(-x));
    }
}
