package dev.vela.spi.semantics;

import dev.vela.spi.API;
import dev.vela.spi.Attributes;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import java.util.Arrays;
import java.util.Objects;

/**
 * The activation a node applies to its output after the operator itself: TFLite's fused activation, written by
 * the TFLite importer and the runtime's activation fusion as the string attribute {@value #ATTRIBUTE}
 * ({@code "None"}, {@code "Relu"}, {@code "Clip"}, {@code "Tanh"}, {@code "Sigmoid"}) and, for Clip, the floats
 * {@value #PARAMS} {@code [min, max]} (RELU6 is Clip [0, 6], RELU_N1_TO_1 Clip [-1, 1]).
 *
 * <p>Meaning (the reference kernels implement it; docs/architecture.md D1):
 * <ul>
 *   <li>on a float output, {@code y = act(op(x))}: Relu and Clip clamp to {@code [low, high]} with NaN passing
 *       through unchanged, as ONNX Relu and Clip do; Tanh and Sigmoid are the functions of those names;</li>
 *   <li>on a quantized output, Relu and Clip become a clamp of the quantized result to the
 *       {@link #quantizedRange quantized range} of the bounds, as TFLite's
 *       {@code CalculateActivationRangeQuantized} computes it; Tanh and Sigmoid are not defined there.</li>
 * </ul>
 * The recurrent operators (LSTM, SVDF) read the same attribute for their gate or output activation.
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public final class FusedActivation {

    /** The attribute naming the activation. */
    public static final String ATTRIBUTE = "activation";
    /** The attribute holding Clip's bounds {@code [min, max]}. */
    public static final String PARAMS = "activation_params";

    /**
     * The kinds of fused activation, with the attribute value that names each.
     *
     * @since 1.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "1.1")
    public enum Kind {
        /** No activation ({@code "None"} or the attribute absent). */
        NONE("None"),
        /** {@code max(x, 0)}. */
        RELU("Relu"),
        /** {@code min(max(x, min), max)} with {@value FusedActivation#PARAMS} {@code [min, max]}. */
        CLIP("Clip"),
        /** Hyperbolic tangent (float only). */
        TANH("Tanh"),
        /** Logistic sigmoid {@code 1 / (1 + exp(-x))} (float only). */
        SIGMOID("Sigmoid");

        private final String attributeValue;

        Kind(String attributeValue) {
            this.attributeValue = attributeValue;
        }

        /** @return the value of {@value FusedActivation#ATTRIBUTE} that names this kind */
        public String attributeValue() {
            return attributeValue;
        }
    }

    /** No activation. */
    public static final FusedActivation NONE =
            new FusedActivation(Kind.NONE, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
    /** Relu: a clamp to {@code [0, +Infinity]}. */
    public static final FusedActivation RELU = new FusedActivation(Kind.RELU, 0f, Float.POSITIVE_INFINITY);
    /** Tanh. */
    public static final FusedActivation TANH = new FusedActivation(Kind.TANH, -1f, 1f);
    /** Sigmoid. */
    public static final FusedActivation SIGMOID = new FusedActivation(Kind.SIGMOID, 0f, 1f);

    private final Kind kind;
    private final float low;
    private final float high;

    private FusedActivation(Kind kind, float low, float high) {
        this.kind = kind;
        this.low = low;
        this.high = high;
    }

    /**
     * @param min the lower bound
     * @param max the upper bound, at least {@code min}
     * @return Clip to {@code [min, max]}
     * @throws IllegalArgumentException when {@code min > max} or either is NaN
     */
    public static FusedActivation clip(float min, float max) {
        if (!(min <= max)) {
            throw new IllegalArgumentException("fused Clip needs min <= max, got [" + min + ", " + max + "]");
        }
        return new FusedActivation(Kind.CLIP, min, max);
    }

    /**
     * @param node a node
     * @return its fused activation, {@link #NONE} when the attribute is absent
     * @throws InvalidNodeException naming the node for an unknown activation or malformed Clip bounds
     */
    public static FusedActivation of(Node node) {
        return of(node.attributes(), node.describe());
    }

    /**
     * @param attributes a node's attributes
     * @param nodeDescription how errors name the node, e.g. {@code node 'conv1' (Conv)}
     * @return its fused activation, {@link #NONE} when the attribute is absent
     * @throws InvalidNodeException naming the node for an unknown activation or malformed Clip bounds
     */
    public static FusedActivation of(Attributes attributes, String nodeDescription) {
        if (!attributes.has(ATTRIBUTE)) {
            return NONE;
        }
        String name = attributes.getString(ATTRIBUTE);
        switch (name) {
            case "None":
            case "":
                return NONE;
            case "Relu":
                return RELU;
            case "Tanh":
                return TANH;
            case "Sigmoid":
                return SIGMOID;
            case "Clip": {
                float[] p = attributes.has(PARAMS) ? attributes.getFloats(PARAMS) : new float[0];
                if (p.length != 2) {
                    throw new InvalidNodeException(
                            nodeDescription, "fused Clip needs '" + PARAMS + "' [min, max], got " + Arrays.toString(p));
                }
                if (!(p[0] <= p[1])) {
                    throw new InvalidNodeException(
                            nodeDescription, "fused Clip needs min <= max, got [" + p[0] + ", " + p[1] + "]");
                }
                return new FusedActivation(Kind.CLIP, p[0], p[1]);
            }
            default:
                throw new InvalidNodeException(
                        nodeDescription, "unknown fused activation '" + name + "' (None, Relu, Clip, Tanh or Sigmoid)");
        }
    }

    /**
     * @param attributes a node's attributes
     * @return whether they carry a fused activation attribute (even {@code "None"} or a malformed one)
     */
    public static boolean isPresent(Attributes attributes) {
        return attributes.has(ATTRIBUTE);
    }

    /**
     * Writes this activation the way {@link #of} reads it; {@link #NONE} writes nothing.
     *
     * @param attributes the attributes being built
     * @return the same builder
     */
    public Attributes.Builder writeTo(Attributes.Builder attributes) {
        if (kind != Kind.NONE) {
            attributes.put(ATTRIBUTE, kind.attributeValue());
        }
        if (kind == Kind.CLIP) {
            attributes.put(PARAMS, low, high);
        }
        return attributes;
    }

    /**
     * @param attributes the attributes being built
     * @return the same builder without {@value #ATTRIBUTE} and {@value #PARAMS}
     */
    public static Attributes.Builder removeFrom(Attributes.Builder attributes) {
        return attributes.remove(ATTRIBUTE).remove(PARAMS);
    }

    /** @return the kind */
    public Kind kind() {
        return kind;
    }

    /** @return whether this is {@link Kind#NONE} */
    public boolean isNone() {
        return kind == Kind.NONE;
    }

    /** @return whether this is a clamp (None, Relu, Clip): the kinds a quantized output can carry */
    public boolean isClamp() {
        return kind == Kind.NONE || kind == Kind.RELU || kind == Kind.CLIP;
    }

    /** @return the lowest value the activation yields for non-NaN input ({@code -Infinity} for None) */
    public float low() {
        return low;
    }

    /** @return the highest value the activation yields for non-NaN input ({@code +Infinity} for None, Relu) */
    public float high() {
        return high;
    }

    /**
     * @param x a value of the node's float output before the activation
     * @return the activated value; NaN stays NaN
     */
    public double apply(double x) {
        return switch (kind) {
            case NONE -> x;
            case TANH -> Math.tanh(x);
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-x));
            // Math.max and Math.min return NaN for a NaN argument: NaN passes through as in ONNX Relu and Clip
            default -> Math.min(Math.max(x, low), high);
        };
    }

    /**
     * @param x a value of the node's float output before the activation
     * @return the activated value, rounded to float once; NaN stays NaN
     */
    public float apply(float x) {
        return switch (kind) {
            case NONE -> x;
            case TANH, SIGMOID -> (float) apply((double) x);
            default -> Math.min(Math.max(x, low), high);
        };
    }

    /**
     * Applies the activation to {@code values[from, to)} in place.
     *
     * @param values float output values
     * @param from the first index
     * @param to one past the last index
     */
    public void applyInPlace(float[] values, int from, int to) {
        Objects.checkFromToIndex(from, to, values.length);
        switch (kind) {
            case NONE -> {}
            case RELU -> {
                // Math.max has a vector form in C2, a compare-and-select does not
                for (int i = from; i < to; i++) {
                    values[i] = Math.max(values[i], 0f);
                }
            }
            case CLIP -> {
                for (int i = from; i < to; i++) {
                    values[i] = Math.min(Math.max(values[i], low), high);
                }
            }
            default -> {
                for (int i = from; i < to; i++) {
                    values[i] = apply(values[i]);
                }
            }
        }
    }

    /**
     * The clamp range of a quantized output, as TFLite's {@code CalculateActivationRangeQuantized}: each bound is
     * quantized as {@code zero_point + (int) roundf(bound / scale)} (the division in float, halves away from
     * zero), then intersected with the range of the output type.
     *
     * @param node the node, named in errors
     * @param output the output's per-tensor quantization
     * @param typeMin the lowest value of the output type (e.g. -128 for int8)
     * @param typeMax the highest value of the output type
     * @return the clamp range
     * @throws InvalidNodeException naming the node for Tanh or Sigmoid, or a bound that overflows int32
     */
    public ActivationRange quantizedRange(Node node, Quantization output, int typeMin, int typeMax) {
        float scale = output.scale();
        long zeroPoint = output.zeroPoint();
        return switch (kind) {
            case NONE -> new ActivationRange(typeMin, typeMax);
            case RELU -> new ActivationRange(Math.max(typeMin, quantize(node, scale, zeroPoint, 0f)), typeMax);
            case CLIP ->
                new ActivationRange(
                        Math.max(typeMin, quantize(node, scale, zeroPoint, low)),
                        Math.min(typeMax, quantize(node, scale, zeroPoint, high)));
            default ->
                throw new InvalidNodeException(
                        node,
                        "unsupported fused activation '" + kind.attributeValue()
                                + "' on a quantized output (supported: Relu, Clip)");
        };
    }

    /** TFLite kernel_util {@code Quantize}: zp + (int) roundf(f / scale), the division in float. */
    private static int quantize(Node node, float scale, long zeroPoint, float f) {
        float q = roundHalfAway(f / scale);
        if (!(q >= -2147483648f && q <= 2147483647f)) {
            throw new InvalidNodeException(node, "activation bound " + f + " overflows int32 at scale " + scale);
        }
        long v = zeroPoint + (long) q;
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    /** C's {@code roundf}: halves away from zero; computed in double, where x + 0.5 is exact for every float. */
    private static float roundHalfAway(float x) {
        double d = x;
        return (float) (d < 0 ? -Math.floor(-d + 0.5) : Math.floor(d + 0.5));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FusedActivation f
                && f.kind == kind
                && Float.compare(f.low, low) == 0
                && Float.compare(f.high, high) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, low, high);
    }

    @Override
    public String toString() {
        return kind == Kind.CLIP ? "Clip[" + low + ", " + high + "]" : kind.attributeValue();
    }
}
