package dev.vela.runtime.graph;

import dev.vela.spi.Attributes;
import dev.vela.spi.NumericsFlavour;
import dev.vela.spi.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the numerics flavour (D15) into every quantized node of a graph as the attribute {@value
 * NumericsFlavour#ATTRIBUTE}, so that kernels, plugins and packages see it as part of the node. A node is quantized
 * when any of its declared inputs or outputs carries quantization parameters. Float nodes are left alone (the flavour
 * means nothing to them) except Conv, Gemm and AveragePool, whose {@code tflite} form sums in TFLite's reference
 * order. {@link NumericsFlavour#TFLM}, the meaning of a node without the attribute, removes it.
 * In the graph package (not passes) so that {@code Model} can use it without depending on the passes, which run
 * models (no package cycle; {@code PackageCyclesTest}); the conversion pass is {@code NumericsFlavourStamp}.
 */
public final class NumericsFlavours {

    /**
     * Float operators whose reference kernel has a {@code tflite} form: TFLite's reference summation order, bit for
     * bit. They matter in dynamic-range models, where a float layer feeds a hybrid one that quantizes its input on
     * the fly, and a last-bit difference can move a value across a quantization step. So they carry the flavour even
     * though they are not quantized.
     */
    private static final Set<String> FLOAT_OPS_WITH_A_TFLITE_ORDER = Set.of("Conv", "Gemm", "AveragePool");

    private NumericsFlavours() {}

    /**
     * @param graph a graph
     * @param flavour the flavour its quantized nodes follow
     * @return the graph with the flavour on its quantized nodes (the same graph when nothing changes)
     */
    public static Graph apply(Graph graph, NumericsFlavour flavour) {
        Map<String, Boolean> quantized = new HashMap<>();
        for (ValueSpec v : graph.inputs()) {
            quantized.put(v.name(), v.quantization().isPresent());
        }
        for (ValueSpec v : graph.outputs()) {
            quantized.merge(v.name(), v.quantization().isPresent(), Boolean::logicalOr);
        }
        for (ValueSpec v : graph.valueInfo().values()) {
            quantized.merge(v.name(), v.quantization().isPresent(), Boolean::logicalOr);
        }
        for (Map.Entry<String, Tensor> e : graph.initializers().entrySet()) {
            quantized.merge(e.getKey(), e.getValue().type().quantization().isPresent(), Boolean::logicalOr);
        }
        List<GraphNode> nodes = new ArrayList<>(graph.nodes().size());
        boolean changed = false;
        for (GraphNode n : graph.nodes()) {
            boolean carries = isQuantized(n, quantized) || FLOAT_OPS_WITH_A_TFLITE_ORDER.contains(n.op().toString());
            GraphNode stamped = carries ? withFlavour(n, flavour) : n;
            changed |= stamped != n;
            nodes.add(stamped);
        }
        if (!changed) {
            return graph;
        }
        List<ValueSpec> declaredInputs = new ArrayList<>(graph.inputs());
        return new Graph(graph.name(), declaredInputs, graph.outputs(), graph.initializers(), graph.valueInfo(), nodes);
    }

    /**
     * @param graph a graph
     * @return the flavour its quantized nodes carry: {@link NumericsFlavour#TFLM} unless a node says otherwise
     * @throws dev.vela.spi.InvalidNodeException when nodes name an unknown flavour
     */
    public static NumericsFlavour of(Graph graph) {
        NumericsFlavour found = NumericsFlavour.TFLM;
        for (GraphNode n : graph.nodes()) {
            if (n.attributes().has(NumericsFlavour.ATTRIBUTE)) {
                String label = n.attributes().getString(NumericsFlavour.ATTRIBUTE);
                try {
                    found = NumericsFlavour.parse(label);
                } catch (IllegalArgumentException e) {
                    throw new dev.vela.spi.InvalidNodeException(n.describe(), e.getMessage());
                }
            }
        }
        return found;
    }

    private static boolean isQuantized(GraphNode n, Map<String, Boolean> quantized) {
        for (String v : n.inputs()) {
            if (!v.isEmpty() && quantized.getOrDefault(v, false)) {
                return true;
            }
        }
        for (String v : n.outputs()) {
            if (!v.isEmpty() && quantized.getOrDefault(v, false)) {
                return true;
            }
        }
        return false;
    }

    private static GraphNode withFlavour(GraphNode n, NumericsFlavour flavour) {
        Attributes.Builder b = Attributes.builder().putAll(n.attributes()).remove(NumericsFlavour.ATTRIBUTE);
        if (flavour != NumericsFlavour.TFLM) {
            b.put(NumericsFlavour.ATTRIBUTE, flavour.label());
        }
        Attributes attributes = b.build();
        if (attributes.equals(n.attributes())) {
            return n;
        }
        return new GraphNode(
                n.name(), n.op(), n.opsetVersion(), attributes, n.inputs(), n.outputs(), n.declaredOutputs());
    }
}
