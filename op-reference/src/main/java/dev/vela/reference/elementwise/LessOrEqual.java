package dev.vela.reference.elementwise;

/** ONNX LessOrEqual: {@code a <= b} into a bool tensor, with broadcasting (false when either is NaN). */
public final class LessOrEqual extends ComparisonElementwise {

    /** Creates the factory. */
    public LessOrEqual() {
        super("LessOrEqual", ElementTypes.NUMBERS);
    }

    @Override
    boolean test(double a, double b) {
        return a <= b;
    }

    @Override
    boolean testOrder(int sign) {
        return sign <= 0;
    }
}
