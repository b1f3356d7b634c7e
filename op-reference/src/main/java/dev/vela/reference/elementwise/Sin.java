package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Sin: sine of x in radians. */
public final class Sin extends UnaryElementwise {

    /** Creates the factory. */
    public Sin() {
        super("Sin");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return x -> Math.sin(x);
    }
}
