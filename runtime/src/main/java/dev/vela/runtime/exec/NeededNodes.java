package dev.vela.runtime.exec;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Which nodes a selection of graph outputs depends on: the only ones a run for those outputs executes. */
final class NeededNodes {

    private NeededNodes() {}

    /**
     * @param graph a graph (its nodes are sorted: producers before consumers)
     * @param outputs the values asked for
     * @return per node, whether some asked-for value depends on it
     */
    static boolean[] of(Graph graph, Collection<String> outputs) {
        List<GraphNode> nodes = graph.nodes();
        Set<String> wanted = new HashSet<>(outputs);
        boolean[] needed = new boolean[nodes.size()];
        // walking backwards, every consumer is seen before its producers, so one pass finds all ancestors
        for (int i = nodes.size() - 1; i >= 0; i--) {
            GraphNode n = nodes.get(i);
            for (String out : n.outputs()) {
                if (!out.isEmpty() && wanted.contains(out)) {
                    needed[i] = true;
                    break;
                }
            }
            if (needed[i]) {
                wanted.addAll(n.inputs());
            }
        }
        return needed;
    }
}
