package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Erf: the error function {@code 2/sqrt(pi) * integral_0^x e^(-t^2) dt}. */
public final class Erf extends UnaryElementwise {

    /** Creates the factory. */
    public Erf() {
        super("Erf");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return x -> SpecialFunctions.erf(x);
    }
}
