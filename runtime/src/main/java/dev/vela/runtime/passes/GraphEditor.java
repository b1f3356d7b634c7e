package dev.vela.runtime.passes;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Attributes;
import dev.vela.spi.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mutable copy of a graph for passes: nodes in topological order, initializers, and the use counts passes need to
 * decide whether a value may be rewritten. {@link #build()} validates the result as a new {@link Graph}.
 */
final class GraphEditor {

    private final Graph original;
    final List<GraphNode> nodes;
    final Map<String, Tensor> initializers;
    final Map<String, ValueSpec> valueInfo;
    private boolean changed;

    GraphEditor(Graph graph) {
        this.original = graph;
        this.nodes = new ArrayList<>(graph.nodes());
        this.initializers = new LinkedHashMap<>(graph.initializers());
        this.valueInfo = new LinkedHashMap<>(graph.valueInfo());
    }

    /** @return the names of the graph outputs */
    Set<String> outputNames() {
        Set<String> names = new HashSet<>();
        for (ValueSpec v : original.outputs()) {
            names.add(v.name());
        }
        return names;
    }

    /** @return how many node inputs read each value (graph outputs count as one more use) */
    Map<String, Integer> useCounts() {
        Map<String, Integer> uses = new HashMap<>();
        for (GraphNode n : nodes) {
            for (String in : n.inputs()) {
                if (!in.isEmpty()) {
                    uses.merge(in, 1, Integer::sum);
                }
            }
        }
        for (String out : outputNames()) {
            uses.merge(out, 1, Integer::sum);
        }
        return uses;
    }

    /** @return the node producing each value */
    Map<String, GraphNode> producers() {
        Map<String, GraphNode> producers = new HashMap<>();
        for (GraphNode n : nodes) {
            for (String out : n.outputs()) {
                if (!out.isEmpty()) {
                    producers.put(out, n);
                }
            }
        }
        return producers;
    }

    /** @return the nodes reading a value */
    List<GraphNode> consumers(String value) {
        List<GraphNode> result = new ArrayList<>();
        for (GraphNode n : nodes) {
            if (n.inputs().contains(value)) {
                result.add(n);
            }
        }
        return result;
    }

    /** @return the node of that name as edited so far, or null when it was removed */
    GraphNode current(String nodeName) {
        for (GraphNode n : nodes) {
            if (n.name().equals(nodeName)) {
                return n;
            }
        }
        return null;
    }

    /** Makes every node that read {@code from} read {@code to} instead. */
    void replaceUses(String from, String to) {
        for (int i = 0; i < nodes.size(); i++) {
            GraphNode n = nodes.get(i);
            if (n.inputs().contains(from)) {
                List<String> inputs = new ArrayList<>(n.inputs());
                inputs.replaceAll(v -> v.equals(from) ? to : v);
                nodes.set(i, copy(n, n.attributes(), inputs, n.outputs()));
            }
        }
        changed = true;
    }

    void remove(GraphNode node) {
        nodes.remove(node);
        changed = true;
    }

    void replace(GraphNode old, GraphNode replacement) {
        nodes.set(nodes.indexOf(old), replacement);
        changed = true;
    }

    void putInitializer(String name, Tensor value) {
        initializers.put(name, value);
        changed = true;
    }

    void markChanged() {
        changed = true;
    }

    /** @return a node like {@code n} with other attributes and values, keeping the declared types of kept outputs */
    static GraphNode copy(GraphNode n, Attributes attributes, List<String> inputs, List<String> outputs) {
        List<ValueSpec> declared = List.of();
        if (outputs.equals(n.outputs())) {
            declared = n.declaredOutputs();
        }
        return new GraphNode(n.name(), n.op(), n.opsetVersion(), attributes, inputs, outputs, declared);
    }

    /** A name not used by any value of the graph, derived from {@code base}. */
    String freshName(String base) {
        Set<String> used = new HashSet<>(initializers.keySet());
        for (GraphNode n : nodes) {
            used.addAll(n.inputs());
            used.addAll(n.outputs());
        }
        for (ValueSpec v : original.inputs()) {
            used.add(v.name());
        }
        String name = base;
        for (int i = 1; used.contains(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    /** @return the edited graph, or the original when nothing changed */
    Graph build() {
        if (!changed) {
            return original;
        }
        return new Graph(original.name(), original.inputs(), original.outputs(), initializers, valueInfo, nodes);
    }
}
