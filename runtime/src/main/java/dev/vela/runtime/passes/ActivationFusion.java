package dev.vela.runtime.passes;

import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Attributes;
import dev.vela.spi.Tensor;
import dev.vela.spi.semantics.FusedActivation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Fuses a Relu or Clip that alone consumes a Conv or Gemm into that node as its {@link FusedActivation} (the
 * attributes {@code activation} and {@code activation_params}, as the TFLite importer writes them).
 *
 * <p>Opt-in, and targeted: the reference kernels apply the attribute, but a plugin's kernel that ignored it would
 * silently change results, so which nodes may be fused is a predicate supplied by whoever knows the kernels: the
 * default accepts only quantized nodes (declared output quantization, equal to the activation's, so the clamp
 * happens in the same quantized domain the quantized kernels clamp in); a converter that targets a provider passes a
 * predicate asking that provider's factories. A Clip whose bounds are reversed stays a node of its own. The pass is
 * not in {@link Passes#defaults()}.
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
            if (!act.op().domain().isEmpty()
                    || act.inputs().isEmpty()
                    || act.outputs().size() != 1) {
                continue;
            }
            FusedActivation activation = activation(act, editor.initializers);
            if (activation == null) {
                continue;
            }
            GraphNode producer = editor.producers().get(act.inputs().get(0));
            if (producer == null
                    || !producer.op().domain().isEmpty()
                    || !Set.of("Conv", "Gemm").contains(producer.op().name())
                    || producer.outputs().size() != 1
                    || FusedActivation.isPresent(producer.attributes())
                    || outputs.contains(producer.outputs().get(0))
                    || editor.useCounts().getOrDefault(producer.outputs().get(0), 0) != 1
                    || !sameQuantization(producer, act)) {
                continue;
            }
            Attributes.Builder attrs = activation.writeTo(Attributes.builder().putAll(producer.attributes()));
            GraphNode fused = new GraphNode(
                    producer.name(),
                    producer.op(),
                    producer.opsetVersion(),
                    attrs.build(),
                    producer.inputs(),
                    act.outputs(),
                    act.declaredOutputs());
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

    /** @return the activation of a Relu or a Clip with constant bounds min &lt;= max, or null for anything else */
    private static FusedActivation activation(GraphNode n, Map<String, Tensor> constants) {
        switch (n.op().name()) {
            case "Relu":
                return n.inputs().size() == 1 ? FusedActivation.RELU : null;
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
                return min <= max ? FusedActivation.clip(min, max) : null;
            }
            default:
                return null;
        }
    }
}
