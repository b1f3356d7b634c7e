package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Exp: {@code e^x}. */
public final class Exp extends UnaryElementwise {

    /** Creates the factory. */
    public Exp() {
        super("Exp");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return x -> Math.exp(x);
    }
}
