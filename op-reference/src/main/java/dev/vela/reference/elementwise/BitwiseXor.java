package dev.vela.reference.elementwise;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/** ONNX BitwiseXor: bitwise exclusive or of two integer tensors, with broadcasting. */
public final class BitwiseXor extends BinaryElementwise {

    /** Creates the factory. */
    public BitwiseXor() {
        super("BitwiseXor", ElementTypes.INTEGERS);
    }

    @Override
    DoubleBinaryOperator floatOperation(Node node) {
        throw new IllegalStateException("BitwiseXor claims no floating type");
    }

    @Override
    LongBinaryOperator integerOperation(Node node, DataType type) {
        return (a, b) -> a ^ b;
    }
}
