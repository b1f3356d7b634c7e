package dev.vela.reference.elementwise;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongUnaryOperator;

/** ONNX BitwiseNot: flips every bit of an integer tensor. */
public final class BitwiseNot extends UnaryElementwise {

    /** Creates the factory. */
    public BitwiseNot() {
        super("BitwiseNot", ElementTypes.INTEGERS);
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        throw new IllegalStateException("BitwiseNot claims no floating type");
    }

    @Override
    LongUnaryOperator integerFunction(Node node, DataType type) {
        return x -> ~x; // the low bits that fit the width are kept on write
    }
}
