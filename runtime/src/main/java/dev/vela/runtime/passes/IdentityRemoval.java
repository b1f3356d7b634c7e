package dev.vela.runtime.passes;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.spi.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes Identity nodes and inference-mode Dropout nodes (no {@code training_mode} input, or a constant false one;
 * the mask output unused) by making their consumers read the input. When the removed node's output is a graph output
 * its name must survive: the producer of the input is renamed to it instead, if that value is not itself a graph
 * output, a graph input or an initializer (then the node stays).
 */
public final class IdentityRemoval implements Pass {

    @Override
    public String name() {
        return "remove-identity";
    }

    @Override
    public Graph apply(Graph graph) {
        GraphEditor editor = new GraphEditor(graph);
        Set<String> outputs = editor.outputNames();
        for (GraphNode stale : List.copyOf(editor.nodes)) {
            GraphNode n = editor.current(stale.name());
            if (n == null || !isPassThrough(n, editor)) {
                continue;
            }
            String in = n.inputs().get(0);
            String out = n.outputs().get(0);
            if (!outputs.contains(out)) {
                editor.remove(n);
                editor.replaceUses(out, in);
                continue;
            }
            GraphNode producer = editor.producers().get(in);
            if (producer == null || outputs.contains(in)) {
                continue;
            }
            editor.remove(n);
            List<String> renamed = new ArrayList<>(producer.outputs());
            renamed.replaceAll(v -> v.equals(in) ? out : v);
            GraphNode current = editor.nodes.get(editor.nodes.indexOf(producer));
            editor.replace(current, GraphEditor.copy(current, current.attributes(), current.inputs(), renamed));
            editor.replaceUses(in, out);
        }
        return editor.build();
    }

    private static boolean isPassThrough(GraphNode n, GraphEditor editor) {
        if (!n.op().domain().isEmpty()
                || n.inputs().isEmpty()
                || n.inputs().get(0).isEmpty()
                || n.outputs().isEmpty()) {
            return false;
        }
        switch (n.op().name()) {
            case "Identity":
                return n.outputs().size() == 1;
            case "Dropout":
                return inferenceMode(n, editor.initializers) && maskUnused(n, editor);
            default:
                return false;
        }
    }

    private static boolean inferenceMode(GraphNode n, Map<String, Tensor> constants) {
        if (n.attributes().getLong("is_test", 1) == 0) {
            return false;
        }
        if (n.inputs().size() < 3 || n.inputs().get(2).isEmpty()) {
            return true;
        }
        Tensor training = constants.get(n.inputs().get(2));
        return training != null && training.elementCount() == 1 && training.getLong(0) == 0;
    }

    private static boolean maskUnused(GraphNode n, GraphEditor editor) {
        if (n.outputs().size() < 2 || n.outputs().get(1).isEmpty()) {
            return true;
        }
        return !editor.useCounts().containsKey(n.outputs().get(1));
    }
}
