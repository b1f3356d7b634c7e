package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoublePredicate;

/**
 * ONNX IsInf: whether each element is infinite; {@code detect_positive} and {@code detect_negative}
 * (both 1 by default) choose which infinities count.
 */
public final class IsInf extends FloatPredicate {

    /** Creates the factory. */
    public IsInf() {
        super("IsInf");
    }

    @Override
    DoublePredicate predicate(Node node) {
        boolean positive = node.attributes().getLong("detect_positive", 1) != 0;
        boolean negative = node.attributes().getLong("detect_negative", 1) != 0;
        return x -> (positive && x == Double.POSITIVE_INFINITY) || (negative && x == Double.NEGATIVE_INFINITY);
    }
}
