package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Softsign: {@code x / (1 + |x|)}. */
public final class Softsign extends UnaryElementwise {

    /** Creates the factory. */
    public Softsign() {
        super("Softsign");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return x -> x / (1.0 + Math.abs(x));
    }
}
