package dev.vela.conformance.delegate;

/**
 * A delegate certification failure: the check, what went wrong, and the minimal failing subgraph with the line that
 * replays it ({@link DelegateCertifier#replay}).
 *
 * @param check e.g. {@code numerics}, {@code partition-honesty}, {@code inputs-unchanged}
 * @param message what went wrong, naming the node or output
 * @param minimal the shrunk subgraph that still fails
 */
public record DelegateFinding(String check, String message, SubgraphSpec minimal) {

    /** @return the replay line: {@code replay: seed=... dims=... steps=...} */
    public String replayLine() {
        return "replay: " + minimal.toLine();
    }

    @Override
    public String toString() {
        return check + ": " + message + " (minimal subgraph of "
                + minimal.steps().size() + " step(s); " + replayLine() + ")";
    }
}
