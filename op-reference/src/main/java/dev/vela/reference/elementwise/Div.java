package dev.vela.reference.elementwise;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * ONNX Div: {@code C = A / B} with broadcasting. Floating types follow IEEE 754 (x/0 is ±Inf or
 * NaN). Integer division truncates toward zero like C (ONNX's test data: {@code -7 / 2 = -3});
 * an integer division by zero has no defined result, so it fails naming the node.
 */
public final class Div extends BinaryElementwise {

    /** Creates the factory. */
    public Div() {
        super("Div", ElementTypes.NUMBERS);
    }

    @Override
    DoubleBinaryOperator floatOperation(Node node) {
        return (a, b) -> a / b;
    }

    @Override
    LongBinaryOperator integerOperation(Node node, DataType type) {
        if (type == DataType.UINT64) {
            return (a, b) -> Long.divideUnsigned(a, checkDivisor(b));
        }
        return (a, b) -> a / checkDivisor(b);
    }

    private static long checkDivisor(long b) {
        if (b == 0) {
            throw new ArithmeticException("integer division by zero");
        }
        return b;
    }
}
