package dev.vela.runtime.partition;

import dev.vela.runtime.delegate.DeclaredNodeTypes;
import dev.vela.runtime.delegate.DelegationPlan;
import dev.vela.runtime.delegate.PartitionReport;
import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.profile.Macs;
import dev.vela.runtime.profile.NodeTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How much of a model's work fell back, counted in multiply-accumulates ({@link Macs}: Conv, ConvTranspose, MatMul,
 * Gemm) instead of nodes: a model whose few cheap nodes fall back passes a MAC-share policy that a node-share policy
 * would fail, and one whose one big Conv falls back fails it. Nodes inside a delegate partition count with the types
 * the graph declares; the others with the types the run saw.
 *
 * @param total the MACs of the whole model
 * @param fallenBack the MACs of each node that fell back, by its description, in execution order (nodes of 0 MACs
 *     left out)
 */
public record MacFallbackShare(long total, Map<String, Long> fallenBack) {

    /** Copies the map. */
    public MacFallbackShare {
        fallenBack = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fallenBack));
    }

    /**
     * @param placement a session's placement after a run
     * @param fallbackId the fallback provider's id
     * @param delegation the model's delegation plan, if any
     * @param graph the model's graph before delegation
     * @param seen the node types the run saw
     * @return the share
     */
    public static MacFallbackShare of(
            Placement placement,
            String fallbackId,
            Optional<DelegationPlan> delegation,
            Graph graph,
            List<NodeTypes> seen) {
        Map<String, NodeTypes> types = new HashMap<>(DeclaredNodeTypes.of(graph));
        seen.forEach(t -> types.put(t.node().describe(), t));
        Map<String, String> byName = new HashMap<>();
        for (GraphNode n : graph.nodes()) {
            byName.put(n.name(), n.describe());
        }
        long total = 0;
        Map<String, Long> fallen = new LinkedHashMap<>();
        for (NodePlacement p : placement.nodes()) {
            Optional<PartitionReport> partition = delegation.flatMap(d -> d.partitions().stream()
                    .filter(r -> p.node().equals("partition " + r.name()))
                    .findFirst());
            if (partition.isPresent()) {
                for (String name : partition.get().nodes()) {
                    total += macsOf(types.get(byName.get(name)));
                }
                continue;
            }
            long macs = macsOf(types.get(p.node()));
            total += macs;
            if (macs > 0 && (p.provider().equals(fallbackId) || p.provider().endsWith("/reference"))) {
                fallen.put(p.node(), macs);
            }
        }
        return new MacFallbackShare(total, fallen);
    }

    private static long macsOf(NodeTypes t) {
        return t == null ? 0 : Macs.of(t);
    }

    /** @return the MACs that fell back */
    public long fallenBackMacs() {
        return fallenBack.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return the share of MACs that fell back, 0 to 1 (0 for a model without counted operators) */
    public double share() {
        return total == 0 ? 0 : (double) fallenBackMacs() / total;
    }

    /**
     * @param limit the largest share allowed, 0 to 1
     * @return the violation's message naming the nodes with their MACs, or empty when within the limit
     */
    public Optional<String> exceeds(double limit) {
        if (share() <= limit) {
            return Optional.empty();
        }
        List<String> nodes = new ArrayList<>();
        fallenBack.forEach((node, macs) -> nodes.add(node + " " + macs + " MACs"));
        return Optional.of(String.format(
                Locale.ROOT,
                "%d of %d MACs (%.1f%%) fell back to the reference, more than the allowed %.1f%%: %s",
                fallenBackMacs(),
                total,
                100 * share(),
                100 * limit,
                String.join(", ", nodes)));
    }
}
