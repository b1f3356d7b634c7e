package dev.vela.runtime.debug;

/**
 * When two values count as equal in {@code vela diff}. The default is the conformance kit's tolerance policy for
 * float32 and integers (its versioned policy file, {@code tolerance-policy.properties} of op-conformance: atol 1e-5,
 * rtol 1e-4, integers bit-exact), so "diverges" means what a certification failure would mean; the runtime does not
 * depend on the kit, hence the numbers are restated here and a test keeps the two in step.
 *
 * @param atol absolute tolerance for floating-point elements
 * @param rtol relative tolerance for floating-point elements: {@code |a - e| <= atol + rtol * |e|}
 * @param integerSteps how many integer steps (quantization steps for quantized values) an element may differ by
 */
public record DiffTolerance(double atol, double rtol, long integerSteps) {

    /** The kit's float32 and integer policy. */
    public static final DiffTolerance POLICY = new DiffTolerance(1e-5, 1e-4, 0);

    /** Checks the figures are usable. */
    public DiffTolerance {
        if (!(atol >= 0) || !(rtol >= 0) || integerSteps < 0) {
            throw new IllegalArgumentException("tolerances must be finite and not negative: atol " + atol + ", rtol "
                    + rtol + ", integer steps " + integerSteps);
        }
    }

    /**
     * @param actual the subject's element
     * @param expected the baseline's element
     * @return whether a floating-point element is within tolerance (NaN where the baseline has NaN; infinities exactly)
     */
    boolean floatsAgree(double actual, double expected) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return actual == expected;
        }
        return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
    }
}
