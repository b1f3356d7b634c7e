package dev.vela.conformance.delegate;

import dev.vela.spi.ViewNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The subgraph a delegate compiles when it proposes a set of a subgraph's nodes, as the runtime would cut it: the
 * set's nodes in order (re-indexed), its boundary inputs (values the nodes read that are not constants and are not
 * produced inside, in the order of first use) and its boundary outputs (values produced inside that a node outside
 * reads, or that are outputs of the whole subgraph).
 */
final class ProposedSet {

    private ProposedSet() {}

    /**
     * @param g the subgraph the delegate proposed on
     * @param set the indices of the proposed nodes
     * @return the partition to compile; {@code g} itself when the set covers it
     */
    static KitSubgraph cut(KitSubgraph g, Set<Integer> set) {
        if (set.size() == g.nodes().size()) {
            return g;
        }
        List<ViewNode> nodes = new ArrayList<>();
        Set<String> produced = new HashSet<>();
        List<String> inputs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i : new TreeSet<>(set)) {
            ViewNode n = g.nodes().get(i);
            for (String v : n.inputs()) {
                if (!v.isEmpty() && g.constant(v).isEmpty() && !produced.contains(v) && !inputs.contains(v)) {
                    inputs.add(v);
                }
            }
            produced.addAll(n.outputs());
            names.add(n.name());
            nodes.add(new KitNode(
                    nodes.size(), n.name(), n.op(), n.opsetVersion(), n.attributes(), n.inputs(), n.outputs()));
        }
        List<String> outputs = new ArrayList<>();
        for (ViewNode n : nodes) {
            for (String o : n.outputs()) {
                boolean readOutside = g.nodes().stream()
                        .anyMatch(m -> !set.contains(m.index()) && m.inputs().contains(o));
                if (readOutside || g.outputs().contains(o)) {
                    outputs.add(o);
                }
            }
        }
        return new KitSubgraph(g.name() + " nodes " + names, nodes, g.types(), g.constants(), inputs, outputs);
    }
}
