package dev.vela.runtime.delegate;

import java.util.List;

/**
 * One partition a delegate runs: its name, provider, the nodes it took and its boundary.
 *
 * @param name e.g. {@code acme-npu#0}
 * @param provider the delegate's provider id
 * @param nodes the names of the nodes it runs, in execution order
 * @param inputs the boundary inputs (runtime-owned)
 * @param outputs the boundary outputs (runtime-owned)
 */
public record PartitionReport(
        String name, String provider, List<String> nodes, List<String> inputs, List<String> outputs) {

    /** Copies the lists. */
    public PartitionReport {
        nodes = List.copyOf(nodes);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** @return the {@code partition} line of {@code inspect --placement} */
    public String toLine() {
        return "partition " + name + " (" + provider + "): " + nodes.size() + " nodes " + nodes + "; inputs " + inputs
                + "; outputs " + outputs;
    }
}
