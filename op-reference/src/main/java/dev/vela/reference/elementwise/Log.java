package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Log: natural logarithm; {@code log(0) = -Inf}, negative inputs give NaN. */
public final class Log extends UnaryElementwise {

    /** Creates the factory. */
    public Log() {
        super("Log");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return x -> Math.log(x);
    }
}
