package dev.vela.reference.linalg;

/**
 * ONNX ReduceMean: the sum over the reduced axes divided by their element count (NaN for an empty
 * reduction, as 0/0 in numpy).
 */
public final class ReduceMean extends Reduction {

    /** Creates the factory. */
    public ReduceMean() {
        super("ReduceMean", AXES_INPUT_SINCE, DataTypes.FLOATS);
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
    double finish(double acc, int count) {
        return acc / count;
    }
}
