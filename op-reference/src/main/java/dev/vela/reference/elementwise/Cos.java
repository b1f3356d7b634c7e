package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Cos: cosine of x in radians. */
public final class Cos extends UnaryElementwise {

    /** Creates the factory. */
    public Cos() {
        super("Cos");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return x -> Math.cos(x);
    }
}
