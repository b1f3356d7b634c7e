package dev.vela.conformance.tolerance;

import dev.vela.spi.DataType;

/**
 * How close an actual element must be to the reference's for one (operator, data type).
 * Floating types: {@code |a - e| <= atol + rtol' * |e|} with {@code rtol' = max(rtol, reductionEpsFactor * eps * sqrt(K))}
 * for reductions over K terms. Integer types: {@code |a - e| <= maxDiff}.
 *
 * @param dataType the element type
 * @param atol absolute tolerance (floating types)
 * @param rtol relative tolerance (floating types)
 * @param reductionEpsFactor factor of {@code eps * sqrt(K)} that widens rtol for reductions
 * @param maxDiff largest integer difference (integer types)
 */
public record ToleranceRule(DataType dataType, double atol, double rtol, double reductionEpsFactor, long maxDiff) {

    /** @return whether the rule demands identical values */
    public boolean isExact() {
        return dataType.isFloatingPoint() ? atol == 0 && rtol == 0 : maxDiff == 0;
    }

    /**
     * @param reductionSize K, the number of terms each output element sums (1 for elementwise ops)
     * @return the relative tolerance for that K
     */
    public double rtolFor(int reductionSize) {
        if (reductionSize <= 1) {
            return rtol;
        }
        return Math.max(rtol, reductionEpsFactor * epsilon(dataType) * Math.sqrt(reductionSize));
    }

    /**
     * @param expected the reference value (finite)
     * @param reductionSize K
     * @return the largest absolute error allowed there
     */
    public double allowed(double expected, int reductionSize) {
        return atol + rtolFor(reductionSize) * Math.abs(expected);
    }

    /**
     * The allowance of a sum whose terms cancel: the rounding error of accumulating K terms grows with the sum of
     * their magnitudes, not with the result, so a result near 0 from large terms (e.g. 28 * 14 - 32 * 98 + ...)
     * carries an error far above {@code rtol * |expected|} in any precision below the reference's.
     *
     * @param expected the reference value (finite)
     * @param reductionSize K
     * @param magnitude the sum of the terms' magnitudes for this element (NaN or 0 when unknown)
     * @return {@link #allowed(double, int)}, or {@code atol + reductionEpsFactor * eps * sqrt(K) * magnitude} when larger
     */
    public double allowed(double expected, int reductionSize, double magnitude) {
        double plain = allowed(expected, reductionSize);
        if (!(magnitude > 0) || Double.isInfinite(magnitude) || reductionSize <= 1) {
            return plain;
        }
        return Math.max(plain, atol + reductionEpsFactor * epsilon(dataType) * Math.sqrt(reductionSize) * magnitude);
    }

    /**
     * @param type a floating type
     * @return its machine epsilon (distance from 1 to the next value)
     */
    static double epsilon(DataType type) {
        return switch (type) {
            case FLOAT16 -> 0x1p-10;
            case BFLOAT16 -> 0x1p-7;
            case FLOAT64 -> Math.ulp(1.0);
            default -> Math.ulp(1.0f);
        };
    }

    @Override
    public String toString() {
        if (dataType.isFloatingPoint()) {
            return dataType.label() + ": atol " + atol + ", rtol " + rtol + " (reductions: max(rtol, "
                    + reductionEpsFactor + "*eps*sqrt(K)), or " + reductionEpsFactor
                    + "*eps*sqrt(K) of the terms' magnitudes where they cancel)";
        }
        return dataType.label() + ": " + (maxDiff == 0 ? "bit-exact" : "|diff| <= " + maxDiff);
    }
}
