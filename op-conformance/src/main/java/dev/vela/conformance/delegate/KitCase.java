package dev.vela.conformance.delegate;

/**
 * One subgraph the delegate kit checks, small enough to replay from one line: a generated {@link SubgraphSpec} or a
 * {@link ModelCut} of a real model's chain. {@link DelegateCertifier#replay(String)} reads either line form.
 */
public sealed interface KitCase permits SubgraphSpec, ModelCut {

    /** @return the one-line form the replay reads */
    String toLine();

    /** @return its size for messages: the generated steps, or the nodes of the cut */
    int size();

    /**
     * @param line a {@link SubgraphSpec} line ({@code seed=S dims=1xHxWxC steps=...}) or a {@link ModelCut} line
     *     ({@code seed=S cut=chain nodes=A..B})
     * @return the case it names
     * @throws IllegalArgumentException naming what is malformed
     */
    static KitCase parse(String line) {
        return line.contains(" cut=") ? ModelCut.parse(line) : SubgraphSpec.parse(line);
    }
}
