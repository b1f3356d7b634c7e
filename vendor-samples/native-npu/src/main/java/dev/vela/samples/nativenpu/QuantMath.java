package dev.vela.samples.nativenpu;

import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.semantics.ActivationRange;
import dev.vela.spi.semantics.FusedActivation;

/**
 * The real-to-fixed-point conversions TFLite's Prepare functions do, on the Java side: the native
 * kernels receive only the resulting integers.
 *
 * @since 0.1
 */
final class QuantMath {

    private QuantMath() {}

    /**
     * The node's fused activation as a clamp of its int8 output, as TFLite's
     * {@code CalculateActivationRangeQuantized} computes it ({@link FusedActivation#quantizedRange}).
     *
     * <p>A Clip whose bounds quantize outside the type can leave the range empty (min above 127, or max
     * below -128). TFLite then stores {@code (int8) min(max(acc, min), max)}, which is {@code (int8) max}
     * for every accumulator: the empty range is returned as that one value twice, so every kernel's
     * clamp (32-bit lanes, byte lanes, saturating packs alike) yields it without a case of its own.
     *
     * @param node the node, named in errors
     * @param output the output quantization
     * @return the clamp range within [-128, 127]
     */
    static ActivationRange int8ActivationRange(Node node, Quantization output) {
        ActivationRange range = FusedActivation.of(node).quantizedRange(node, output, -128, 127);
        if (range.min() <= range.max()) {
            return range;
        }
        int only = (byte) range.max();
        return new ActivationRange(only, only);
    }

    /**
     * TFLite {@code QuantizeMultiplier}: {@code real ~= multiplier * 2^(shift - 31)} with the
     * multiplier in [2^30, 2^31), from frexp, rounding half away from zero; tiny values flush to 0.
     *
     * @param real a non-negative real multiplier
     * @return {multiplier, shift} (shift positive means a left shift)
     */
    static int[] quantizeMultiplier(double real) {
        if (real == 0.0) {
            return new int[] {0, 0};
        }
        int shift = frexpExponent(real);
        double fraction = real / Math.scalb(1.0, shift);
        long q = (long) roundHalfAway(fraction * (1L << 31));
        if (q == (1L << 31)) {
            q /= 2;
            shift++;
        }
        if (shift < -31) {
            return new int[] {0, 0};
        }
        return new int[] {(int) q, shift};
    }

    /** The exponent e of C's {@code frexp}: x = f * 2^e with |f| in [0.5, 1). */
    static int frexpExponent(double x) {
        double a = Math.abs(x);
        if (a < Double.MIN_NORMAL) {
            return frexpExponent(a * 0x1p64) - 64;
        }
        return Math.getExponent(a) + 1;
    }

    /** C's {@code std::round}: halves away from zero. */
    static double roundHalfAway(double x) {
        return x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5);
    }
}
