package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Atan: arctangent. */
public final class Atan extends UnaryElementwise {

    /** Creates the factory. */
    public Atan() {
        super("Atan");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return Math::atan;
    }
}
