package dev.vela.reference.elementwise;

import dev.vela.spi.Node;
import java.util.function.DoubleUnaryOperator;

/** ONNX Shrink: {@code x < -lambd ? x + bias : x > lambd ? x - bias : 0}, lambd 0.5 and bias 0 by default (floating types). */
public final class Shrink extends UnaryElementwise {

    /** Creates the factory. */
    public Shrink() {
        super("Shrink");
    }

    @Override
    DoubleUnaryOperator function(Node node) {
        double lambd = node.attributes().getFloat("lambd", 0.5f);
        double bias = node.attributes().getFloat("bias", 0.0f);
        return x -> x < -lambd ? x + bias : x > lambd ? x - bias : Double.isNaN(x) ? x : 0;
    }
}
