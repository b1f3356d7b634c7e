package dev.vela.reference.elementwise;

/** ONNX GreaterOrEqual: {@code a >= b} into a bool tensor, with broadcasting (false when either is NaN). */
public final class GreaterOrEqual extends ComparisonElementwise {

    /** Creates the factory. */
    public GreaterOrEqual() {
        super("GreaterOrEqual", ElementTypes.NUMBERS);
    }

    @Override
    boolean test(double a, double b) {
        return a >= b;
    }

    @Override
    boolean testOrder(int sign) {
        return sign >= 0;
    }
}
