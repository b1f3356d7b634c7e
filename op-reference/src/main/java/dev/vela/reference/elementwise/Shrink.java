package dev.vela.reference.elementwise;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * ONNX Shrink: {@code x < -lambd ? x + bias : x > lambd ? x - bias : 0}, lambd 0.5 and bias 0 by
 * default. Integer inputs compute in double with the float attributes and truncate toward zero.
 */
public final class Shrink extends UnaryElementwise {

    /** Creates the factory. */
    public Shrink() {
        super("Shrink", ElementTypes.NUMBERS);
    }

    @Override
    LongUnaryOperator integerFunction(Node node, DataType type) {
        return truncating(function(node), type);
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        double lambd = node.attributes().getFloat("lambd", 0.5f);
        double bias = node.attributes().getFloat("bias", 0.0f);
        return x -> x < -lambd ? x + bias : x > lambd ? x - bias : Double.isNaN(x) ? x : 0;
    }
}
