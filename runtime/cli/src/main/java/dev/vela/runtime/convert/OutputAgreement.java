package dev.vela.runtime.convert;

import dev.vela.spi.Quantization;
import dev.vela.spi.Tensor;

/**
 * Accumulates, for one model output over many samples, how far the converted model's values are from the original's:
 * max and mean absolute error, cosine similarity of all values taken as one vector, and for classifiers (last axis of
 * at least two classes) the fraction of rows whose arg-max agrees. Quantized outputs are compared as real values
 * ({@code scale * (q - zero_point)}, per-tensor quantization).
 */
public final class OutputAgreement {

    private final String name;
    private double maxAbs;
    private double sumAbs;
    private long count;
    private double dot;
    private double normExpected;
    private double normActual;
    private long rows;
    private long agreeingRows;
    private boolean classifier = true;

    /** @param name the output's name */
    public OutputAgreement(String name) {
        this.name = name;
    }

    /**
     * Adds one sample.
     *
     * @param expected the original model's output
     * @param actual the converted model's output
     * @throws IllegalArgumentException when the shapes differ
     */
    public void add(Tensor expected, Tensor actual) {
        if (!expected.shape().equals(actual.shape())) {
            throw new IllegalArgumentException("output '" + name + "': shape " + actual.shape() + " after conversion, "
                    + expected.shape() + " before");
        }
        int n = expected.elementCount();
        double[] e = real(expected);
        double[] a = real(actual);
        for (int i = 0; i < n; i++) {
            double d = Math.abs(e[i] - a[i]);
            if (d > maxAbs || Double.isNaN(d) && !(Double.isNaN(e[i]) && Double.isNaN(a[i]))) {
                maxAbs = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
            }
            if (!Double.isNaN(d)) {
                sumAbs += d;
            }
            dot += e[i] * a[i];
            normExpected += e[i] * e[i];
            normActual += a[i] * a[i];
        }
        count += n;
        int rank = expected.shape().rank();
        int classes = rank == 0 ? 0 : expected.shape().dim(rank - 1);
        if (classes < 2 || n == 0) {
            classifier = false;
            return;
        }
        for (int row = 0; row < n / classes; row++) {
            rows++;
            if (argMax(e, row * classes, classes) == argMax(a, row * classes, classes)) {
                agreeingRows++;
            }
        }
    }

    private static double[] real(Tensor t) {
        double[] v = new double[t.elementCount()];
        Quantization q = t.type().quantization().filter(x -> !x.isPerAxis()).orElse(null);
        for (int i = 0; i < v.length; i++) {
            v[i] = q == null ? t.getDouble(i) : q.scale() * (t.getDouble(i) - q.zeroPoint());
        }
        return v;
    }

    private static int argMax(double[] v, int from, int length) {
        int best = from;
        for (int i = from + 1; i < from + length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best - from;
    }

    /** @return the output's name */
    public String name() {
        return name;
    }

    /** @return the largest absolute difference seen (infinite when only one side was NaN) */
    public double maxAbsError() {
        return maxAbs;
    }

    /** @return the mean absolute difference over all values of all samples */
    public double meanAbsError() {
        return count == 0 ? 0 : sumAbs / count;
    }

    /** @return cosine similarity of all values as one vector; 1 when both are all zeros */
    public double cosine() {
        if (normExpected == 0 && normActual == 0) {
            return 1;
        }
        if (normExpected == 0 || normActual == 0) {
            return 0;
        }
        return dot / Math.sqrt(normExpected * normActual);
    }

    /** @return the fraction of rows whose arg-max agrees, or NaN when the output is not a classifier's */
    public double top1Agreement() {
        return classifier && rows > 0 ? (double) agreeingRows / rows : Double.NaN;
    }
}
