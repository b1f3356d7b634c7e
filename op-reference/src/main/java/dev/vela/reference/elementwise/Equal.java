package dev.vela.reference.elementwise;

/** ONNX Equal: {@code a == b} into a bool tensor, with broadcasting; numeric types and bool (NaN equals nothing). */
public final class Equal extends ComparisonElementwise {

    /** Creates the factory. */
    public Equal() {
        super("Equal", ElementTypes.union(ElementTypes.NUMBERS, ElementTypes.BOOL));
    }

    @Override
    boolean test(double a, double b) {
        return a == b;
    }

    @Override
    boolean testOrder(int sign) {
        return sign == 0;
    }
}
