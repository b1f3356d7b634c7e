package dev.vela.reference.elementwise;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * ONNX Erf: the error function {@code 2/sqrt(pi) * integral_0^x e^(-t^2) dt}. Integer inputs give
 * the result truncated toward zero (0, or ±1 from |x| = 6 on, where erf rounds to ±1 in double).
 */
public final class Erf extends UnaryElementwise {

    /** Creates the factory. */
    public Erf() {
        super("Erf", ElementTypes.NUMBERS);
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return x -> SpecialFunctions.erf(x);
    }

    @Override
    LongUnaryOperator integerFunction(Node node, DataType type) {
        return truncating(function(node), type);
    }
}
