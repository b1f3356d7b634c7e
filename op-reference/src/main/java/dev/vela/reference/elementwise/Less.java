package dev.vela.reference.elementwise;

/** ONNX Less: {@code a < b} into a bool tensor, with broadcasting. */
public final class Less extends ComparisonElementwise {

    /** Creates the factory. */
    public Less() {
        super("Less", ElementTypes.NUMBERS);
    }

    @Override
    boolean test(double a, double b) {
        return a < b;
    }

    @Override
    boolean testOrder(int sign) {
        return sign < 0;
    }
}
