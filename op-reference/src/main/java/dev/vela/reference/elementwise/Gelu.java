package dev.vela.reference.elementwise;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/**
 * ONNX Gelu: {@code 0.5 * x * (1 + erf(x / sqrt(2)))}, or with {@code approximate="tanh"}
 * {@code 0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))}.
 */
public final class Gelu extends UnaryElementwise {

    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double SQRT_TWO_OVER_PI = Math.sqrt(2 / Math.PI);

    /** Creates the factory. */
    public Gelu() {
        super("Gelu");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        String approximate = node.attributes().getString("approximate", "none");
        return switch (approximate) {
            case "none" -> x -> 0.5 * x * (1 + SpecialFunctions.erf(x * SQRT_HALF));
            case "tanh" -> x -> 0.5 * x * (1 + Math.tanh(SQRT_TWO_OVER_PI * (x + 0.044715 * x * x * x)));
            default ->
                throw new InvalidNodeException(
                        node, "attribute 'approximate' must be \"none\" or \"tanh\", got \"" + approximate + "\"");
        };
    }
}
