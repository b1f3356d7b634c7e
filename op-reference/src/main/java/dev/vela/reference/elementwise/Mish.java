package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Mish: {@code x * tanh(softplus(x))}. */
public final class Mish extends UnaryElementwise {

    /** Creates the factory. */
    public Mish() {
        super("Mish");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return x -> x * Math.tanh(SpecialFunctions.softplus(x));
    }
}
