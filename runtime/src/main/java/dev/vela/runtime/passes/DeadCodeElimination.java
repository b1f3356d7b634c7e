package dev.vela.runtime.passes;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes nodes none of whose outputs reach a graph output, then initializers and value declarations nothing reads.
 * One backward sweep over the topological order finds the live values.
 */
public final class DeadCodeElimination implements Pass {

    @Override
    public String name() {
        return "eliminate-dead-code";
    }

    @Override
    public Graph apply(Graph graph) {
        Set<String> live = new HashSet<>();
        for (ValueSpec out : graph.outputs()) {
            live.add(out.name());
        }
        GraphEditor editor = new GraphEditor(graph);
        List<GraphNode> nodes = graph.nodes();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            GraphNode n = nodes.get(i);
            if (n.outputs().stream().anyMatch(live::contains)) {
                live.addAll(n.inputs());
            } else {
                editor.remove(n);
            }
        }
        if (editor.initializers.keySet().removeIf(name -> !live.contains(name))) {
            editor.markChanged();
        }
        Set<String> values = new HashSet<>(live);
        for (GraphNode n : editor.nodes) {
            values.addAll(n.outputs());
        }
        if (editor.valueInfo.keySet().removeIf(name -> !values.contains(name))) {
            editor.markChanged();
        }
        return editor.build();
    }
}
