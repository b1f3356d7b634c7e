package dev.vela.runtime.suite;

import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;

/**
 * Compares an actual tensor with an expected one by ONNX's backend-test rule: same dtype and shape, and for
 * floating point {@code |a - e| <= atol + rtol * |e|} with NaN equal to NaN; integers and booleans exactly.
 */
public final class TensorComparison {

    private TensorComparison() {}

    /**
     * @param name the output name, for the message
     * @param expected the expected tensor
     * @param actual the actual tensor
     * @param rtol relative tolerance
     * @param atol absolute tolerance
     * @return null when they match, else a description of the first difference and how many elements differ
     */
    public static String compare(String name, Tensor expected, Tensor actual, double rtol, double atol) {
        if (actual == null) {
            return "output '" + name + "' was not produced";
        }
        if (expected.dataType() != actual.dataType()) {
            return "output '" + name + "' has dtype " + actual.dataType().label() + ", expected "
                    + expected.dataType().label();
        }
        if (!expected.shape().equals(actual.shape())) {
            return "output '" + name + "' has shape " + actual.shape() + ", expected " + expected.shape();
        }
        boolean floating = expected.dataType().isFloatingPoint();
        int n = expected.elementCount();
        int bad = 0;
        int first = -1;
        for (int i = 0; i < n; i++) {
            boolean ok = floating
                    ? close(expected.getDouble(i), actual.getDouble(i), rtol, atol)
                    : expected.getLong(i) == actual.getLong(i);
            if (!ok) {
                if (first < 0) {
                    first = i;
                }
                bad++;
            }
        }
        if (bad == 0) {
            return null;
        }
        return "output '" + name + "' " + expected.dataType().label() + expected.shape() + ": " + bad + " of " + n
                + " elements differ; first at index " + first + ": got " + value(actual, first) + ", expected "
                + value(expected, first) + (floating ? " (rtol " + rtol + ", atol " + atol + ")" : "");
    }

    private static boolean close(double e, double a, double rtol, double atol) {
        if (Double.isNaN(e) || Double.isNaN(a)) {
            return Double.isNaN(e) && Double.isNaN(a);
        }
        if (e == a) {
            return true; // also covers equal infinities
        }
        if (Double.isInfinite(e) || Double.isInfinite(a)) {
            return false; // otherwise inf <= atol + rtol * inf would accept any value, or the wrong sign
        }
        return Math.abs(a - e) <= atol + rtol * Math.abs(e);
    }

    private static String value(Tensor t, int i) {
        if (t.dataType().isFloatingPoint()) {
            return Double.toString(t.getDouble(i));
        }
        return t.dataType() == DataType.UINT64 ? Long.toUnsignedString(t.getLong(i)) : Long.toString(t.getLong(i));
    }
}
