package dev.vela.samples.nativenpu;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;

/**
 * A fused activation ({@code activation} = "Relu" or "Clip" with {@code activation_params} [min,
 * max]) as a clamp in the quantized int8 output domain, computed like TFLite's {@code
 * CalculateActivationRangeQuantized}: bounds quantized in float with round-half-away-from-zero,
 * then intersected with [-128, 127].
 *
 * @param min lowest output value
 * @param max highest output value
 * @since 0.1
 */
record ActivationRange(int min, int max) {

    static ActivationRange of(Node node, Quantization output) {
        String activation = node.attributes().getString("activation", "None");
        float scale = output.scale();
        long zp = output.zeroPoint();
        return switch (activation) {
            case "None", "" -> new ActivationRange(-128, 127);
            case "Relu" -> new ActivationRange(Math.max(-128, quantize(node, scale, zp, 0f)), 127);
            case "Clip" -> {
                float[] p = node.attributes().getFloats("activation_params", new float[0]);
                if (p.length != 2 || !(p[0] <= p[1])) {
                    throw new InvalidNodeException(node, "activation Clip needs activation_params [min, max], got "
                            + java.util.Arrays.toString(p));
                }
                int lo = Math.max(-128, quantize(node, scale, zp, p[0]));
                int hi = Math.min(127, quantize(node, scale, zp, p[1]));
                yield new ActivationRange(lo, hi);
            }
            default -> throw new InvalidNodeException(node, "unsupported fused activation '" + activation
                    + "' (supported: Relu, Clip)");
        };
    }

    /** TFLite {@code Quantize}: zp + (int) roundf(f / scale), the division in float. */
    private static int quantize(Node node, float scale, long zeroPoint, float f) {
        float q = (float) QuantMath.roundHalfAway((double) (f / scale));
        if (!(q >= -2147483648f && q <= 2147483647f)) {
            throw new InvalidNodeException(node, "activation bound " + f + " overflows int32 at scale " + scale);
        }
        long v = zeroPoint + (long) q;
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }
}
