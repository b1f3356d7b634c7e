package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Sqrt: {@code sqrt(x)}; negative inputs give NaN. */
public final class Sqrt extends UnaryElementwise {

    /** Creates the factory. */
    public Sqrt() {
        super("Sqrt");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return x -> Math.sqrt(x);
    }
}
