package dev.vela.conformance.property;

import java.util.Optional;

/**
 * The outcome of a property run.
 *
 * @param seed the run's seed
 * @param casesRun cases that passed or failed (not discarded)
 * @param casesDiscarded cases the property did not apply to
 * @param statistics classification labels
 * @param counterexample the failing case, if one was found
 * @param elapsedMillis wall time, shrinking included
 * @param exhausted whether the time budget ended the run before its tries were used
 * @param <T> the value type
 */
public record PropertyResult<T>(
        long seed,
        int casesRun,
        int casesDiscarded,
        Statistics statistics,
        Optional<Counterexample<T>> counterexample,
        long elapsedMillis,
        boolean exhausted) {

    /** @return whether no case failed */
    public boolean passed() {
        return counterexample.isEmpty();
    }
}
