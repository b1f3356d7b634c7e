package dev.vela.runtime.passes;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.VelaException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces nodes whose inputs are all constants by the constants they compute, evaluated with the reference kernels
 * (the definition of correct, so folding cannot change a result). Nodes stay when they are random generators, when
 * an output is a graph output (outputs stay computed values), when the reference cannot evaluate them, or when the
 * result would exceed {@link #MAX_FOLDED_ELEMENTS} (folding an Expand of a scalar must not bloat the package), and
 * when they dequantize (quantized weights stay quantized: four times smaller, and kernels may use them as such).
 * Folding runs in topological order, so chains of constant nodes fold in one pass. Shape and Size fold when their
 * input's shape is fully known (run {@link ShapeInference} first to declare intermediate shapes), which turns the
 * Shape-Gather-Concat-Reshape chains of exported models into constants.
 */
public final class ConstantFolding implements Pass {

    /** Largest result, in elements, that is stored instead of computed. */
    public static final int MAX_FOLDED_ELEMENTS = 1 << 20;

    private final KernelRegistry registry;

    /** Folds with the reference kernels. */
    public ConstantFolding() {
        this(KernelRegistry.reference());
    }

    /** @param registry the kernels that evaluate constant nodes */
    public ConstantFolding(KernelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "fold-constants";
    }

    @Override
    public Graph apply(Graph graph) {
        GraphEditor editor = new GraphEditor(graph);
        Set<String> outputs = editor.outputNames();
        for (GraphNode n : graph.nodes()) {
            Tensor shape = shapeOf(n, graph, editor.initializers, outputs);
            if (shape != null) {
                editor.remove(n);
                editor.putInitializer(n.outputs().get(0), shape);
                continue;
            }
            if (!foldable(n, editor.initializers, outputs)) {
                continue;
            }
            Map<String, Tensor> values = evaluate(n, editor.initializers);
            if (values == null) {
                continue;
            }
            editor.remove(n);
            values.forEach(editor::putInitializer);
        }
        return editor.build();
    }

    /**
     * The value of a Shape or Size node whose input has a fully known shape (a constant, a graph input with fixed
     * dimensions, or a value declared with fixed dimensions, e.g. by {@link ShapeInference}), or null.
     */
    private static Tensor shapeOf(GraphNode n, Graph graph, Map<String, Tensor> constants, Set<String> outputs) {
        if (!n.op().domain().isEmpty()
                || !(n.op().name().equals("Shape") || n.op().name().equals("Size"))
                || n.inputs().size() != 1
                || n.outputs().size() != 1
                || outputs.contains(n.outputs().get(0))) {
            return null;
        }
        long[] dims = knownDims(n.inputs().get(0), graph, constants);
        if (dims == null) {
            return null;
        }
        if (n.op().name().equals("Size")) {
            long size = 1;
            for (long d : dims) {
                size *= d;
            }
            return Tensor.ofLongs(Shape.scalar(), size);
        }
        int rank = dims.length;
        int start = clampAxis(n.attributes().getLong("start", 0), rank);
        int end = clampAxis(n.attributes().getLong("end", rank), rank);
        long[] slice = java.util.Arrays.copyOfRange(dims, start, Math.max(start, end));
        return Tensor.ofLongs(Shape.of(slice.length), slice);
    }

    private static int clampAxis(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        return (int) Math.max(0, Math.min(rank, a));
    }

    private static long[] knownDims(String value, Graph graph, Map<String, Tensor> constants) {
        Tensor c = constants.get(value);
        if (c != null) {
            return c.shape().toLongArray();
        }
        ValueSpec spec = graph.valueInfo().get(value);
        for (ValueSpec in : graph.inputs()) {
            if (in.name().equals(value)) {
                spec = in;
            }
        }
        if (spec == null || !spec.hasShape()) {
            return null;
        }
        long[] dims = spec.dims();
        for (long d : dims) {
            if (d < 0) {
                return null;
            }
        }
        return dims;
    }

    private static boolean foldable(GraphNode n, Map<String, Tensor> constants, Set<String> outputs) {
        String op = n.op().name();
        if (n.inputs().isEmpty() || op.startsWith("Random") || op.equals("Bernoulli") || op.startsWith("Dequantize")) {
            return false;
        }
        for (String in : n.inputs()) {
            if (!in.isEmpty() && !constants.containsKey(in)) {
                return false;
            }
        }
        for (String out : n.outputs()) {
            if (outputs.contains(out)) {
                return false;
            }
        }
        return true;
    }

    /** @return the node's outputs by name, or null when the reference cannot evaluate it or they are too large */
    private Map<String, Tensor> evaluate(GraphNode n, Map<String, Tensor> constants) {
        Map<String, Tensor> used = new LinkedHashMap<>();
        for (String in : n.inputs()) {
            if (!in.isEmpty()) {
                used.put(in, constants.get(in));
            }
        }
        List<ValueSpec> outs = new ArrayList<>();
        for (String out : n.outputs()) {
            if (!out.isEmpty()) {
                outs.add(ValueSpec.unknown(out));
            }
        }
        try {
            Graph single = new Graph(n.name(), List.of(), outs, used, Map.of(), List.of(n));
            Map<String, Tensor> result;
            try (Session session = Model.of(n.name(), single, Partitioner.of(registry))
                    .newSession()
                    .withMemoryPlanning(false)) {
                result = session.run(Map.of());
            }
            long elements = 0;
            for (Tensor t : result.values()) {
                elements += t.elementCount();
            }
            return elements > MAX_FOLDED_ELEMENTS ? null : result;
        } catch (VelaException | IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }
}
