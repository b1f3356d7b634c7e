package dev.vela.samples.javacpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.vela.spi.Tensor;

/**
 * The float32 tolerance policy of docs/architecture.md: {@code |a - e| <= atol + rtol * |e|}, atol 1e-5,
 * rtol 1e-4, widened for reductions over K terms to {@code max(1e-4, 10 * eps * sqrt(K))}; NaN where
 * the expectation has NaN, infinities exactly.
 */
final class Tolerance {

    static final double ATOL = 1e-5;
    private static final double EPS = Math.ulp(1.0f);

    private Tolerance() {}

    /** @return the relative tolerance for a reduction over {@code k} terms */
    static double rtol(int k) {
        return Math.max(1e-4, 10 * EPS * Math.sqrt(Math.max(1, k)));
    }

    /** Asserts every element is within the policy for a reduction over {@code k} terms (1 for element-wise ops). */
    static void assertClose(Tensor actual, double[] expected, int k, String what) {
        assertThat(actual.elementCount()).as(what + ": element count").isEqualTo(expected.length);
        double rtol = rtol(k);
        for (int i = 0; i < expected.length; i++) {
            double a = actual.getDouble(i);
            double e = expected[i];
            if (Double.isNaN(e) || Double.isInfinite(e)) {
                if (Double.compare(a, e) != 0 && !(Double.isNaN(a) && Double.isNaN(e))) {
                    fail(what + ": element " + i + " is " + a + ", expected " + e);
                }
                continue;
            }
            if (!(Math.abs(a - e) <= ATOL + rtol * Math.abs(e))) {
                fail(what + ": element " + i + " is " + a + ", expected " + e + " (|diff| " + Math.abs(a - e) + ")");
            }
        }
    }

    /** Asserts two tensors hold bitwise identical values. */
    static void assertIdentical(Tensor a, Tensor b, String what) {
        assertThat(a.toByteArray()).as(what).isEqualTo(b.toByteArray());
    }

    /** @return the tensor's values as doubles */
    static double[] values(Tensor t) {
        double[] v = new double[t.elementCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = t.getDouble(i);
        }
        return v;
    }
}
