package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Acos: arccosine; NaN outside [-1, 1]. */
public final class Acos extends UnaryElementwise {

    /** Creates the factory. */
    public Acos() {
        super("Acos");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return Math::acos;
    }
}
