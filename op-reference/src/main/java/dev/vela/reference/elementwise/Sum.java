package dev.vela.reference.elementwise;

import dev.vela.spi.DataType;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/** ONNX Sum: element-wise sum of one or more inputs with multidirectional broadcasting (floating types). */
public final class Sum extends VariadicElementwise {

    /** Creates the factory. */
    public Sum() {
        super("Sum", ElementTypes.FLOATS);
    }

    @Override
    DoubleBinaryOperator floatOperation() {
        return Double::sum;
    }

    @Override
    LongBinaryOperator integerOperation(DataType type) {
        throw new IllegalStateException("Sum claims no integer type");
    }
}
