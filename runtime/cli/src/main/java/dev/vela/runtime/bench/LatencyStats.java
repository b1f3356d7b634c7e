package dev.vela.runtime.bench;

import java.util.Arrays;

/**
 * Percentiles of a set of run times.
 *
 * @param p50 median, in milliseconds
 * @param p90 90th percentile, in milliseconds
 * @param p99 99th percentile, in milliseconds
 * @param mean arithmetic mean, in milliseconds
 * @param min fastest run, in milliseconds
 * @param max slowest run, in milliseconds
 */
public record LatencyStats(double p50, double p90, double p99, double mean, double min, double max) {

    /**
     * Nearest-rank percentiles (the value of a real run, never an interpolation between two).
     *
     * @param nanos one wall time per run, in nanoseconds; at least one
     * @return the statistics in milliseconds
     */
    public static LatencyStats of(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no runs to summarize");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long n : sorted) {
            sum += n;
        }
        return new LatencyStats(
                ms(rank(sorted, 50)),
                ms(rank(sorted, 90)),
                ms(rank(sorted, 99)),
                sum / sorted.length / 1e6,
                ms(sorted[0]),
                ms(sorted[sorted.length - 1]));
    }

    private static long rank(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
