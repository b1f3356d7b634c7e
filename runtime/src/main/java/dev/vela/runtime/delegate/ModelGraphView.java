package dev.vela.runtime.delegate;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Attributes;
import dev.vela.spi.GraphView;
import dev.vela.spi.OpId;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.ViewNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A read-only {@link GraphView} of a runtime graph: constants are handed out as read-only views. */
class ModelGraphView implements GraphView {

    /** A node of the view; the graph node's lists are already immutable. */
    record Node(
            int index,
            String name,
            OpId op,
            int opsetVersion,
            Attributes attributes,
            List<String> inputs,
            List<String> outputs)
            implements ViewNode {}

    private final Graph graph;
    private final DeclaredTypes types;
    private final List<ViewNode> nodes;
    private final Set<String> graphOutputs = new HashSet<>();

    ModelGraphView(Graph graph, DeclaredTypes types) {
        this.graph = graph;
        this.types = types;
        List<ViewNode> list = new ArrayList<>();
        List<GraphNode> all = graph.nodes();
        for (int i = 0; i < all.size(); i++) {
            GraphNode n = all.get(i);
            list.add(new Node(i, n.name(), n.op(), n.opsetVersion(), n.attributes(), n.inputs(), n.outputs()));
        }
        this.nodes = List.copyOf(list);
        for (ValueSpec out : graph.outputs()) {
            graphOutputs.add(out.name());
        }
    }

    @Override
    public List<ViewNode> nodes() {
        return nodes;
    }

    @Override
    public Optional<TensorType> valueType(String value) {
        return types.get(value);
    }

    @Override
    public Optional<Tensor> constant(String value) {
        Tensor t = graph.initializers().get(value);
        return t == null ? Optional.empty() : Optional.of(t.asReadOnly());
    }

    @Override
    public boolean isGraphOutput(String value) {
        return graphOutputs.contains(value);
    }
}
