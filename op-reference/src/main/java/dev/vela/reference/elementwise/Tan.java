package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Tan: tangent of x in radians. */
public final class Tan extends UnaryElementwise {

    /** Creates the factory. */
    public Tan() {
        super("Tan");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return Math::tan;
    }
}
