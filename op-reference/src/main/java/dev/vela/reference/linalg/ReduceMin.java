package dev.vela.reference.linalg;

import dev.vela.spi.DataType;
import java.util.Set;

/**
 * ONNX ReduceMin: the smallest element over the reduced axes; NaN if any is NaN; for an empty
 * reduction +inf, or the largest value of an integer type. Integers, uint64 and bool (opset 20)
 * included.
 */
public final class ReduceMin extends Reduction {

    private static final Set<DataType> TYPES =
            DataTypes.union(DataTypes.FLOATS, DataTypes.INTEGERS, Set.of(DataType.BOOL));

    /** Creates the factory. */
    public ReduceMin() {
        super("ReduceMin", AXES_INPUT_SINCE, TYPES);
    }

    @Override
    double initial() {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    double accumulate(double acc, double x) {
        return Math.min(acc, x);
    }

    @Override
    long initialLong(DataType type) {
        return IntegerRange.max(type);
    }

    @Override
    long accumulateLong(long acc, long x, DataType type) {
        return IntegerRange.compare(x, acc, type) < 0 ? x : acc;
    }
}
