package dev.vela.reference.linalg;

import dev.vela.spi.DataType;
import java.util.Set;

/**
 * ONNX ReduceL1: the sum of absolute values over the reduced axes (0 for an empty reduction).
 */
public final class ReduceL1 extends Reduction {

    private static final Set<DataType> TYPES = DataTypes.union(DataTypes.FLOATS, DataTypes.WIDE_INTEGERS);

    /** Creates the factory. */
    public ReduceL1() {
        super("ReduceL1", AXES_INPUT_SINCE, TYPES);
    }

    @Override
    double initial() {
        return 0;
    }

    @Override
    double accumulate(double acc, double x) {
        return acc + Math.abs(x);
    }

    @Override
    long initialLong(DataType type) {
        return 0;
    }

    @Override
    long accumulateLong(long acc, long x, DataType type) {
        return acc + (type.isSigned() ? Math.abs(x) : x);
    }
}
