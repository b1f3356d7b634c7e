package dev.vela.runtime.delegate;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.profile.NodeTypes;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The types of a graph's nodes as the graph declares them (TFLite declares every tensor): for nodes no session runs
 * on their own, such as the nodes inside a delegate partition, whose work still has to be counted.
 */
public final class DeclaredNodeTypes {

    private DeclaredNodeTypes() {}

    /**
     * @param graph a graph
     * @return by {@link GraphNode#describe()}, the nodes whose outputs are all declared (undeclared inputs are null)
     */
    public static Map<String, NodeTypes> of(Graph graph) {
        DeclaredTypes types = new DeclaredTypes(graph);
        Map<String, NodeTypes> byNode = new LinkedHashMap<>();
        for (GraphNode n : graph.nodes()) {
            List<TensorType> in = new ArrayList<>();
            for (String v : n.inputs()) {
                in.add(v.isEmpty() ? null : types.get(v).orElse(null));
            }
            List<TensorType> out = new ArrayList<>();
            for (String v : n.outputs()) {
                Optional<TensorType> t = v.isEmpty() ? Optional.empty() : types.get(v);
                if (t.isEmpty()) {
                    out = null;
                    break;
                }
                out.add(t.get());
            }
            if (out != null) {
                byNode.put(n.describe(), new NodeTypes(n, in, out));
            }
        }
        return byNode;
    }
}
