package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Elu: {@code x > 0 ? x : alpha * (e^x - 1)}, alpha defaulting to 1. */
public final class Elu extends UnaryElementwise {

    /** Creates the factory. */
    public Elu() {
        super("Elu");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        double alpha = node.attributes().getFloat("alpha", 1.0f);
        return x -> x > 0 ? x : alpha * Math.expm1(x);
    }
}
