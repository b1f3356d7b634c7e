package dev.vela.runtime.quantize;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.OpId;
import dev.vela.spi.Tensor;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dynamic-range quantization, the lighter option: the constant float weights of Conv and Gemm (transB=1) are stored
 * as symmetric per-channel int8 and a DequantizeLinear (axis 0) in front of the layer restores float weights, so
 * the layer computes in float on float activations. The package shrinks about fourfold in its weights; no
 * calibration is needed. (TFLite's hybrid kernels would also quantize the activations on the fly; the float
 * compute here is the more accurate of the two.)
 */
public final class DynamicQuantizer {

    private static final int DOMAIN_OPSET = 13;

    private DynamicQuantizer() {
    }

    /**
     * @param graph the float graph
     * @return the graph with int8 weights dequantized in front of their layers
     */
    public static Graph quantize(Graph graph) {
        Map<String, Tensor> initializers = new LinkedHashMap<>(graph.initializers());
        Map<String, String> dequantized = new LinkedHashMap<>();
        List<GraphNode> nodes = new ArrayList<>();
        for (GraphNode n : graph.nodes()) {
            boolean weighted = n.op().domain().isEmpty() && n.inputs().size() >= 2 && (n.op().name().equals("Conv")
                    || n.op().name().equals("Gemm") && n.attributes().getLong("transB", 0) == 1);
            Tensor w = weighted ? graph.initializers().get(n.inputs().get(1)) : null;
            if (w == null || w.dataType() != DataType.FLOAT32 || w.shape().rank() < 2) {
                nodes.add(n);
                continue;
            }
            String wName = n.inputs().get(1);
            String real = dequantized.get(wName);
            if (real == null) {
                Tensor q = QuantizationMath.symmetricPerChannel(w, 0);
                float[] scales = q.type().quantization().orElseThrow().scales();
                String qName = wName + "_int8";
                initializers.put(qName, q);
                initializers.put(qName + "/scale", Tensor.ofFloats(Shape.of(scales.length), scales));
                Tensor zp = Tensor.allocate(TensorType.of(DataType.INT8,
                        Shape.of(scales.length)));
                initializers.put(qName + "/zero_point", zp);
                real = wName + "_dequantized";
                nodes.add(new GraphNode(wName + "/dequantize", OpId.of("DequantizeLinear"), DOMAIN_OPSET,
                        Attributes.builder().put("axis", 0L).build(),
                        List.of(qName, qName + "/scale", qName + "/zero_point"), List.of(real)));
                dequantized.put(wName, real);
            }
            List<String> inputs = new ArrayList<>(n.inputs());
            inputs.set(1, real);
            nodes.add(new GraphNode(n.name(), n.op(), n.opsetVersion(), n.attributes(), inputs, n.outputs(),
                    n.declaredOutputs()));
        }
        for (String replaced : dequantized.keySet()) {
            boolean stillUsed = nodes.stream().anyMatch(n -> n.inputs().contains(replaced))
                    || graph.outputs().stream().anyMatch(v -> v.name().equals(replaced));
            if (!stillUsed) {
                initializers.remove(replaced);
            }
        }
        return new Graph(graph.name(), graph.inputs(), graph.outputs(), initializers, graph.valueInfo(), nodes);
    }
}
