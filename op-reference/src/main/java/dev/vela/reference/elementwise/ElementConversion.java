package dev.vela.reference.elementwise;

import dev.vela.reference.support.Elements;
import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;

/**
 * Converts every element of a tensor to another element type, as ONNX Cast (numpy {@code astype})
 * does for the types the SPI knows:
 * <ul>
 *   <li>floating to floating: one correct rounding to nearest even (NaN and ±Inf kept);</li>
 *   <li>floating to integer: truncation toward zero, then the low bits of the target width (out of
 *       range values are undefined in ONNX; NaN becomes 0);</li>
 *   <li>integer to integer: the low bits of the target width (two's complement wrap);</li>
 *   <li>to bool: non-zero (and NaN) is true; from bool: 0 or 1;</li>
 *   <li>integer to floating: the nearest value (uint64 read unsigned).</li>
 * </ul>
 */
final class ElementConversion {

    private static final double TWO_TO_63 = 0x1p63;

    private ElementConversion() {}

    /**
     * @param in the source
     * @param out the destination, with the same element count
     */
    static void convert(Tensor in, Tensor out) {
        DataType from = in.dataType();
        DataType to = out.dataType();
        int n = in.elementCount();
        if (from.isFloatingPoint()) {
            double[] v = Elements.doubles(in);
            if (to.isFloatingPoint()) {
                FloatingWriter.put(out, v);
                return;
            }
            long[] l = new long[n];
            for (int i = 0; i < n; i++) {
                l[i] = to == DataType.BOOL ? (v[i] != 0 ? 1 : 0) : truncate(v[i]);
            }
            Elements.putLongs(out, l);
            return;
        }
        long[] v = Elements.longs(in);
        if (!to.isFloatingPoint()) {
            Elements.putLongs(out, v); // wraps to the width; bool keeps non-zero as 1
            return;
        }
        boolean unsigned64 = from == DataType.UINT64;
        if (to == DataType.FLOAT32) {
            var b = out.floats();
            for (int i = 0; i < n; i++) {
                b.put(i, unsigned64 ? unsignedToFloat(v[i]) : (float) v[i]);
            }
            return;
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = unsigned64 ? unsignedToDouble(v[i]) : (double) v[i];
        }
        FloatingWriter.put(out, d);
    }

    /** Truncates toward zero to 64 bits; values in [2^63, 2^64) keep their unsigned bits for uint64. */
    static long truncate(double v) {
        if (v >= TWO_TO_63) {
            return (long) (v - TWO_TO_63) + Long.MIN_VALUE;
        }
        return (long) v;
    }

    /** The nearest double to the unsigned value of {@code bits}. */
    static double unsignedToDouble(long bits) {
        if (bits >= 0) {
            return bits;
        }
        // halve keeping the lost bit as a sticky bit, so the single rounding stays correct
        return ((double) ((bits >>> 1) | (bits & 1))) * 2.0;
    }

    /** The nearest float to the unsigned value of {@code bits}. */
    static float unsignedToFloat(long bits) {
        if (bits >= 0) {
            return bits;
        }
        return ((float) ((bits >>> 1) | (bits & 1))) * 2.0f;
    }
}
