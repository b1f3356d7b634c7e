package dev.vela.reference.elementwise;

import dev.vela.spi.DataType;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/** ONNX Mean: element-wise mean of one or more inputs with multidirectional broadcasting (floating types). */
public final class Mean extends VariadicElementwise {

    /** Creates the factory. */
    public Mean() {
        super("Mean", ElementTypes.FLOATS);
    }

    @Override
    DoubleBinaryOperator floatOperation() {
        return Double::sum;
    }

    @Override
    LongBinaryOperator integerOperation(DataType type) {
        throw new IllegalStateException("Mean claims no integer type");
    }

    @Override
    double finish(double folded, int count) {
        return folded / count;
    }
}
