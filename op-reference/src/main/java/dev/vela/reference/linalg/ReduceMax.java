package dev.vela.reference.linalg;

import dev.vela.spi.DataType;
import java.util.Set;

/**
 * ONNX ReduceMax: the largest element over the reduced axes; NaN if any is NaN; for an empty
 * reduction -inf, or the smallest value of an integer type. Integers, uint64 and bool (opset 20)
 * included.
 */
public final class ReduceMax extends Reduction {

    private static final Set<DataType> TYPES =
            DataTypes.union(DataTypes.FLOATS, DataTypes.INTEGERS, Set.of(DataType.BOOL));

    /** Creates the factory. */
    public ReduceMax() {
        super("ReduceMax", AXES_INPUT_SINCE, TYPES);
    }

    @Override
    double initial() {
        return Double.NEGATIVE_INFINITY;
    }

    @Override
    double accumulate(double acc, double x) {
        return Math.max(acc, x);
    }

    @Override
    long initialLong(DataType type) {
        return IntegerRange.min(type);
    }

    @Override
    long accumulateLong(long acc, long x, DataType type) {
        return IntegerRange.compare(x, acc, type) > 0 ? x : acc;
    }
}
