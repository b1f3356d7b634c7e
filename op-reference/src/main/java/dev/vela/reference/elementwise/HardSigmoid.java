package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX HardSigmoid: {@code max(0, min(1, alpha * x + beta))}, alpha 0.2 and beta 0.5 by default; NaN stays NaN. */
public final class HardSigmoid extends UnaryElementwise {

    /** Creates the factory. */
    public HardSigmoid() {
        super("HardSigmoid");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        double alpha = node.attributes().getFloat("alpha", 0.2f);
        double beta = node.attributes().getFloat("beta", 0.5f);
        return x -> Math.max(0, Math.min(1, alpha * x + beta));
    }
}
