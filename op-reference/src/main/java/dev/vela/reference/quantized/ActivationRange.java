package dev.vela.reference.quantized;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;

/**
 * A fused activation as a clamp in the quantized output domain, computed like TFLite's
 * {@code CalculateActivationRangeQuantized}: the bounds are quantized with a float division and
 * round-half-away-from-zero, then intersected with the range of the output type.
 *
 * <p>Attributes: {@code activation} = "Relu" or "Clip" (absent or "None": no clamp beyond the
 * type range), {@code activation_params} = [min, max] for Clip (e.g. [0, 6] for RELU6).
 *
 * @param min the lowest quantized output value
 * @param max the highest quantized output value
 */
public record ActivationRange(int min, int max) {

    /**
     * @param node the node with the activation attributes
     * @param output the quantized output type
     * @return the clamp range
     */
    public static ActivationRange of(Node node, TensorType output) {
        int qmin = QuantizedTensors.min(output.dataType());
        int qmax = QuantizedTensors.max(output.dataType());
        String activation = node.attributes().getString("activation", "None");
        float scale = output.quantization().orElseThrow().scale();
        long zp = output.quantization().orElseThrow().zeroPoint();
        switch (activation) {
            case "None", "" -> {
                return new ActivationRange(qmin, qmax);
            }
            case "Relu" -> {
                return new ActivationRange(Math.max(qmin, quantize(node, scale, zp, 0f)), qmax);
            }
            case "Clip" -> {
                float[] p = node.attributes().getFloats("activation_params", new float[0]);
                if (p.length != 2 || !(p[0] <= p[1])) {
                    throw new InvalidNodeException(node, "activation Clip needs activation_params [min, max], got "
                            + java.util.Arrays.toString(p));
                }
                return new ActivationRange(Math.max(qmin, quantize(node, scale, zp, p[0])),
                        Math.min(qmax, quantize(node, scale, zp, p[1])));
            }
            default -> throw new InvalidNodeException(node, "unsupported fused activation '" + activation
                    + "' (supported: Relu, Clip)");
        }
    }

    /** TFLite kernel_util {@code Quantize}: zp + (int) roundf(f / scale), all in float. */
    static int quantize(Node node, float scale, long zeroPoint, float f) {
        float tmp = FixedPoint.round(f / scale);
        if (!(tmp >= -2147483648f && tmp <= 2147483647f)) {
            throw new InvalidNodeException(node, "activation bound " + f + " overflows int32 at scale " + scale);
        }
        long q = zeroPoint + (long) tmp;
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, q));
    }

    /**
     * Clamps like TFLite: max with the lower bound first, then min with the upper, so an empty range
     * (a Clip above what the output type holds) yields the upper bound, never an out-of-range value.
     *
     * @return v clamped into [min, max]
     */
    public int clamp(int v) {
        return Math.min(max, Math.max(min, v));
    }
}
