package dev.vela.conformance.cases;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import java.util.Optional;

/**
 * The fused activation a float node may carry, as the TFLite importer and the runtime's activation fusion
 * write it: the string attribute {@value #ATTRIBUTE}, {@code "Relu"}, or {@code "Clip"} with the floats
 * {@value #PARAMS} {@code [min, max]}. Both are a clamp of the node's output to {@code [low, high]} applied
 * after the operator, with NaN passing through unchanged as it does through ONNX Relu and Clip. The float
 * reference kernels refuse the attribute, so the kit computes the expectation as the reference on the node
 * without it followed by this clamp.
 *
 * @param low lower bound ({@code -Infinity} for none)
 * @param high upper bound ({@code +Infinity} for none)
 */
public record FusedActivation(double low, double high) {

    /** The attribute naming the activation. */
    public static final String ATTRIBUTE = "activation";
    /** The attribute holding Clip's bounds. */
    public static final String PARAMS = "activation_params";

    /**
     * @param node a node
     * @return its fused activation, empty when it has none
     * @throws InvalidNodeException for an activation other than Relu and Clip, or Clip bounds that are not two
     *         numbers with min &lt;= max
     */
    public static Optional<FusedActivation> of(Node node) {
        if (!node.attributes().has(ATTRIBUTE)) {
            return Optional.empty();
        }
        String name = node.attributes().getString(ATTRIBUTE);
        switch (name) {
            case "Relu":
                return Optional.of(new FusedActivation(0, Double.POSITIVE_INFINITY));
            case "Clip": {
                float[] p = node.attributes().has(PARAMS) ? node.attributes().getFloats(PARAMS) : new float[0];
                if (p.length != 2) {
                    throw new InvalidNodeException(node, "fused Clip needs " + PARAMS + " [min, max], got " + p.length + " values");
                }
                if (!(p[0] <= p[1])) {
                    throw new InvalidNodeException(node, "fused Clip needs min <= max, got [" + p[0] + ", " + p[1] + "]");
                }
                return Optional.of(new FusedActivation(p[0], p[1]));
            }
            default:
                throw new InvalidNodeException(node, "unknown fused activation '" + name + "' (Relu or Clip)");
        }
    }

    /**
     * @param node a node
     * @return the same node without the fused activation's attributes
     */
    public static Node without(Node node) {
        return rebuild(node, b -> b.attributes().remove(ATTRIBUTE).remove(PARAMS));
    }

    /**
     * @param node a node
     * @param name the activation ({@code Relu} or {@code Clip}, or anything else for an invalid node)
     * @param params Clip's bounds, or null for none
     * @return the same node carrying that fused activation
     */
    public static Node with(Node node, String name, float[] params) {
        return rebuild(node, b -> {
            b.attr(ATTRIBUTE, name);
            if (params != null) {
                b.attr(PARAMS, params);
            }
        });
    }

    /**
     * @param x a value
     * @return it clamped to [low, high]; NaN stays NaN
     */
    public double apply(double x) {
        if (x < low) {
            return low;
        }
        return x > high ? high : x;
    }

    private static Node rebuild(Node node, java.util.function.Consumer<Node.Builder> change) {
        Node.Builder b = Node.builder(node.op()).name(node.name()).opset(node.opsetVersion());
        for (int i = 0; i < node.inputCount(); i++) {
            if (!node.hasInput(i)) {
                b.absentInput();
            } else if (node.inputValue(i).isPresent()) {
                b.constantInput(node.inputValue(i).get());
            } else {
                b.input(node.inputType(i));
            }
        }
        b.attributes().putAll(node.attributes());
        change.accept(b);
        b.outputs(node.outputCount());
        for (int i = 0; i < node.outputCount(); i++) {
            int o = i;
            node.outputQuantization(o).ifPresent(q -> b.outputQuantization(o, q));
            node.outputDataType(o).ifPresent(t -> b.outputDataType(o, t));
        }
        return b.build();
    }
}
