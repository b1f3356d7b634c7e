package dev.vela.reference.linalg;

/**
 * ONNX ReduceLogSum: the natural log of the sum over the reduced axes (-inf for an empty
 * reduction).
 */
public final class ReduceLogSum extends Reduction {

    /** Creates the factory. */
    public ReduceLogSum() {
        super("ReduceLogSum", AXES_INPUT_SINCE, DataTypes.FLOATS);
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
        return Math.log(acc);
    }
}
