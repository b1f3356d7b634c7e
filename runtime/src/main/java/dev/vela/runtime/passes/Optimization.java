package dev.vela.runtime.passes;

import dev.vela.runtime.exec.NodeViews;
import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.HashMap;
import java.util.Map;

/**
 * The graph optimisations an application opts into at load time ({@code vela run/bench --optimize}), like ONNX
 * Runtime's default graph optimisation level: the {@linkplain Passes#defaults() default passes}, then activation
 * fusion into quantized nodes (as {@link ActivationFusion} does by default) and into float nodes wherever an admitted
 * accelerator provider (not the reference fallback, whose float kernels refuse the
 * attribute) accepts the fused node. Results change only within the float32 tolerance policy (folding rounds once
 * where the original graph rounded twice); integer results do not change.
 */
public final class Optimization {

    private Optimization() {}

    /**
     * @param graph the graph as imported
     * @param partitioner the providers the graph will run on
     * @return the optimised graph
     */
    public static Graph forProviders(Graph graph, Partitioner partitioner) {
        Graph simplified = new PassManager(Passes.defaults()).run(graph).graph();
        Map<String, ValueSpec> declared = declaredValues(simplified);
        // quantized nodes fuse as before (the quantized reference kernels apply the attribute); float ones only
        // where a plugin takes the fused node
        return new ActivationFusion(fused ->
                        fused.declaredOutput(0).flatMap(ValueSpec::quantization).isPresent()
                                || acceleratorTakes(fused, simplified, declared, partitioner))
                .apply(simplified);
    }

    private static Map<String, ValueSpec> declaredValues(Graph graph) {
        Map<String, ValueSpec> declared = new HashMap<>(graph.valueInfo());
        for (ValueSpec in : graph.inputs()) {
            declared.put(in.name(), in);
        }
        for (GraphNode n : graph.nodes()) {
            for (ValueSpec out : n.declaredOutputs()) {
                declared.put(out.name(), out);
            }
        }
        return declared;
    }

    /** Whether the partitioner would place the fused node on a provider other than the fallback. */
    private static boolean acceleratorTakes(
            GraphNode fused, Graph graph, Map<String, ValueSpec> declared, Partitioner partitioner) {
        int n = fused.inputs().size();
        TensorType[] types = new TensorType[n];
        Tensor[] values = new Tensor[n];
        for (int i = 0; i < n; i++) {
            String name = fused.inputs().get(i);
            if (name.isEmpty()) {
                continue;
            }
            Tensor constant = graph.initializers().get(name);
            if (constant != null) {
                types[i] = constant.type();
                values[i] = constant;
                continue;
            }
            types[i] = fixedType(declared.get(name));
            if (types[i] == null) {
                return false; // symbolic or unknown: the provider cannot be asked now, so keep the graph as it is
            }
        }
        Partitioner.Choice choice = partitioner.choose(NodeViews.of(fused, types, values));
        return choice.factory() != null && !choice.provider().equals(partitioner.fallbackId());
    }

    private static TensorType fixedType(ValueSpec spec) {
        if (spec == null || spec.dataType() == null || !spec.hasShape()) {
            return null;
        }
        int[] dims = new int[spec.rank()];
        for (int i = 0; i < dims.length; i++) {
            if (spec.dim(i) < 0) {
                return null;
            }
            dims[i] = Math.toIntExact(spec.dim(i));
        }
        Shape shape = Shape.of(dims);
        return spec.quantization()
                .map(q -> TensorType.quantized(spec.dataType(), shape, q))
                .orElseGet(() -> TensorType.of(spec.dataType(), shape));
    }
}
