package dev.vela.runtime.graph;

import dev.vela.spi.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated, immutable dataflow graph: runtime inputs, outputs, constant initializers and nodes in a topological
 * order. Construction checks that every consumed tensor has exactly one source (a node, a graph input or an
 * initializer) and that there is no cycle; errors name the node and the tensor.
 */
public final class Graph {

    private final String name;
    private final List<ValueSpec> inputs;
    private final List<ValueSpec> outputs;
    private final Map<String, Tensor> initializers;
    private final Map<String, ValueSpec> valueInfo;
    private final List<GraphNode> nodes;

    /**
     * Validates and sorts a graph.
     *
     * @param name the graph's name, used in messages
     * @param declaredInputs the declared inputs; those that are also initializers become constants
     * @param outputs the graph outputs
     * @param initializers constant tensors by name
     * @param valueInfo declared types of intermediate values (may be empty)
     * @param nodes the nodes in any order
     * @throws InvalidGraphException when the graph is not well formed
     */
    public Graph(
            String name,
            List<ValueSpec> declaredInputs,
            List<ValueSpec> outputs,
            Map<String, Tensor> initializers,
            Map<String, ValueSpec> valueInfo,
            List<GraphNode> nodes) {
        this.name = name;
        this.initializers = Collections.unmodifiableMap(new LinkedHashMap<>(initializers));
        List<ValueSpec> runtimeInputs = new ArrayList<>();
        Set<String> inputNames = new HashSet<>();
        for (ValueSpec in : declaredInputs) {
            if (!inputNames.add(in.name())) {
                throw new InvalidGraphException("graph '" + name + "' declares input '" + in.name() + "' twice");
            }
            if (!initializers.containsKey(in.name())) {
                runtimeInputs.add(in);
            }
        }
        this.inputs = List.copyOf(runtimeInputs);
        this.outputs = List.copyOf(outputs);
        this.valueInfo = Collections.unmodifiableMap(new LinkedHashMap<>(valueInfo));
        this.nodes = List.copyOf(sort(withDeclaredOutputs(nodes), inputNames));
        checkOutputs();
    }

    /** Attaches the declared type (and quantization) of each node output, from value info and graph outputs. */
    private List<GraphNode> withDeclaredOutputs(List<GraphNode> unannotated) {
        Map<String, ValueSpec> declared = new HashMap<>(valueInfo);
        for (ValueSpec out : outputs) {
            declared.put(out.name(), out);
        }
        List<GraphNode> annotated = new ArrayList<>(unannotated.size());
        for (GraphNode n : unannotated) {
            annotated.add(n.declaredOutputs().isEmpty() ? n.withDeclaredOutputs(declared) : n);
        }
        return annotated;
    }

    private boolean isGraphSource(String tensor, Set<String> inputNames) {
        return inputNames.contains(tensor) || initializers.containsKey(tensor);
    }

    /** Kahn's algorithm: iterative, so deep chains cannot overflow the stack. */
    private List<GraphNode> sort(List<GraphNode> unsorted, Set<String> inputNames) {
        Map<String, Integer> producer = new HashMap<>();
        Set<String> nodeNames = new HashSet<>();
        for (int i = 0; i < unsorted.size(); i++) {
            GraphNode n = unsorted.get(i);
            if (!nodeNames.add(n.name())) {
                throw new InvalidGraphException("graph '" + name + "' has two nodes named '" + n.name() + "'");
            }
            for (String out : n.outputs()) {
                if (out.isEmpty()) {
                    continue;
                }
                if (isGraphSource(out, inputNames)) {
                    throw new InvalidGraphException(n.describe() + " produces tensor '" + out
                            + "', which is already a graph input or initializer");
                }
                Integer previous = producer.putIfAbsent(out, i);
                if (previous != null) {
                    String other = previous == i
                            ? "itself (listed twice)"
                            : unsorted.get(previous).describe();
                    throw new InvalidGraphException(
                            n.describe() + " produces tensor '" + out + "', which is already produced by " + other);
                }
            }
        }
        int[] pending = new int[unsorted.size()];
        List<List<Integer>> consumers = new ArrayList<>(unsorted.size());
        for (int i = 0; i < unsorted.size(); i++) {
            consumers.add(new ArrayList<>(2));
        }
        for (int i = 0; i < unsorted.size(); i++) {
            GraphNode n = unsorted.get(i);
            for (String in : n.inputs()) {
                if (in.isEmpty() || isGraphSource(in, inputNames)) {
                    continue;
                }
                Integer p = producer.get(in);
                if (p == null) {
                    throw new InvalidGraphException(n.describe() + " consumes tensor '" + in
                            + "', which no node produces and which is neither a graph input nor an initializer");
                }
                pending[i]++;
                consumers.get(p).add(i);
            }
        }
        Deque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < pending.length; i++) {
            if (pending[i] == 0) {
                ready.add(i);
            }
        }
        List<GraphNode> sorted = new ArrayList<>(unsorted.size());
        while (!ready.isEmpty()) {
            int i = ready.poll();
            sorted.add(unsorted.get(i));
            for (int c : consumers.get(i)) {
                if (--pending[c] == 0) {
                    ready.add(c);
                }
            }
        }
        if (sorted.size() != unsorted.size()) {
            throw cycleError(unsorted, pending, producer);
        }
        return sorted;
    }

    private InvalidGraphException cycleError(List<GraphNode> unsorted, int[] pending, Map<String, Integer> producer) {
        for (int i = 0; i < unsorted.size(); i++) {
            if (pending[i] == 0) {
                continue;
            }
            GraphNode n = unsorted.get(i);
            for (String in : n.inputs()) {
                Integer p = producer.get(in);
                if (p != null && pending[p] > 0) {
                    return new InvalidGraphException("graph '" + name + "' has a cycle: " + n.describe()
                            + " consumes tensor '" + in + "' produced by "
                            + unsorted.get(p).describe()
                            + ", which depends on it");
                }
            }
        }
        return new InvalidGraphException("graph '" + name + "' has a cycle");
    }

    private void checkOutputs() {
        Set<String> available = new HashSet<>(initializers.keySet());
        for (ValueSpec in : inputs) {
            available.add(in.name());
        }
        for (GraphNode n : nodes) {
            available.addAll(n.outputs());
        }
        for (ValueSpec out : outputs) {
            if (out.name().isEmpty() || !available.contains(out.name())) {
                throw new InvalidGraphException("graph '" + name + "' output '" + out.name()
                        + "' is not produced by any node and is neither an input nor an initializer");
            }
        }
    }

    /** @return the graph's name */
    public String name() {
        return name;
    }

    /** @return the inputs a caller must supply (declared inputs that are not initializers) */
    public List<ValueSpec> inputs() {
        return inputs;
    }

    /** @return the graph outputs */
    public List<ValueSpec> outputs() {
        return outputs;
    }

    /** @return constant tensors by name */
    public Map<String, Tensor> initializers() {
        return initializers;
    }

    /** @return declared types of intermediate values */
    public Map<String, ValueSpec> valueInfo() {
        return valueInfo;
    }

    /** @return the nodes in a topological order */
    public List<GraphNode> nodes() {
        return nodes;
    }
}
