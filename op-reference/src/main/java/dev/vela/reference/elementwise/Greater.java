package dev.vela.reference.elementwise;

/** ONNX Greater: {@code a > b} into a bool tensor, with broadcasting. */
public final class Greater extends ComparisonElementwise {

    /** Creates the factory. */
    public Greater() {
        super("Greater", ElementTypes.NUMBERS);
    }

    @Override
    boolean test(double a, double b) {
        return a > b;
    }

    @Override
    boolean testOrder(int sign) {
        return sign > 0;
    }
}
