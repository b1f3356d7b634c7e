package dev.vela.runtime.quantize;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Attributes;
import dev.vela.spi.DataType;
import dev.vela.spi.OpId;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dynamic-range ("hybrid") quantization with TFLite's semantics (docs/architecture.md D15): the constant float
 * weights of Conv and Gemm become symmetric per-channel int8 constants feeding the node directly, so the reference's
 * hybrid kernels run the layer as TFLite's dynamic-range kernels do: activations quantized to int8 on the fly per
 * batch row, int32 sums, float rescaling. Gemm gets {@code asymmetric_quantize_inputs = 1} (TFLite's converter sets
 * the option for dynamic-range FULLY_CONNECTED; asymmetric input quantization keeps more precision for inputs that
 * are not centred on zero); Conv with per-channel weights quantizes its inputs asymmetrically, as TFLite's
 * per-channel hybrid CONV_2D does. No calibration is needed; the weights shrink about fourfold.
 *
 * <p>Layers no hybrid kernel computes — grouped or dilated Conv, Conv not on 4-D float input, Gemm with
 * {@code transA}, scaling factors or a bias other than one float value per output — keep float compute: their
 * int8 weights go through a DequantizeLinear (axis 0) in front of the layer.
 */
public final class DynamicQuantizer {

    private static final int DOMAIN_OPSET = 13;
    private static final String ASYMMETRIC_INPUTS = "asymmetric_quantize_inputs";

    private DynamicQuantizer() {}

    /**
     * @param graph the float graph, shape-inferred
     * @return the graph with hybrid Conv/Gemm nodes on int8 weights, others with weights dequantized in front
     */
    public static Graph quantize(Graph graph) {
        Map<String, Tensor> initializers = new LinkedHashMap<>(graph.initializers());
        Map<String, String> dequantized = new LinkedHashMap<>();
        Map<String, String> hybridWeights = new LinkedHashMap<>();
        List<GraphNode> nodes = new ArrayList<>();
        for (GraphNode n : graph.nodes()) {
            boolean weighted = n.op().domain().isEmpty()
                    && n.inputs().size() >= 2
                    && (n.op().name().equals("Conv") || n.op().name().equals("Gemm"));
            Tensor w = weighted ? graph.initializers().get(n.inputs().get(1)) : null;
            if (w == null || w.dataType() != DataType.FLOAT32 || w.shape().rank() < 2) {
                nodes.add(n);
                continue;
            }
            String wName = n.inputs().get(1);
            int axis = n.op().name().equals("Gemm") && n.attributes().getLong("transB", 0) == 0 ? 1 : 0;
            List<String> inputs = new ArrayList<>(n.inputs());
            if (hybridKernelTakes(graph, n, w)) {
                String key = wName + "#" + axis;
                String qName = hybridWeights.get(key);
                if (qName == null) {
                    qName = unique(initializers, wName + "_int8");
                    initializers.put(qName, QuantizationMath.symmetricPerChannel(w, axis));
                    hybridWeights.put(key, qName);
                }
                inputs.set(1, qName);
                Attributes attrs = n.op().name().equals("Gemm")
                        ? Attributes.builder()
                                .putAll(n.attributes())
                                .put(ASYMMETRIC_INPUTS, 1L)
                                .build()
                        : n.attributes();
                nodes.add(new GraphNode(
                        n.name(), n.op(), n.opsetVersion(), attrs, inputs, n.outputs(), n.declaredOutputs()));
                continue;
            }
            if (axis != 0) {
                nodes.add(n);
                continue;
            }
            String real = dequantized.get(wName);
            if (real == null) {
                Tensor q = QuantizationMath.symmetricPerChannel(w, 0);
                float[] scales = q.type().quantization().orElseThrow().scales();
                String qName = unique(initializers, wName + "_int8");
                initializers.put(qName, q);
                initializers.put(qName + "/scale", Tensor.ofFloats(Shape.of(scales.length), scales));
                initializers.put(
                        qName + "/zero_point", Tensor.allocate(TensorType.of(DataType.INT8, Shape.of(scales.length))));
                real = wName + "_dequantized";
                nodes.add(new GraphNode(
                        wName + "/dequantize",
                        OpId.of("DequantizeLinear"),
                        DOMAIN_OPSET,
                        Attributes.builder().put("axis", 0L).build(),
                        List.of(qName, qName + "/scale", qName + "/zero_point"),
                        List.of(real)));
                dequantized.put(wName, real);
            }
            inputs.set(1, real);
            nodes.add(new GraphNode(
                    n.name(), n.op(), n.opsetVersion(), n.attributes(), inputs, n.outputs(), n.declaredOutputs()));
        }
        for (String replaced : graph.initializers().keySet()) {
            boolean stillUsed = nodes.stream().anyMatch(n -> n.inputs().contains(replaced))
                    || graph.outputs().stream().anyMatch(v -> v.name().equals(replaced));
            if (!stillUsed
                    && (dequantized.containsKey(replaced)
                            || hybridWeights.keySet().stream().anyMatch(k -> k.startsWith(replaced + "#")))) {
                initializers.remove(replaced);
            }
        }
        return new Graph(graph.name(), graph.inputs(), graph.outputs(), initializers, graph.valueInfo(), nodes);
    }

    /** Whether the reference's hybrid Conv or Gemm kernel can run the node with int8 weights. */
    private static boolean hybridKernelTakes(Graph graph, GraphNode n, Tensor w) {
        ValueSpec x = spec(graph, n.inputs().get(0));
        if (x == null || x.dataType() != DataType.FLOAT32) {
            return false;
        }
        Attributes a = n.attributes();
        if (n.op().name().equals("Conv")) {
            int[] dilations = a.getInts("dilations", new int[] {1, 1});
            for (int d : dilations) {
                if (d != 1) {
                    return false;
                }
            }
            return w.shape().rank() == 4
                    && x.rank() == 4
                    && a.getLong("group", 1) == 1
                    && floatBias(graph, n, w.shape().dim(0));
        }
        int units = a.getLong("transB", 0) == 1 ? w.shape().dim(0) : w.shape().dim(1);
        return w.shape().rank() == 2
                && x.rank() == 2
                && a.getLong("transA", 0) == 0
                && a.getFloat("alpha", 1f) == 1f
                && a.getFloat("beta", 1f) == 1f
                && floatBias(graph, n, units);
    }

    /** No bias, or a float32 bias holding exactly one value per output channel in one dimension. */
    private static boolean floatBias(Graph graph, GraphNode n, int channels) {
        if (n.inputs().size() < 3 || n.inputs().get(2).isEmpty()) {
            return true;
        }
        ValueSpec b = spec(graph, n.inputs().get(2));
        return b != null && b.dataType() == DataType.FLOAT32 && b.rank() == 1 && b.dim(0) == channels;
    }

    private static ValueSpec spec(Graph graph, String value) {
        Tensor constant = graph.initializers().get(value);
        if (constant != null) {
            return new ValueSpec(value, constant.dataType(), constant.shape().toLongArray(), null, null);
        }
        for (ValueSpec in : graph.inputs()) {
            if (in.name().equals(value)) {
                return in;
            }
        }
        return graph.valueInfo().get(value);
    }

    private static String unique(Map<String, Tensor> initializers, String hint) {
        String name = hint;
        for (int i = 1; initializers.containsKey(name); i++) {
            name = hint + "_" + i;
        }
        return name;
    }
}
