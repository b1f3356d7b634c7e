package dev.vela.runtime.quantize;

import dev.vela.spi.Tensor;

/**
 * What calibration records about one float value over all samples: its minimum and maximum and, once those are
 * known, a histogram over [min, max] from which a percentile range is read. Percentile ranges clip rare outliers
 * so that the common values get a finer scale.
 */
public final class ValueRange {

    /** Bins of the histogram: fine enough for a 1e-4 tail on a few samples. */
    static final int BINS = 2048;

    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private long[] histogram;
    private long count;

    /** @param t the value in one sample; widens min and max */
    public void observe(Tensor t) {
        int n = t.elementCount();
        for (int i = 0; i < n; i++) {
            double v = t.getDouble(i);
            if (Double.isFinite(v)) {
                if (v < min) {
                    min = v;
                }
                if (v > max) {
                    max = v;
                }
            }
        }
    }

    /** @param values real values of one sample; widens min and max */
    public void observe(double... values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
    }

    /** @param t the value in one sample, counted into the histogram over the final [min, max] */
    public void histogram(Tensor t) {
        int n = t.elementCount();
        for (int i = 0; i < n; i++) {
            addToHistogram(t.getDouble(i));
        }
    }

    /** @param values real values of one sample, counted into the histogram over the final [min, max] */
    public void histogram(double... values) {
        for (double v : values) {
            addToHistogram(v);
        }
    }

    private void addToHistogram(double v) {
        if (!hasRange()) {
            throw new IllegalStateException("histogram before any min/max observation");
        }
        if (histogram == null) {
            histogram = new long[BINS];
        }
        if (!Double.isFinite(v)) {
            return;
        }
        double width = max - min;
        int bin = width <= 0 ? 0 : (int) Math.min(BINS - 1, Math.max(0, (v - min) / width * BINS));
        histogram[bin]++;
        count++;
    }

    /** @return whether any finite value was observed */
    public boolean hasRange() {
        return min <= max;
    }

    /** @return the smallest value seen */
    public double min() {
        return min;
    }

    /** @return the largest value seen */
    public double max() {
        return max;
    }

    /**
     * The central range holding {@code percentile}% of the values: the lower bound is the edge of the bin where the
     * cumulative count first exceeds {@code (100 - percentile)}% of all values, the upper one where it reaches
     * {@code percentile}%. Without a histogram, [min, max].
     *
     * @param percentile in (50, 100]
     * @return {lower, upper}
     */
    public double[] percentileRange(double percentile) {
        if (!(percentile > 50 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (50, 100], got " + percentile);
        }
        if (histogram == null || count == 0 || percentile == 100) {
            return new double[] {min, max};
        }
        double width = (max - min) / BINS;
        double tail = count * (100 - percentile) / 100;
        long seen = 0;
        int lowBin = 0;
        while (lowBin < BINS - 1 && seen + histogram[lowBin] <= tail) {
            seen += histogram[lowBin++];
        }
        seen = 0;
        int highBin = BINS - 1;
        while (highBin > 0 && seen + histogram[highBin] <= tail) {
            seen += histogram[highBin--];
        }
        double lo = min + lowBin * width;
        double hi = min + (highBin + 1) * width;
        return new double[] {Math.max(min, lo), Math.min(max, Math.max(lo, hi))};
    }
}
