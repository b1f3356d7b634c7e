package dev.vela.conformance.delegate;

import java.util.Locale;

/**
 * A subgraph cut from a real model: nodes {@code first..last} (positions in the chain, both included) of a chain of
 * the kit's model-chain resource ({@link ModelChains}), with the model's shapes, quantization and attributes, and
 * weights, biases and inputs drawn from {@code seed}. A failing cut shrinks by dropping nodes at either end, so the
 * shapes stay the model's.
 *
 * @param seed the seed of the weights and inputs
 * @param chain the chain, e.g. {@code vww_96_int8/depthwise-pointwise-stride2}
 * @param first the position of the first node in the chain
 * @param last the position of the last node in the chain
 */
public record ModelCut(long seed, String chain, int first, int last) implements KitCase {

    /** Checks the range. */
    public ModelCut {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("a cut needs 0 <= first <= last, got " + first + ".." + last);
        }
    }

    @Override
    public String toLine() {
        return String.format(Locale.ROOT, "seed=%d cut=%s nodes=%d..%d", seed, chain, first, last);
    }

    @Override
    public int size() {
        return last - first + 1;
    }

    /**
     * @param line the {@link #toLine()} form
     * @return the cut
     * @throws IllegalArgumentException naming what is malformed
     */
    public static ModelCut parse(String line) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length != 3
                || !parts[0].startsWith("seed=")
                || !parts[1].startsWith("cut=")
                || !parts[2].matches("nodes=\\d+\\.\\.\\d+")) {
            throw new IllegalArgumentException("expected 'seed=S cut=CHAIN nodes=A..B', got '" + line + "'");
        }
        String[] range = parts[2].substring("nodes=".length()).split("\\.\\.");
        return new ModelCut(
                Long.parseLong(parts[0].substring(5)),
                parts[1].substring(4),
                Integer.parseInt(range[0]),
                Integer.parseInt(range[1]));
    }
}
