package dev.vela.reference.elementwise;

/** Scalar functions the JDK lacks, accurate to within 10 ulps of double (erf checked on a 0.001 grid over [-6, 6]). */
final class SpecialFunctions {

    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double SQRT_PI = 1.7724538509055159;

    private SpecialFunctions() {}

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

    /** Beyond this magnitude x^2 + 1 is x^2 in double, so the inverse hyperbolic functions use log(2|x|). */
    private static final double LARGE = 0x1p28;

    private static final double LN2 = 0.6931471805599453;

    /**
     * @param x the argument
     * @return the inverse hyperbolic sine, without cancellation near 0 nor overflow for large |x|
     */
    static double asinh(double x) {
        double a = Math.abs(x);
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        double r = a > LARGE ? Math.log(a) + LN2 : Math.log1p(a + a * a / (1 + Math.sqrt(1 + a * a)));
        return Math.copySign(r, x);
    }

    /**
     * @param x the argument
     * @return the inverse hyperbolic cosine; NaN below 1
     */
    static double acosh(double x) {
        if (!(x >= 1)) {
            return Double.NaN;
        }
        if (x > LARGE) {
            return Double.isInfinite(x) ? x : Math.log(x) + LN2;
        }
        double t = x - 1;
        return Math.log1p(t + Math.sqrt(t * (t + 2)));
    }

    /**
     * @param x the argument
     * @return the inverse hyperbolic tangent; ±Inf at ±1, NaN outside [-1, 1]
     */
    static double atanh(double x) {
        double a = Math.abs(x);
        if (!(a <= 1)) {
            return Double.NaN;
        }
        return Math.copySign(0.5 * Math.log1p(2 * a / (1 - a)), x);
    }
}
