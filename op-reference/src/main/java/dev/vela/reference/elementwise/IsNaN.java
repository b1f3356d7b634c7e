package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoublePredicate;

/** ONNX IsNaN: whether each element is NaN. */
public final class IsNaN extends FloatPredicate {

    /** Creates the factory. */
    public IsNaN() {
        super("IsNaN");
    }

    @Override
    DoublePredicate predicate(Node node) {
        return Double::isNaN;
    }
}
