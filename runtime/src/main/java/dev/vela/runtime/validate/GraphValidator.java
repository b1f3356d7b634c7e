package dev.vela.runtime.validate;

import dev.vela.runtime.error.InvalidModelException;
import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.spi.Tensor;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What every importer checks on the graph it built, whatever the file format: at least one graph output, unique
 * output names, declared shapes with non-negative dimensions and at most 2^31-1 elements and bytes, quantization
 * parameters in range (on declared values and constants), window attributes in range, constant quantization scales
 * finite and positive, Softmax beta finite and positive. Structure (one producer per value, no cycle, outputs
 * produced) is {@link Graph}'s own check. Errors are {@link InvalidModelException}s naming the file, node and tensor.
 */
public final class GraphValidator {

    private GraphValidator() {}

    /**
     * @param source the file, named in every message
     * @param graph the imported graph
     * @throws InvalidModelException on the first violation
     */
    public static void check(String source, Graph graph) {
        if (graph.outputs().isEmpty()) {
            throw new InvalidModelException(
                    source + ": graph '" + graph.name() + "' declares no outputs: a model must" + " have at least one");
        }
        Set<String> outputNames = new HashSet<>();
        for (ValueSpec out : graph.outputs()) {
            if (!outputNames.add(out.name())) {
                throw new InvalidModelException(source + ": graph output '" + out.name() + "' is declared twice");
            }
        }
        specs(source, "graph input", graph.inputs());
        specs(source, "graph output", graph.outputs());
        specs(source, "value", graph.valueInfo().values());
        for (Map.Entry<String, Tensor> e : graph.initializers().entrySet()) {
            Tensor t = e.getValue();
            t.type()
                    .quantization()
                    .ifPresent(q -> QuantizationLimits.check(
                            source, "initializer '" + e.getKey() + "'", t.type().dataType(), q));
        }
        for (GraphNode n : graph.nodes()) {
            for (ValueSpec declared : n.declaredOutputs()) {
                if (declared != null) {
                    spec(source, n.describe() + " output '" + declared.name() + "'", declared);
                }
            }
            WindowAttributeRules.check(source, n);
            SoftmaxRules.check(source, n);
            ScaleInputRules.check(source, n, graph.initializers());
        }
    }

    private static void specs(String source, String kind, java.util.Collection<ValueSpec> specs) {
        for (ValueSpec v : specs) {
            spec(source, kind + " '" + v.name() + "'", v);
        }
    }

    private static void spec(String source, String what, ValueSpec v) {
        TensorLimits.check(source, what, v);
        v.quantization().ifPresent(q -> QuantizationLimits.check(source, what, v.dataType(), q));
    }
}
