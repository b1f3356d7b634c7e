package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Floor: the largest integer not greater than x; NaN and ±Inf stay. */
public final class Floor extends UnaryElementwise {

    /** Creates the factory. */
    public Floor() {
        super("Floor");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return x -> Math.floor(x);
    }
}
