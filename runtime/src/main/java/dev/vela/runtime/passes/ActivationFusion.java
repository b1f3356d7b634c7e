package dev.vela.runtime.passes;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Attributes;
import dev.vela.spi.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Fuses a Relu or Clip that alone consumes a Conv or Gemm into that node, as the attributes {@code activation}
 * ("Relu", or "Clip" with floats {@code activation_params} [min, max]) — the convention of the TFLite importer, the
 * quantized reference kernels and plugins such as java-cpu.
 *
 * <p>Opt-in, and targeted: the float reference kernels do not apply that attribute (they refuse it), so fusing a
 * node whose kernel ignores it would silently change results. Which nodes may be fused is therefore a predicate
 * supplied by whoever knows the kernels: the default accepts only quantized nodes (declared output quantization,
 * equal to the activation's, so the clamp happens in the same quantized domain the quantized reference kernels
 * clamp in); a converter that targets a provider passes a predicate asking that provider's factories. The pass is not
 * in {@link Passes#defaults()}.
 */
public final class ActivationFusion implements Pass {

    private final Predicate<GraphNode> accepts;

    /** Fuses only into quantized Conv/Gemm nodes (what the quantized reference kernels implement). */
    public ActivationFusion() {
        this(ActivationFusion::isQuantized);
    }

    /** @param accepts whether the kernel chosen for a node (as it would be after fusion) applies the attribute */
    public ActivationFusion(Predicate<GraphNode> accepts) {
        this.accepts = accepts;
    }

    @Override
    public String name() {
        return "fuse-activations";
    }

    private static boolean isQuantized(GraphNode fused) {
        return fused.declaredOutput(0).flatMap(ValueSpec::quantization).isPresent();
    }

    @Override
    public Graph apply(Graph graph) {
        GraphEditor editor = new GraphEditor(graph);
        Set<String> outputs = editor.outputNames();
        for (GraphNode act : graph.nodes()) {
            if (!act.op().domain().isEmpty() || act.inputs().isEmpty() || act.outputs().size() != 1) {
                continue;
            }
            float[] range = range(act, editor.initializers);
            if (range == null) {
                continue;
            }
            GraphNode producer = editor.producers().get(act.inputs().get(0));
            if (producer == null || !producer.op().domain().isEmpty()
                    || !Set.of("Conv", "Gemm").contains(producer.op().name()) || producer.outputs().size() != 1
                    || producer.attributes().has("activation") || outputs.contains(producer.outputs().get(0))
                    || editor.useCounts().getOrDefault(producer.outputs().get(0), 0) != 1
                    || !sameQuantization(producer, act)) {
                continue;
            }
            Attributes.Builder attrs = Attributes.builder().putAll(producer.attributes());
            if (act.op().name().equals("Relu")) {
                attrs.put("activation", "Relu");
            } else {
                attrs.put("activation", "Clip").put("activation_params", range);
            }
            GraphNode fused = new GraphNode(producer.name(), producer.op(), producer.opsetVersion(), attrs.build(),
                    producer.inputs(), act.outputs(), act.declaredOutputs());
            if (!accepts.test(fused)) {
                continue;
            }
            editor.replace(producer, fused);
            editor.remove(editor.current(act.name()));
        }
        return editor.build();
    }

    private static boolean sameQuantization(GraphNode producer, GraphNode act) {
        Optional<?> a = producer.declaredOutput(0).flatMap(ValueSpec::quantization);
        Optional<?> b = act.declaredOutput(0).flatMap(ValueSpec::quantization);
        return a.equals(b);
    }

    /** @return [min, max] of a Relu or a Clip with constant bounds, or null for anything else */
    private static float[] range(GraphNode n, Map<String, Tensor> constants) {
        switch (n.op().name()) {
            case "Relu":
                return n.inputs().size() == 1 ? new float[] {0, Float.POSITIVE_INFINITY} : null;
            case "Clip": {
                float min = n.attributes().getFloat("min", Float.NEGATIVE_INFINITY);
                float max = n.attributes().getFloat("max", Float.POSITIVE_INFINITY);
                List<String> in = n.inputs();
                if (in.size() > 1 && !in.get(1).isEmpty()) {
                    Tensor t = constants.get(in.get(1));
                    if (t == null || t.elementCount() != 1 || !t.dataType().isFloatingPoint()) {
                        return null;
                    }
                    min = (float) t.getDouble(0);
                }
                if (in.size() > 2 && !in.get(2).isEmpty()) {
                    Tensor t = constants.get(in.get(2));
                    if (t == null || t.elementCount() != 1 || !t.dataType().isFloatingPoint()) {
                        return null;
                    }
                    max = (float) t.getDouble(0);
                }
                return new float[] {min, max};
            }
            default:
                return null;
        }
    }
}
