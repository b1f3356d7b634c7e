package dev.vela.reference.elementwise;

/** Scalar functions the JDK lacks, accurate to within 10 ulps of double (erf checked on a 0.001 grid over [-6, 6]). */
final class SpecialFunctions {

    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double SQRT_PI = 1.7724538509055159;

    private SpecialFunctions() {
    }

    /**
     * The error function. For |x| below 2 it sums the series
     * {@code erf(x) = 2/sqrt(pi) * e^(-x^2) * sum_n (2x^2)^n * x / (1*3*...*(2n+1))}, whose terms are
     * all of x's sign, so nothing cancels; above, {@code 1 - erfc(x)} with erfc from its continued
     * fraction; beyond 6 erf is ±1 to double precision.
     *
     * @param x the argument
     * @return erf(x); NaN for NaN
     */
    static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (Math.abs(x) >= 6) {
            return Math.signum(x);
        }
        if (Math.abs(x) >= 2.0) {
            return Math.signum(x) * (1 - erfcContinuedFraction(Math.abs(x)));
        }
        double twoXSquared = 2 * x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 500 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
            term *= twoXSquared / (2 * n + 1);
            sum += term;
        }
        return TWO_OVER_SQRT_PI * Math.exp(-x * x) * sum;
    }

    /**
     * {@code erfc(x) = e^(-x^2) / sqrt(pi) / (x + (1/2) / (x + 1 / (x + (3/2) / (x + 2 / ...))))},
     * evaluated bottom-up; 60 levels reach double precision for x >= 2.
     */
    private static double erfcContinuedFraction(double x) {
        double f = x;
        for (int k = 60; k >= 1; k--) {
            f = x + (k / 2.0) / f;
        }
        return Math.exp(-x * x) / (SQRT_PI * f);
    }

    /**
     * @param x the argument
     * @return {@code ln(1 + e^x)} without overflow for large x nor loss for very negative x
     */
    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }
}
