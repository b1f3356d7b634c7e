package dev.vela.runtime.quantize;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.QuantizedConstants;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the dynamic-range ("hybrid") layers of a graph back into float layers: a Conv or Gemm whose weights are a
 * quantized int8 constant (what the TFLite importer keeps for a dynamic-range model) gets the real values of its
 * weights as a float constant and loses {@code asymmetric_quantize_inputs}. Static int8 quantization starts from
 * this, so that it quantizes those layers' activations too instead of leaving them as hybrid layers.
 */
final class HybridWeights {

    private HybridWeights() {}

    /**
     * @param graph a graph
     * @return the graph with every hybrid Conv and Gemm on dequantized float weights
     */
    static Graph toFloat(Graph graph) {
        Map<String, Tensor> initializers = new LinkedHashMap<>(graph.initializers());
        List<GraphNode> nodes = new ArrayList<>();
        boolean changed = false;
        for (GraphNode n : graph.nodes()) {
            Tensor w = hybridWeights(graph, n);
            if (w == null) {
                nodes.add(n);
                continue;
            }
            String real = n.inputs().get(1) + "_dequantized";
            initializers.putIfAbsent(real, QuantizedConstants.realValues(w));
            List<String> inputs = new ArrayList<>(n.inputs());
            inputs.set(1, real);
            Attributes attributes = Attributes.builder()
                    .putAll(n.attributes())
                    .remove("asymmetric_quantize_inputs")
                    .build();
            nodes.add(new GraphNode(
                    n.name(), n.op(), n.opsetVersion(), attributes, inputs, n.outputs(), n.declaredOutputs()));
            changed = true;
        }
        if (!changed) {
            return graph;
        }
        for (String name : graph.initializers().keySet()) {
            if (nodes.stream().noneMatch(n -> n.inputs().contains(name))
                    && graph.outputs().stream().noneMatch(v -> v.name().equals(name))) {
                initializers.remove(name);
            }
        }
        return new Graph(graph.name(), graph.inputs(), graph.outputs(), initializers, graph.valueInfo(), nodes);
    }

    /** @return the int8 weights of a hybrid Conv or Gemm, or null for any other node */
    private static Tensor hybridWeights(Graph graph, GraphNode n) {
        if (!n.op().domain().isEmpty()
                || n.inputs().size() < 2
                || !(n.op().name().equals("Conv") || n.op().name().equals("Gemm"))) {
            return null;
        }
        Tensor w = graph.initializers().get(n.inputs().get(1));
        return w != null && w.dataType() == DataType.INT8 && w.type().isQuantized() ? w : null;
    }
}
