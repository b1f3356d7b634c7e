package dev.vela.reference.linalg;

import dev.vela.spi.DataType;
import java.util.Set;

/**
 * ONNX ReduceProd: the product over the reduced axes (1 for an empty reduction).
 */
public final class ReduceProd extends Reduction {

    private static final Set<DataType> TYPES = DataTypes.union(DataTypes.FLOATS, DataTypes.WIDE_INTEGERS);

    /** Creates the factory. */
    public ReduceProd() {
        super("ReduceProd", AXES_INPUT_SINCE, TYPES);
    }

    @Override
    double initial() {
        return 1;
    }

    @Override
    double accumulate(double acc, double x) {
        return acc * x;
    }

    @Override
    long initialLong(DataType type) {
        return 1;
    }

    @Override
    long accumulateLong(long acc, long x, DataType type) {
        return acc * x;
    }
}
