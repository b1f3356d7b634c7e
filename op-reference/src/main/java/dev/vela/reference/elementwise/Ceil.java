package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Ceil: the smallest integer not less than x; NaN and ±Inf stay. */
public final class Ceil extends UnaryElementwise {

    /** Creates the factory. */
    public Ceil() {
        super("Ceil");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return x -> Math.ceil(x);
    }
}
