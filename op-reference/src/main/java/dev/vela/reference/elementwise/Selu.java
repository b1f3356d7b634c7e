package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Selu: {@code gamma * (x > 0 ? x : alpha * e^x - alpha)} with the spec's default alpha and gamma (as float32). */
public final class Selu extends UnaryElementwise {

    /** Creates the factory. */
    public Selu() {
        super("Selu");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        double alpha = node.attributes().getFloat("alpha", 1.67326319217681884765625f);
        double gamma = node.attributes().getFloat("gamma", 1.05070102214813232421875f);
        return x -> gamma * (x > 0 ? x : alpha * Math.expm1(x));
    }
}
