package dev.vela.reference.elementwise;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/** ONNX Sub: {@code C = A - B} with broadcasting; integers wrap (unsigned ones modulo 2^bits). */
public final class Sub extends BinaryElementwise {

    /** Creates the factory. */
    public Sub() {
        super("Sub", ElementTypes.NUMBERS);
    }

    @Override
    DoubleBinaryOperator floatOperation(Node node) {
        return (a, b) -> a - b;
    }

    @Override
    LongBinaryOperator integerOperation(Node node, DataType type) {
        return (a, b) -> a - b;
    }
}
