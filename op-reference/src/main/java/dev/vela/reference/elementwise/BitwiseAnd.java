package dev.vela.reference.elementwise;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/** ONNX BitwiseAnd: bitwise and of two integer tensors, with broadcasting. */
public final class BitwiseAnd extends BinaryElementwise {

    /** Creates the factory. */
    public BitwiseAnd() {
        super("BitwiseAnd", ElementTypes.INTEGERS);
    }

    @Override
    DoubleBinaryOperator floatOperation(Node node) {
        throw new IllegalStateException("BitwiseAnd claims no floating type");
    }

    @Override
    LongBinaryOperator integerOperation(Node node, DataType type) {
        return (a, b) -> a & b;
    }
}
