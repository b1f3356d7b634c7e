package dev.vela.reference.quantized;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import dev.vela.spi.semantics.ActivationRange;
import dev.vela.spi.semantics.FusedActivation;
import dev.vela.spi.semantics.OutputQuantization;
import java.util.EnumSet;
import java.util.Set;

/**
 * Quantization parameters of a node's inputs and outputs, validated with errors that name the node.
 *
 * <p>The quantization of a quantized output comes from the graph: {@link
 * Node#outputQuantization(int)} and {@link Node#outputDataType(int)} (TFLite models declare both),
 * or, for nodes built without them, the attributes {@value #OUTPUT_SCALE} (float),
 * {@value #OUTPUT_ZERO_POINT} (int, default 0) and optionally {@value #OUTPUT_DTYPE} (a data type
 * label, default: the activation type of input 0).
 */
public final class QuantizedTensors {

    /** Attribute holding the output scale. */
    public static final String OUTPUT_SCALE = OutputQuantization.SCALE;
    /** Attribute holding the output zero point. */
    public static final String OUTPUT_ZERO_POINT = OutputQuantization.ZERO_POINT;
    /** Attribute holding the output element type label. */
    public static final String OUTPUT_DTYPE = "output_dtype";

    /** The activation types the quantized kernels claim. */
    public static final Set<DataType> ACTIVATION_TYPES = EnumSet.of(DataType.INT8, DataType.UINT8, DataType.INT16);

    private QuantizedTensors() {}

    /**
     * Requires input {@code index} to be a quantized int8/uint8/int16 tensor (refusing float with a
     * message pointing at the float kernel).
     *
     * @return its type
     */
    public static TensorType activation(Node node, int index, Set<DataType> allowed) {
        TensorType t = node.inputType(index);
        if (t.dataType().isFloatingPoint()) {
            throw new InvalidNodeException(
                    node,
                    "input " + index + " is " + t.dataType().label() + ": the quantized kernel takes " + labels(allowed)
                            + " only (float goes to the float kernel)");
        }
        if (!allowed.contains(t.dataType())) {
            throw new InvalidNodeException(
                    node,
                    "input " + index + " has type " + t.dataType().label() + ", the quantized kernel supports "
                            + labels(allowed));
        }
        if (!t.isQuantized()) {
            throw new InvalidNodeException(node, "input " + index + " (" + t + ") has no quantization parameters");
        }
        return t;
    }

    /** @return the per-tensor quantization of input {@code index}, or an error naming the node */
    public static Quantization perTensor(Node node, int index) {
        TensorType t = node.inputType(index);
        Quantization q = t.quantization()
                .orElseThrow(() -> new InvalidNodeException(
                        node, "input " + index + " (" + t + ") has no quantization parameters"));
        if (q.isPerAxis() && q.count() != 1) {
            throw new InvalidNodeException(node, "input " + index + " must be quantized per tensor, got " + q);
        }
        return q;
    }

    /**
     * The output type from the output quantization attributes.
     *
     * @param node the node
     * @param defaultType element type when {@value #OUTPUT_DTYPE} is absent
     * @param shape the inferred shape
     * @return the quantized type
     */
    public static TensorType output(Node node, DataType defaultType, Shape shape) {
        if (!hasDeclaredOutput(node)) {
            throw new InvalidNodeException(
                    node, "quantized output needs attribute '" + OUTPUT_SCALE + "' (and '" + OUTPUT_ZERO_POINT + "')");
        }
        return TensorType.quantized(outputDataType(node, defaultType), shape, outputQuantization(node));
    }

    /**
     * The output type from the attributes when present, else {@code fallback}'s quantization and type
     * (for ops whose output usually keeps the input parameters).
     */
    public static TensorType outputOrSame(Node node, TensorType fallback, Shape shape) {
        if (!hasDeclaredOutput(node)) {
            return fallback.withShape(shape);
        }
        return TensorType.quantized(outputDataType(node, fallback.dataType()), shape, outputQuantization(node));
    }

