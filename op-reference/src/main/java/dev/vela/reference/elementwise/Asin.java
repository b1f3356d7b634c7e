package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Asin: arcsine; NaN outside [-1, 1]. */
public final class Asin extends UnaryElementwise {

    /** Creates the factory. */
    public Asin() {
        super("Asin");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return Math::asin;
    }
}
