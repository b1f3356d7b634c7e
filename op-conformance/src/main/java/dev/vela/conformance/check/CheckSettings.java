package dev.vela.conformance.check;

import dev.vela.conformance.property.Budget;
import dev.vela.conformance.property.CaseId;
import java.util.Optional;

/**
 * Run-wide settings every check reads.
 *
 * @param seed the run's seed
 * @param budget tries, time and shrink budget per check
 * @param replay a single case to replay instead of a run, if asked
 * @param latencyBudget what latency must meet
 * @param threads threads invoking a kernel at once in the concurrency check
 * @param concurrencyTries cases the concurrency check tries at most (it is the slowest per case)
 */
public record CheckSettings(
        long seed,
        Budget budget,
        Optional<CaseId> replay,
        LatencyBudget latencyBudget,
        int threads,
        int concurrencyTries) {}
