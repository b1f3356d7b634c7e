package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Relu: {@code max(0, x)}; NaN stays NaN. */
public final class Relu extends UnaryElementwise {

    /** Creates the factory. */
    public Relu() {
        super("Relu");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return x -> x < 0 ? 0 : x;
    }
}
