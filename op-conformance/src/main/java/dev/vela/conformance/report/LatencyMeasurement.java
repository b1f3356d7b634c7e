package dev.vela.conformance.report;

/**
 * Latency of a kernel on one case, measured after warm-up, with the reference's in the same run.
 *
 * @param caseDescription what was measured (input types)
 * @param runs timed invocations of each kernel
 * @param medianMillis the kernel's median
 * @param p90Millis the kernel's 90th percentile
 * @param referenceMedianMillis the reference kernel's median
 * @param referenceP90Millis the reference kernel's 90th percentile
 * @param budgetMillis the limit the median had to meet
 * @param budgetRule how the limit was derived
 */
public record LatencyMeasurement(
        String caseDescription,
        int runs,
        double medianMillis,
        double p90Millis,
        double referenceMedianMillis,
        double referenceP90Millis,
        double budgetMillis,
        String budgetRule) {

    /** @return whether the median met the budget */
    public boolean withinBudget() {
        return medianMillis <= budgetMillis;
    }
}
