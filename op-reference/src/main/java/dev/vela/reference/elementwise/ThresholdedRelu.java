package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX ThresholdedRelu: {@code x > alpha ? x : 0}, alpha defaulting to 1. */
public final class ThresholdedRelu extends UnaryElementwise {

    /** Creates the factory. */
    public ThresholdedRelu() {
        super("ThresholdedRelu");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        double alpha = node.attributes().getFloat("alpha", 1.0f);
        return x -> x > alpha ? x : Double.isNaN(x) ? x : 0;
    }
}
