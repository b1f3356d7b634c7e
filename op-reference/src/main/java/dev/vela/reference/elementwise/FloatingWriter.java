package dev.vela.reference.elementwise;

import dev.vela.spi.HalfFloats;
import dev.vela.spi.Tensor;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/**
 * Writes double results into a floating-point tensor with a single correct rounding to its element
 * type. Going double to float to half would round twice; rounding to float with round-to-odd first
 * keeps enough information for the final round-to-nearest-even to be exact.
 */
final class FloatingWriter {

    private FloatingWriter() {}

    /**
     * @param t a floating-point tensor
     * @param values its element count of values
     */
    static void put(Tensor t, double[] values) {
        int n = t.elementCount();
        switch (t.dataType()) {
            case FLOAT32 -> {
                FloatBuffer b = t.floats();
                for (int i = 0; i < n; i++) {
                    b.put(i, (float) values[i]);
                }
            }
            case FLOAT64 -> {
                DoubleBuffer b = t.doubles();
                b.put(values, 0, n);
            }
            case FLOAT16 -> {
                ShortBuffer b = t.shorts();
                for (int i = 0; i < n; i++) {
                    b.put(i, HalfFloats.floatToFloat16(roundToOdd(values[i])));
                }
            }
            case BFLOAT16 -> {
                ShortBuffer b = t.shorts();
                for (int i = 0; i < n; i++) {
                    b.put(i, HalfFloats.floatToBfloat16(roundToOdd(values[i])));
                }
            }
            default -> throw new IllegalStateException("not a floating-point tensor: " + t);
        }
    }

    /**
     * Rounds to float, choosing among the two neighbours of an inexact value the one with an odd
     * last mantissa bit (an overflowing finite value becomes the largest float).
     */
    static float roundToOdd(double d) {
        float f = (float) d;
        if (Double.isNaN(d) || (double) f == d) {
            return f;
        }
        if ((Float.floatToRawIntBits(f) & 1) == 0) {
            f = Math.nextAfter(f, d);
        }
        return f;
    }
}
