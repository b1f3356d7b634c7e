package dev.vela.fleet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where every targeted device ended up after a rollout.
 *
 * @param plan the rollout
 * @param outcomes per device, in rollout order
 * @param halted why the rollout stopped early, or null when it ran every stage
 */
public record RolloutReport(RolloutPlan plan, Map<String, Outcome> outcomes, String halted) {

    /** Copies. */
    public RolloutReport {
        outcomes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    }

    /** What happened to one device. */
    public enum Status {
        /** Runs the new version. */
        UPDATED,
        /** The download or reload failed on the device; it still runs what it ran. */
        FAILED,
        /** Updated, then switched back because the rollout halted. */
        ROLLED_BACK,
        /** The device did not answer in time. */
        UNREACHABLE,
        /** Not reached: the rollout halted before its stage. */
        NOT_TARGETED
    }

    /**
     * @param stage the stage (1-based) that reached the device, 0 if none
     * @param status what happened
     * @param version the version its apps run at the end, as far as the controller knows
     * @param reason the device's reason for a failure, or what was done
     */
    public record Outcome(int stage, Status status, String version, String reason) {}

    /**
     * @param status a status
     * @return how many devices ended with it
     */
    public long count(Status status) {
        return outcomes.values().stream().filter(o -> o.status() == status).count();
    }

    /** @return a table: one line per device, then totals */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("rollout ")
                .append(plan.rolloutId())
                .append(": ")
                .append(plan.model())
                .append(" -> ")
                .append(plan.version())
                .append(" on ")
                .append(plan.target())
                .append(", stages ")
                .append(plan.stagePercents())
                .append("%\n");
        sb.append(String.format("%-14s %5s  %-12s %-8s %s%n", "device", "stage", "outcome", "version", "reason"));
        outcomes.forEach((d, o) -> sb.append(String.format(
                "%-14s %5s  %-12s %-8s %s%n",
                d, o.stage() == 0 ? "-" : Integer.toString(o.stage()), o.status(), o.version(), o.reason())));
        sb.append("totals:");
        for (Status s : Status.values()) {
            sb.append(' ').append(s).append('=').append(count(s));
        }
        sb.append('\n');
        if (halted != null) {
            sb.append("HALTED: ").append(halted).append('\n');
        }
        return sb.toString();
    }
}
