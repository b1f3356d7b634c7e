package dev.vela.reference.elementwise;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/** ONNX BitwiseOr: bitwise or of two integer tensors, with broadcasting. */
public final class BitwiseOr extends BinaryElementwise {

    /** Creates the factory. */
    public BitwiseOr() {
        super("BitwiseOr", ElementTypes.INTEGERS);
    }

    @Override
    DoubleBinaryOperator floatOperation(Node node) {
        throw new IllegalStateException("BitwiseOr claims no floating type");
    }

    @Override
    LongBinaryOperator integerOperation(Node node, DataType type) {
        return (a, b) -> a | b;
    }
}
