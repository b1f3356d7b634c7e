package dev.vela.conformance.delegate;

/**
 * A delegate certification failure: the check, what went wrong, and the minimal failing subgraph (generated, or cut
 * from a real model) with the line that replays it ({@link DelegateCertifier#replay}).
 *
 * @param check e.g. {@code numerics}, {@code partition-honesty}, {@code proposal-refused}, {@code inputs-unchanged}
 * @param message what went wrong, naming the node or output
 * @param subgraph the shrunk subgraph that still fails
 */
public record DelegateFinding(String check, String message, KitCase subgraph) {

    /**
     * @return the minimal generated subgraph
     * @throws IllegalStateException when the failing subgraph was cut from a real model ({@link #cut()})
     */
    public SubgraphSpec minimal() {
        if (subgraph instanceof SubgraphSpec spec) {
            return spec;
        }
        throw new IllegalStateException("the failing subgraph is cut from a real model: " + subgraph.toLine());
    }

    /** @return the minimal cut of a real model's chain, empty when the failing subgraph was generated */
    public java.util.Optional<ModelCut> cut() {
        return subgraph instanceof ModelCut c ? java.util.Optional.of(c) : java.util.Optional.empty();
    }

    /** @return the replay line: {@code replay: seed=... dims=... steps=...} or {@code replay: seed=... cut=...} */
    public String replayLine() {
        return "replay: " + subgraph.toLine();
    }

    @Override
    public String toString() {
        return check + ": " + message + " (minimal subgraph of " + subgraph.size()
                + (subgraph instanceof ModelCut ? " node(s) cut from a real model" : " step(s)") + "; " + replayLine()
                + ")";
    }
}
