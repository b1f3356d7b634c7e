package dev.vela.fleet;

import java.time.Duration;
import java.util.List;

/**
 * A staged rollout of one model version: download and reload it on a growing percentage of the targeted devices,
 * stage by stage, and stop and roll back every device it switched when a stage fails too often.
 *
 * @param rolloutId names the rollout (and seeds which devices come first, so a rerun picks the same ones)
 * @param model the model
 * @param version the version to roll out
 * @param url where devices download it
 * @param sha256 its SHA-256
 * @param maxBytes its size limit
 * @param selfTestUrl where its self-test vectors are, or null
 * @param signatureUrl where its signature is, or null
 * @param target which devices
 * @param stagePercents cumulative percentages of the target per stage, e.g. 10, 50, 100
 * @param maxFailureRate the largest fraction of a stage that may fail without halting the rollout
 * @param commandTimeout how long to wait for a device's answer (commands are re-sent meanwhile)
 */
public record RolloutPlan(
        String rolloutId,
        String model,
        String version,
        String url,
        String sha256,
        long maxBytes,
        String selfTestUrl,
        String signatureUrl,
        Target target,
        List<Integer> stagePercents,
        double maxFailureRate,
        Duration commandTimeout) {

    /** Validates the stages. */
    public RolloutPlan {
        stagePercents = List.copyOf(stagePercents);
        int last = 0;
        for (int p : stagePercents) {
            if (p <= last || p > 100) {
                throw new IllegalArgumentException("rollout stages must increase within 1..100, got " + stagePercents);
            }
            last = p;
        }
        if (stagePercents.isEmpty()) {
            throw new IllegalArgumentException("a rollout needs at least one stage");
        }
        if (!(maxFailureRate >= 0 && maxFailureRate <= 1)) {
            throw new IllegalArgumentException("max failure rate must be within 0..1, got " + maxFailureRate);
        }
    }
}
