package dev.vela.reference.elementwise;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongUnaryOperator;

/** ONNX Relu: {@code max(0, x)}; NaN stays NaN. Signed integers too (opset 14). */
public final class Relu extends UnaryElementwise {

    /** Creates the factory. */
    public Relu() {
        super("Relu", ElementTypes.SIGNED_NUMBERS);
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return x -> x < 0 ? 0 : x;
    }

    @Override
    LongUnaryOperator integerFunction(Node node, DataType type) {
        return x -> Math.max(0, x);
    }
}
