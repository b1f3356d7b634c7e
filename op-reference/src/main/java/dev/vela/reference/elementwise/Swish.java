package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Swish (opset 24): {@code x * sigmoid(alpha * x)}, alpha defaulting to 1. */
public final class Swish extends UnaryElementwise {

    /** Creates the factory. */
    public Swish() {
        super("Swish");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        double alpha = node.attributes().getFloat("alpha", 1.0f);
        return x -> x / (1.0 + Math.exp(-alpha * x));
    }
}
