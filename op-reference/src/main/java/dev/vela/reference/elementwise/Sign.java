package dev.vela.reference.elementwise;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongUnaryOperator;

/** ONNX Sign: -1, 0 or 1 by the sign of x, for every numeric type; NaN stays NaN. */
public final class Sign extends UnaryElementwise {

    /** Creates the factory. */
    public Sign() {
        super("Sign", ElementTypes.NUMBERS);
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return x -> x > 0 ? 1 : x < 0 ? -1 : x == 0 ? 0 : x; // -0 gives +0 as numpy's sign does; NaN stays
    }

    @Override
    LongUnaryOperator integerFunction(Node node, DataType type) {
        if (!type.isSigned()) {
            return x -> x != 0 ? 1 : 0;
        }
        return Long::signum;
    }
}
