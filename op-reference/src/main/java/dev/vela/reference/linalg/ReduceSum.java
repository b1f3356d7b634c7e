package dev.vela.reference.linalg;

import dev.vela.spi.DataType;
import java.util.Set;

/**
 * ONNX ReduceSum: the sum over the reduced axes (0 for an empty reduction). See {@link Reduction}
 * for axes and opsets.
 */
public final class ReduceSum extends Reduction {

    private static final Set<DataType> TYPES = DataTypes.union(DataTypes.FLOATS, DataTypes.WIDE_INTEGERS);

    /** Creates the factory. */
    public ReduceSum() {
        super("ReduceSum", AXES_INPUT_SINCE_SUM, TYPES);
    }

    @Override
    double initial() {
        return 0;
    }

    @Override
    double accumulate(double acc, double x) {
        return acc + x;
    }

    @Override
    long initialLong(DataType type) {
        return 0;
    }

    @Override
    long accumulateLong(long acc, long x, DataType type) {
        return acc + x;
    }
}
