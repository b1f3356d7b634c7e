package dev.vela.reference.elementwise;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Celu: {@code max(0, x) + min(0, alpha * (e^(x / alpha) - 1))}, alpha defaulting to 1 (must not be 0). */
public final class Celu extends UnaryElementwise {

    /** Creates the factory. */
    public Celu() {
        super("Celu");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        double alpha = node.attributes().getFloat("alpha", 1.0f);
        if (alpha == 0) {
            throw new InvalidNodeException(node, "attribute 'alpha' must not be 0");
        }
        return x -> Double.isNaN(x) ? x : Math.max(0, x) + Math.min(0, alpha * Math.expm1(x / alpha));
    }
}
