package dev.vela.conformance.report;

import java.util.Map;
import java.util.Optional;

/**
 * One check on one claim.
 *
 * @param checkId short id, e.g. {@code numerics}
 * @param title what the check verifies
 * @param status the verdict
 * @param casesRun cases checked
 * @param casesDiscarded cases that did not apply (declined by {@code supports()}, ...)
 * @param labels classification of the cases run
 * @param message a one-line summary (the reason for SKIPPED or ERROR, the failure's first line for FAILED)
 * @param failure the shrunk failing case, for FAILED results of generated cases
 * @param latency the measurement, for the latency check
 * @param durationMillis wall time of the check
 */
public record CheckResult(
        String checkId,
        String title,
        CheckStatus status,
        int casesRun,
        int casesDiscarded,
        Map<String, Integer> labels,
        String message,
        Optional<FailureCase> failure,
        Optional<LatencyMeasurement> latency,
        long durationMillis) {

    /**
     * @param checkId short id
     * @param title what the check verifies
     * @param status the verdict
     * @param casesRun cases checked
     * @param casesDiscarded cases that did not apply
     * @param labels classification of the cases run
     * @param message a one-line summary
     * @param failure the shrunk failing case
     * @param latency the measurement
     * @param durationMillis wall time
     */
    public CheckResult {
        labels = Map.copyOf(labels);
    }

    /**
     * @param checkId short id
     * @param title what the check verifies
     * @param reason why it did not apply
     * @return a SKIPPED result
     */
    public static CheckResult skipped(String checkId, String title, String reason) {
        return new CheckResult(
                checkId, title, CheckStatus.SKIPPED, 0, 0, Map.of(), reason, Optional.empty(), Optional.empty(), 0);
    }

    /**
     * @param checkId short id
     * @param title what the check verifies
     * @param error what went wrong in the check itself
     * @param durationMillis wall time
     * @return an ERROR result
     */
    public static CheckResult error(String checkId, String title, Throwable error, long durationMillis) {
        return new CheckResult(
                checkId,
                title,
                CheckStatus.ERROR,
                0,
                0,
                Map.of(),
                String.valueOf(error),
                Optional.empty(),
                Optional.empty(),
                durationMillis);
    }

    /** @return the full text a test failure shows: summary, shrunk case, replay line, latency */
    public String details() {
        StringBuilder sb = new StringBuilder(message);
        failure.ifPresent(f -> {
            sb.append("\n\n").append(f.message());
            sb.append("\n\nminimal failing case (")
                    .append(f.shrunkSize())
                    .append(", after ")
                    .append(f.shrinkSteps())
                    .append(" shrink steps):\n")
                    .append(f.caseDescription());
            sb.append("\n\nfirst failing case (")
                    .append(f.originalSize())
                    .append("):\n")
                    .append(f.originalDescription());
            sb.append("\n\n").append(f.replay());
        });
        latency.ifPresent(l -> sb.append(String.format(
                java.util.Locale.ROOT,
                "%nmedian %.3f ms, p90 %.3f ms; reference median %.3f ms, p90 %.3f ms; budget %.3f ms (%s); %d runs on %s",
                l.medianMillis(),
                l.p90Millis(),
                l.referenceMedianMillis(),
                l.referenceP90Millis(),
                l.budgetMillis(),
                l.budgetRule(),
                l.runs(),
                l.caseDescription())));
        return sb.toString();
    }
}
