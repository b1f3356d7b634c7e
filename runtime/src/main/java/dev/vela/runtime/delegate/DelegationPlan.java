package dev.vela.runtime.delegate;

import dev.vela.runtime.graph.Graph;
import dev.vela.spi.KernelFactory;
import dev.vela.spi.OpId;
import java.util.List;
import java.util.Map;

/**
 * What the delegates took from a model: the graph to execute (each partition replaced by one node), the factories of
 * those nodes, a report per partition, why each node stayed out of every delegate, and the problems of delegates
 * that misbehaved (named).
 *
 * @param graph the graph to execute
 * @param factories per partition node's operator, its factory
 * @param providers per partition node's operator, the delegate's provider id
 * @param partitions the partitions in execution order
 * @param leftOut per node name not taken by any delegate, the reasons each delegate gave or the runtime found
 * @param problems delegates that proposed something invalid or threw, with what happened
 * @param nodeCount the number of nodes of the original graph
 */
public record DelegationPlan(
        Graph graph,
        Map<OpId, KernelFactory> factories,
        Map<OpId, String> providers,
        List<PartitionReport> partitions,
        Map<String, List<String>> leftOut,
        List<String> problems,
        int nodeCount) {

    /** Copies the collections (keeping the order of the left-out nodes). */
    public DelegationPlan {
        factories = Map.copyOf(factories);
        providers = Map.copyOf(providers);
        partitions = List.copyOf(partitions);
        leftOut = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(leftOut));
        problems = List.copyOf(problems);
    }

    /** The domain of the operators of partition nodes. */
    public static final String DOMAIN = "vela.delegate";

    /** @return whether any delegate took anything */
    public boolean delegated() {
        return !partitions.isEmpty();
    }

    /**
     * @return the placement's delegate section: a {@code partition} line per partition, a {@code left out} line per
     *     node some delegate could have been asked about, and the delegates' problems
     */
    public List<String> lines() {
        List<String> lines = new java.util.ArrayList<>();
        problems.forEach(p -> lines.add("delegate problem: " + p));
        partitions.forEach(p -> lines.add(p.toLine()));
        leftOut.forEach((node, reasons) -> lines.add("left out: node '" + node + "': " + String.join("; ", reasons)));
        return lines;
    }
}
