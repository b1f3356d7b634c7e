package dev.vela.conformance.check;

/**
 * What a kernel's median latency must meet: an absolute limit, or a ratio to the reference
 * kernel's median measured in the same run (never below a floor, so tiny cases do not fail on
 * dispatch overhead).
 *
 * @param absoluteMillis a fixed limit; 0 to use the ratio instead
 * @param ratioToReference limit as a multiple of the reference's median
 * @param floorMillis the ratio limit is never below this
 * @param warmups untimed invocations before measuring
 * @param runs timed invocations
 */
public record LatencyBudget(double absoluteMillis, double ratioToReference, double floorMillis, int warmups, int runs) {

    /** At most 10x the reference's median, never below 1 ms; 5 warm-ups, 21 timed runs. */
    public static final LatencyBudget DEFAULT = new LatencyBudget(0, 10, 1, 5, 21);

    /**
     * @param absoluteMillis fixed limit or 0
     * @param ratioToReference ratio, positive
     * @param floorMillis floor, non-negative
     * @param warmups non-negative
     * @param runs positive
     */
    public LatencyBudget {
        if (absoluteMillis < 0 || ratioToReference <= 0 || floorMillis < 0 || warmups < 0 || runs <= 0) {
            throw new IllegalArgumentException("bad latency budget");
        }
    }

    /**
     * @param millis the limit for the median
     * @return an absolute budget with the default warm-up and runs
     */
    public static LatencyBudget absolute(double millis) {
        return new LatencyBudget(millis, DEFAULT.ratioToReference, DEFAULT.floorMillis, DEFAULT.warmups, DEFAULT.runs);
    }

    /**
     * @param ratio the limit as a multiple of the reference's median
     * @param floorMillis the smallest limit
     * @return a relative budget with the default warm-up and runs
     */
    public static LatencyBudget relativeToReference(double ratio, double floorMillis) {
        return new LatencyBudget(0, ratio, floorMillis, DEFAULT.warmups, DEFAULT.runs);
    }

    /**
     * @param referenceMedianMillis the reference's median in this run
     * @return the limit for the kernel's median
     */
    public double limitMillis(double referenceMedianMillis) {
        return absoluteMillis > 0 ? absoluteMillis : Math.max(floorMillis, ratioToReference * referenceMedianMillis);
    }

    /** @return how the limit is derived, for reports */
    public String describe() {
        return absoluteMillis > 0
                ? "absolute " + absoluteMillis + " ms"
                : ratioToReference + "x reference median, at least " + floorMillis + " ms";
    }
}
