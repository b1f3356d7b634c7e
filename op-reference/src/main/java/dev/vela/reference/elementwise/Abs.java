package dev.vela.reference.elementwise;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * ONNX Abs: {@code |x|} for every numeric type. Unsigned values are their own absolute value; the
 * most negative value of a signed type stays itself, as two's complement (and numpy) wrap it.
 */
public final class Abs extends UnaryElementwise {

    /** Creates the factory. */
    public Abs() {
        super("Abs", ElementTypes.NUMBERS);
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return Math::abs;
    }

    @Override
    LongUnaryOperator integerFunction(Node node, DataType type) {
        if (!type.isSigned()) {
            return x -> x;
        }
        return Math::abs; // the value is sign-extended, so wrapping to the width keeps MIN as MIN
    }
}
