package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX LeakyRelu: {@code x < 0 ? alpha * x : x}, alpha defaulting to 0.01. */
public final class LeakyRelu extends UnaryElementwise {

    /** Creates the factory. */
    public LeakyRelu() {
        super("LeakyRelu");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        double alpha = node.attributes().getFloat("alpha", 0.01f);
        return x -> x < 0 ? alpha * x : x;
    }
}
