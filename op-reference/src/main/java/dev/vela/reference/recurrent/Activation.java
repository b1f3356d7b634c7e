package dev.vela.reference.recurrent;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;

/**
 * The {@code activation} attribute of TFLite's recurrent operators: "Tanh", "Sigmoid", "Relu", "Clip"
 * (with {@code activation_params} [min, max]) or "None".
 */
record Activation(int kind, float min, float max) {

    static final int TANH = 0;
    static final int SIGMOID = 1;
    static final int CLAMP = 2;

    /** Reads the node's activation, or {@code absent} when the attribute is not set. */
    static Activation of(Node node, String absent) {
        String name = node.attributes().getString("activation", absent);
        return switch (name) {
            case "Tanh" -> new Activation(TANH, 0, 0);
            case "Sigmoid" -> new Activation(SIGMOID, 0, 0);
            case "Relu" -> new Activation(CLAMP, 0f, Float.POSITIVE_INFINITY);
            case "None" -> new Activation(CLAMP, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
            case "Clip" -> {
                float[] p = node.attributes().getFloats("activation_params");
                if (p.length != 2) {
                    throw new InvalidNodeException(node, "activation_params must be [min, max], got " + p.length
                            + " values");
                }
                yield new Activation(CLAMP, p[0], p[1]);
            }
            default -> throw new InvalidNodeException(node, "activation must be Tanh, Sigmoid, Relu, Clip or None, "
                    + "got " + name);
        };
    }

    float apply(float v) {
        return switch (kind) {
            case TANH -> (float) Math.tanh(v);
            case SIGMOID -> sigmoid(v);
            default -> Math.max(min, Math.min(max, v));
        };
    }

    static float sigmoid(float v) {
        return (float) (1.0 / (1.0 + Math.exp(-v)));
    }
}
