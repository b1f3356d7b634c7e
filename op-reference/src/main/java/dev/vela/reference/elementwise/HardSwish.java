package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX HardSwish: {@code x * max(0, min(1, x / 6 + 0.5))}; NaN stays NaN. */
public final class HardSwish extends UnaryElementwise {

    /** Creates the factory. */
    public HardSwish() {
        super("HardSwish");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        return x -> x * Math.max(0, Math.min(1, x / 6 + 0.5));
    }
}
