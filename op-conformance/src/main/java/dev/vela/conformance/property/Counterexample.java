package dev.vela.conformance.property;

/**
 * A failing case: the first one found and what it shrank to.
 *
 * @param caseId where the first failing case came from (replay it with this)
 * @param original the first failing value
 * @param shrunk the smallest failing value found
 * @param originalFailure what the property reported for the original
 * @param failure what the property reported for the shrunk value
 * @param shrinkSteps how many shrink candidates were tried
 * @param shrinksAccepted how many of them failed and were taken
 * @param <T> the value type
 */
public record Counterexample<T>(
        CaseId caseId,
        T original,
        T shrunk,
        Throwable originalFailure,
        Throwable failure,
        int shrinkSteps,
        int shrinksAccepted) {

    /** @return the replay line, e.g. {@code replay: -Dvela.conformance.replay=42:7} */
    public String replayLine() {
        return "replay: " + caseId.replayArgument();
    }
}
