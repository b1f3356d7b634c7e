package dev.vela.runtime.passes;

import dev.vela.runtime.Model;
import dev.vela.runtime.Session;
import dev.vela.runtime.exec.Allocation;
import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.partition.Partitioner;
import dev.vela.runtime.plugin.KernelRegistry;
import dev.vela.runtime.profile.NodeTypes;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import dev.vela.spi.VelaException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Declares the element type, shape and quantization of every intermediate value, as the reference kernels infer them
 * (shape inference is part of each factory's prepare contract, D5): the graph is prepared and run once on zero
 * inputs of the declared shapes, and each node's output types are recorded as value declarations. Values the model
 * already declares keep their declaration. Applies only when every graph input has a fixed shape (symbolic
 * dimensions would be pinned to one size); otherwise, or when the reference cannot run the graph, the graph is
 * returned unchanged.
 */
public final class ShapeInference implements Pass {

    private final Partitioner providers;

    /** Infers with the reference kernels. */
    public ShapeInference() {
        this(KernelRegistry.reference());
    }

    /** @param registry the kernels whose prepare infers the types */
    public ShapeInference(KernelRegistry registry) {
        this(Partitioner.of(registry));
    }

    /**
     * @param providers the providers whose kernels' prepare infers the types (custom operators: the plugins that
     *     define them)
     */
    public ShapeInference(Partitioner providers) {
        this.providers = providers;
    }

    @Override
    public String name() {
        return "infer-shapes";
    }

    @Override
    public Graph apply(Graph graph) {
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (ValueSpec in : graph.inputs()) {
            if (in.dataType() == null || !in.hasShape()) {
                return graph;
            }
            int[] dims = new int[in.rank()];
            for (int i = 0; i < dims.length; i++) {
                if (in.dim(i) < 0) {
                    return graph;
                }
                dims[i] = (int) in.dim(i);
            }
            inputs.put(
                    in.name(),
                    Allocation.tensor(TensorType.of(in.dataType(), dims), () -> "input '" + in.name() + "'"));
        }
        List<NodeTypes> seen;
        try (Session session = Model.of(graph.name(), graph, providers).newSession()) {
            session.run(inputs);
            seen = session.nodeTypes();
        } catch (VelaException e) {
            return graph;
        }
        GraphEditor editor = new GraphEditor(graph);
        for (NodeTypes n : seen) {
            for (int i = 0; i < n.outputs().size() && i < n.node().outputs().size(); i++) {
                String name = n.node().outputs().get(i);
                ValueSpec declared = editor.valueInfo.get(name);
                if (name.isEmpty() || declared != null && declared.hasShape() && declared.dataType() != null) {
                    continue;
                }
                TensorType t = n.outputs().get(i);
                editor.valueInfo.put(
                        name,
                        new ValueSpec(
                                name,
                                t.dataType(),
                                t.shape().toLongArray(),
                                null,
                                t.quantization().orElse(null)));
                editor.markChanged();
            }
        }
        return editor.build();
    }
}
