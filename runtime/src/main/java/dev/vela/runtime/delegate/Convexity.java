package dev.vela.runtime.delegate;

import dev.vela.spi.GraphView;
import dev.vela.spi.ViewNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a node set is convex: no path leaves it and comes back. A non-convex partition run as one unit would need
 * an outside node's result before it starts and give that node its input only after it ends: a cycle through the
 * host.
 */
final class Convexity {

    private Convexity() {}

    /**
     * @param graph the graph (nodes in execution order, so producers come first)
     * @param set node indices
     * @return empty when convex, else which outside node lies on a path out of the set and back into it
     */
    static Optional<String> problem(GraphView graph, Set<Integer> set) {
        List<ViewNode> nodes = graph.nodes();
        Map<String, Integer> producer = new HashMap<>();
        for (ViewNode n : nodes) {
            for (String out : n.outputs()) {
                if (!out.isEmpty()) {
                    producer.put(out, n.index());
                }
            }
        }
        // tainted[i]: node i is outside the set and depends (transitively) on a node in it
        boolean[] tainted = new boolean[nodes.size()];
        for (ViewNode n : nodes) {
            Integer via = null;
            boolean fromSet = false;
            for (String in : n.inputs()) {
                Integer p = in.isEmpty() ? null : producer.get(in);
                if (p == null) {
                    continue;
                }
                if (tainted[p]) {
                    via = p;
                }
                if (set.contains(p)) {
                    fromSet = true;
                }
            }
            if (set.contains(n.index())) {
                if (via != null) {
                    return Optional.of("not convex: node '" + nodes.get(via).name() + "' lies outside it on a path"
                            + " from the partition back into node '" + n.name() + "'");
                }
            } else if (fromSet || via != null) {
                tainted[n.index()] = true;
            }
        }
        return Optional.empty();
    }
}
