package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Round: to the nearest integer, halves to even ({@code round(2.5) = 2}, {@code round(-1.5) = -2}). */
public final class Round extends UnaryElementwise {

    /** Creates the factory. */
    public Round() {
        super("Round");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return x -> Math.rint(x);
    }
}
