package dev.vela.reference.linalg;

/**
 * ONNX ReduceL2: the square root of the sum of squares over the reduced axes (0 for an empty
 * reduction).
 */
public final class ReduceL2 extends Reduction {

    /** Creates the factory. */
    public ReduceL2() {
        super("ReduceL2", AXES_INPUT_SINCE, DataTypes.FLOATS);
    }

    @Override
    double initial() {
        return 0;
    }

    @Override
    double accumulate(double acc, double x) {
        return acc + x * x;
    }

    @Override
    double finish(double acc, int count) {
        return Math.sqrt(acc);
    }
}
