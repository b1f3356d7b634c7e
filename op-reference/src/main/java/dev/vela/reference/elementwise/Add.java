package dev.vela.reference.elementwise;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/** ONNX Add: {@code C = A + B} with broadcasting; integers wrap. */
public final class Add extends BinaryElementwise {

    /** Creates the factory. */
    public Add() {
        super("Add", ElementTypes.NUMBERS);
    }

    @Override
    DoubleBinaryOperator floatOperation(Node node) {
        return (a, b) -> a + b;
    }

    @Override
    LongBinaryOperator integerOperation(Node node, DataType type) {
        return (a, b) -> a + b;
    }
}