    /**
     * The {@value #OUTPUT_DTYPE} attribute: a data type label (string), or an ONNX TensorProto
     * data type number (int, as ONNX QuantizeLinear's own {@code output_dtype}); 0 or absent means
     * {@code defaultType}.
     */
    static DataType outputDataType(Node node, DataType defaultType) {
        if (node.outputDataType(0).isPresent()) {
            return node.outputDataType(0).get();
        }
        if (!node.attributes().has(OUTPUT_DTYPE)) {
            return defaultType;
        }
        DataType t;
        if (node.attributes().typeOf(OUTPUT_DTYPE) == dev.vela.spi.AttributeType.INT) {
            long code = node.attributes().getLong(OUTPUT_DTYPE);
            t = switch ((int) code) {
                case 0 -> defaultType;
                case 2 -> DataType.UINT8;
                case 3 -> DataType.INT8;
                case 4 -> DataType.UINT16;
                case 5 -> DataType.INT16;
                default ->
                    throw new InvalidNodeException(
                            node,
                            "attribute '" + OUTPUT_DTYPE + "' = " + code
                                    + " is not a supported quantized type (2 uint8, 3 int8, 4 uint16, 5 int16)");
            };
        } else {
            String label = node.attributes().getString(OUTPUT_DTYPE);
            try {
                t = DataType.fromLabel(label);
            } catch (IllegalArgumentException e) {
                throw new InvalidNodeException(node, e.getMessage());
            }
        }
        if (!ACTIVATION_TYPES.contains(t) && t != DataType.UINT16 && t != DataType.INT32) {
            throw new InvalidNodeException(
                    node,
                    "attribute '" + OUTPUT_DTYPE + "' must be one of " + labels(ACTIVATION_TYPES)
                            + ", uint16 or int32, got " + t.label());
        }
        return t;
    }

    /** @return whether the graph (or the output attributes) fixes the quantization of output 0 */
    public static boolean hasDeclaredOutput(Node node) {
        return OutputQuantization.isDeclared(node);
    }

    private static Quantization outputQuantization(Node node) {
        return OutputQuantization.declared(node)
                .orElseThrow(() -> new InvalidNodeException(
                        node,
                        "quantized output needs attribute '" + OUTPUT_SCALE + "' (and '" + OUTPUT_ZERO_POINT + "')"));
    }

    /**
     * The node's fused activation as a clamp of its quantized output: {@link FusedActivation#quantizedRange}
     * within the range of the output type.
     *
     * @param node the node with the activation attributes
     * @param output the quantized output type
     * @return the clamp range
     */
    public static ActivationRange activationRange(Node node, TensorType output) {
        int qmin = min(output.dataType());
        int qmax = max(output.dataType());
        return FusedActivation.of(node)
                .quantizedRange(node, output.quantization().orElseThrow(), qmin, qmax);
    }

    /** @return the smallest value of an integer type as used by the quantized kernels */
    public static int min(DataType t) {
        return switch (t) {
            case INT4 -> -8;
            case UINT4 -> 0;
            case INT8 -> -128;
            case UINT8 -> 0;
            case INT16 -> -32768;
            case UINT16 -> 0;
            case INT32 -> Integer.MIN_VALUE;
            default -> throw new IllegalArgumentException("not a quantized type: " + t);
        };
    }

    /** @return the largest value of an integer type as used by the quantized kernels */
    public static int max(DataType t) {
        return switch (t) {
            case INT4 -> 7;
            case UINT4 -> 15;
            case INT8 -> 127;
            case UINT8 -> 255;
            case INT16 -> 32767;
            case UINT16 -> 65535;
            case INT32 -> Integer.MAX_VALUE;
            default -> throw new IllegalArgumentException("not a quantized type: " + t);
        };
    }

    /** Requires a zero point inside the range of its type. */
    public static void checkZeroPoint(Node node, String what, long zp, DataType t) {
        if (zp < min(t) || zp > max(t)) {
            throw new InvalidNodeException(node, what + " zero point " + zp + " is outside the range of " + t.label());
        }
    }

    static String labels(Set<DataType> types) {
        return types.stream().map(DataType::label).sorted().toList().toString();
    }
}
