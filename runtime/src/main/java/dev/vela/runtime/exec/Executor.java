package dev.vela.runtime.exec;

import dev.vela.runtime.UnsupportedOperatorException;
import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a graph's nodes in topological order with kernels from one registry. Every output is a freshly allocated
 * tensor for now (a per-session arena comes with the memory planner). One executor per session: not thread-safe.
 */
public final class Executor implements AutoCloseable {

    private final Graph graph;
    private final List<NodeRunner> runners;

    /**
     * @param graph the graph to run
     * @param registry where kernel factories come from
     */
    public Executor(Graph graph, KernelRegistry registry) {
        this.graph = graph;
        this.runners = new ArrayList<>(graph.nodes().size());
        for (GraphNode n : graph.nodes()) {
            runners.add(new NodeRunner(n, registry.find(n.op()).orElseThrow(() -> new UnsupportedOperatorException(
                    n.describe() + " uses operator " + n.op() + ", which provider '" + registry.providerId()
                            + "' does not implement")), graph.initializers()));
        }
    }

    /**
     * Runs the graph on validated inputs.
     *
     * @param inputs one tensor per graph input
     * @return the graph outputs by name, in declaration order
     */
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
        Map<String, Tensor> values = new HashMap<>(graph.initializers());
        for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
            values.put(e.getKey(), e.getValue().asReadOnly());
        }
        for (NodeRunner r : runners) {
            r.run(values);
        }
        Map<String, Tensor> outputs = new LinkedHashMap<>();
        for (ValueSpec out : graph.outputs()) {
            Tensor t = values.get(out.name());
            if (graph.initializers().containsKey(out.name()) || inputs.containsKey(out.name())) {
                // never hand out the model's shared constants or the caller's own buffer as a result
                Tensor copy = Tensor.allocate(t.type());
                copy.copyFrom(t);
                t = copy;
            }
            outputs.put(out.name(), t);
        }
        return outputs;
    }

    @Override
    public void close() {
        for (NodeRunner r : runners) {
            r.close();
        }
    }
}
