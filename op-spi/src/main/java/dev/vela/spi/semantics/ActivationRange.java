package dev.vela.spi.semantics;

import dev.vela.spi.API;

/**
 * A fused activation as a clamp in the quantized output domain ({@link FusedActivation#quantizedRange}): the
 * lowest and highest value a quantized kernel may write.
 *
 * @param min the lowest quantized output value
 * @param max the highest quantized output value
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public record ActivationRange(int min, int max) {

    /**
     * Clamps like TFLite: max with the lower bound first, then min with the upper, so an empty range (a Clip
     * above what the output type holds) yields the upper bound, never a value outside the type.
     *
     * @param v a quantized value
     * @return it clamped into [min, max]
     */
    public int clamp(int v) {
        return Math.min(max, Math.max(min, v));
    }
}
