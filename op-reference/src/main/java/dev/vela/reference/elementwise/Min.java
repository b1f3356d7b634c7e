package dev.vela.reference.elementwise;

import dev.vela.spi.DataType;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * ONNX Min: element-wise minimum of one or more inputs with multidirectional broadcasting. A NaN
 * operand makes the result NaN, as numpy's {@code minimum} does.
 */
public final class Min extends VariadicElementwise {

    /** Creates the factory. */
    public Min() {
        super("Min", ElementTypes.NUMBERS);
    }

    @Override
    DoubleBinaryOperator floatOperation() {
        return (a, b) -> a <= b || Double.isNaN(a) ? a : b; // numpy minimum: NaN wins, ties keep the first
    }

    @Override
    LongBinaryOperator integerOperation(DataType type) {
        return (a, b) -> ElementTypes.compare(a, b, type) <= 0 ? a : b;
    }
}
