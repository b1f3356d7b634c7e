package dev.vela.conformance.delegate;

import dev.vela.spi.GraphView;
import dev.vela.spi.ViewNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a proposed node set is convex: no path leaves it and comes back (a partition that one did would have to
 * wait for the host in the middle of its own run). The kit's own check, as it does not use the runtime's planner.
 */
final class Convexity {

    private Convexity() {}

    /**
     * @param graph the graph (nodes in execution order, named by index)
     * @param set node indices
     * @return the name of a node outside the set on a path from the set back into it, empty when convex
     */
    static Optional<String> escape(GraphView graph, Set<Integer> set) {
        List<? extends ViewNode> nodes = graph.nodes();
        // every node outside the set reachable from it
        Set<Integer> outsideReached = new HashSet<>();
        Deque<Integer> work = new ArrayDeque<>();
        for (int i : set) {
            consumers(nodes, i).forEach(work::add);
        }
        while (!work.isEmpty()) {
            int n = work.pop();
            if (set.contains(n)) {
                continue;
            }
            if (outsideReached.add(n)) {
                consumers(nodes, n).forEach(work::add);
            }
        }
        for (int n : outsideReached) {
            for (int c : consumers(nodes, n)) {
                if (set.contains(c)) {
                    return Optional.of(nodes.get(n).name());
                }
            }
        }
        return Optional.empty();
    }

    private static List<Integer> consumers(List<? extends ViewNode> nodes, int producer) {
        Set<String> outs = new HashSet<>(nodes.get(producer).outputs());
        return nodes.stream()
                .filter(n -> n.inputs().stream().anyMatch(outs::contains))
                .map(ViewNode::index)
                .toList();
    }
}
