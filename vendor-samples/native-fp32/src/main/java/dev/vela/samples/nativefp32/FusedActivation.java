package dev.vela.samples.nativefp32;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;

/**
 * The activation a node fuses into its output, read from the string attribute {@value #ATTRIBUTE}
 * ({@code Relu}, or {@code Clip} with the floats {@value #PARAMS} {@code [min, max]}), the
 * convention the TFLite importer uses for TFLite's fused activations. Both are a clamp to
 * {@code [low, high]}; NaN passes through unchanged, as it does through ONNX Relu and Clip (the C++ clamp keeps it).
 *
 * @param low lower bound ({@code -Infinity} for none)
 * @param high upper bound ({@code +Infinity} for none)
 */
record FusedActivation(float low, float high) {

    /** Name of the attribute holding the activation's name. */
    public static final String ATTRIBUTE = "activation";
    /** Name of the attribute holding Clip's bounds. */
    public static final String PARAMS = "activation_params";

    /** No activation. */
    public static final FusedActivation NONE = new FusedActivation(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);

    /**
     * @param node the node
     * @return its fused activation, {@link #NONE} when the attribute is absent
     * @throws InvalidNodeException for an unknown activation or malformed bounds
     */
    public static FusedActivation of(Node node) {
        if (!node.attributes().has(ATTRIBUTE)) {
            return NONE;
        }
        String name = node.attributes().getString(ATTRIBUTE);
        switch (name) {
            case "Relu":
                return new FusedActivation(0f, Float.POSITIVE_INFINITY);
            case "Clip": {
                float[] p = node.attributes().getFloats(PARAMS, new float[0]);
                if (p.length != 2) {
                    throw new InvalidNodeException(node, "fused Clip needs '" + PARAMS + "' [min, max], got " + p.length + " values");
                }
                if (!(p[0] <= p[1])) {
                    throw new InvalidNodeException(node, "fused Clip bounds must satisfy min <= max, got [" + p[0] + ", " + p[1] + "]");
                }
                return new FusedActivation(p[0], p[1]);
            }
            default:
                throw new InvalidNodeException(node, "fused activation '" + name + "' is not supported (Relu or Clip)");
        }
    }

    /** @return whether this clamps anything */
    public boolean isNone() {
        return low == Float.NEGATIVE_INFINITY && high == Float.POSITIVE_INFINITY;
    }
}
