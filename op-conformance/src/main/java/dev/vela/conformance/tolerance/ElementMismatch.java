package dev.vela.conformance.tolerance;

import java.util.Arrays;

/**
 * One element outside the tolerance.
 *
 * @param index row-major element index
 * @param coordinates the index as coordinates in the tensor's shape
 * @param actual the value under test
 * @param expected the reference value
 * @param absoluteError {@code |actual - expected|} (NaN or infinite for special values)
 * @param relativeError absolute error over {@code |expected|} (infinite when expected is 0)
 * @param allowed the largest absolute error allowed at this element
 */
public record ElementMismatch(
        int index,
        int[] coordinates,
        double actual,
        double expected,
        double absoluteError,
        double relativeError,
        double allowed) {

    /** @return how far outside the tolerance the element is (infinite for NaN/Inf mismatches) */
    public double severity() {
        if (Double.isNaN(absoluteError) || Double.isInfinite(absoluteError)) {
            return Double.POSITIVE_INFINITY;
        }
        return allowed > 0 ? absoluteError / allowed : (absoluteError > 0 ? Double.MAX_VALUE : 0);
    }

    /** @return e.g. {@code [0, 2, 1]} */
    public String coordinatesText() {
        return Arrays.toString(coordinates);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ElementMismatch m
                && m.index == index
                && Arrays.equals(m.coordinates, coordinates)
                && Double.compare(m.actual, actual) == 0
                && Double.compare(m.expected, expected) == 0;
    }

    @Override
    public int hashCode() {
        return index;
    }

    @Override
    public String toString() {
        return String.format(
                java.util.Locale.ROOT,
                "at %s actual %s expected %s abs err %s rel err %s allowed %s",
                coordinatesText(),
                fmt(actual),
                fmt(expected),
                fmt(absoluteError),
                fmt(relativeError),
                fmt(allowed));
    }

    static String fmt(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(java.util.Locale.ROOT, "%.9g", v);
    }
}
