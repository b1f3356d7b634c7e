package dev.vela.reference.elementwise;

import dev.vela.spi.DataType;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * ONNX Max: element-wise maximum of one or more inputs with multidirectional broadcasting. A NaN
 * operand makes the result NaN, as numpy's {@code maximum} does.
 */
public final class Max extends VariadicElementwise {

    /** Creates the factory. */
    public Max() {
        super("Max", ElementTypes.NUMBERS);
    }

    @Override
    DoubleBinaryOperator floatOperation() {
        return (a, b) -> a >= b || Double.isNaN(a) ? a : b; // numpy maximum: NaN wins, ties keep the first
    }

    @Override
    LongBinaryOperator integerOperation(DataType type) {
        return (a, b) -> ElementTypes.compare(a, b, type) >= 0 ? a : b;
    }
}
