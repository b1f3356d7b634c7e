package dev.vela.reference.elementwise;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * ONNX Neg: {@code -x} for floating and signed integer types; the most negative integer wraps to
 * itself.
 */
public final class Neg extends UnaryElementwise {

    /** Creates the factory. */
    public Neg() {
        super("Neg", ElementTypes.SIGNED_NUMBERS);
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return x -> -x;
    }

    @Override
    LongUnaryOperator integerFunction(Node node, DataType type) {
        return x -> -x;
    }
}
