package dev.vela.runtime.tflite;

import dev.vela.runtime.error.InvalidModelException;
import dev.vela.runtime.graph.Graph;
import dev.vela.runtime.graph.InvalidGraphException;
import dev.vela.runtime.graph.ValueSpec;
import dev.vela.runtime.validate.GraphValidator;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports a TFLite model's main subgraph into the Vela graph IR (see {@link OperatorMapper} for the
 * operator conventions). Custom operators become {@code tflite:<custom_code>} nodes with their FlexBuffers
 * custom_options as typed attributes ({@link CustomOptions}); a plugin must define them.
 */
public final class TfliteImporter {

    private TfliteImporter() {}

    /**
     * Reads and imports a model held in memory.
     *
     * @param source the name used in messages
     * @param bytes the file content
     * @return the imported graph
     */
    public static TfliteGraph importBytes(String source, byte[] bytes) {
        return importModel(TfliteReader.read(source, bytes));
    }

    /**
     * Imports a parsed model.
     *
     * @param model the model
     * @return the imported graph
     * @throws TfliteUnsupportedException for unknown builtin operators
     * @throws TfliteFormatException for a custom operator whose custom_options are not a FlexBuffers map
     */
    public static TfliteGraph importModel(TfliteModel model) {
        model.requireKnownBuiltins();
        TfliteSubgraph subgraph = model.mainSubgraph();
        GraphAssembly assembly = new GraphAssembly(model, subgraph);
        OperatorMapper mapper = new OperatorMapper(assembly);
        for (TfliteOperator op : subgraph.operators()) {
            try {
                mapper.map(op);
            } catch (IndexOutOfBoundsException
                    | IllegalArgumentException
                    | ArithmeticException
                    | ClassCastException
                    | NullPointerException e) {
                // the mapping reads nothing but the file: a violated assumption (a required input omitted as -1,
                // an intermediate shape over 2^31-1 elements) means the operator does not fit its definition
                throw new InvalidModelException(model.source() + ": operator " + op.index() + " ("
                        + model.operatorCode(op).name() + ") does not fit its definition (a required input or output"
                        + " missing, or shapes that cannot hold): " + e.getMessage());
            }
        }
        List<ValueSpec> inputs = specs(assembly, subgraph.inputs());
        List<ValueSpec> outputs = specs(assembly, subgraph.outputs());
        Set<String> io = new HashSet<>();
        inputs.forEach(v -> io.add(v.name()));
        outputs.forEach(v -> io.add(v.name()));
        Map<String, ValueSpec> valueInfo = new LinkedHashMap<>();
        for (Map.Entry<String, TensorType> e : assembly.valueTypes().entrySet()) {
            if (!io.contains(e.getKey()) && !assembly.initializers().containsKey(e.getKey())) {
                valueInfo.put(e.getKey(), spec(e.getKey(), e.getValue()));
            }
        }
        String name = subgraph.name().isEmpty() ? model.source() : subgraph.name();
        Graph graph;
        try {
            graph = new Graph(name, inputs, outputs, assembly.initializers(), valueInfo, assembly.nodes());
        } catch (InvalidGraphException e) {
            throw new InvalidGraphException(model.source() + ": " + e.getMessage());
        }
        GraphValidator.check(model.source(), graph);
        return new TfliteGraph(graph, Map.copyOf(assembly.valueTypes()), model, assembly.tensorValues());
    }

    private static List<ValueSpec> specs(GraphAssembly assembly, int[] tensors) {
        List<ValueSpec> out = new ArrayList<>(tensors.length);
        for (int t : tensors) {
            String name = assembly.output(t);
            out.add(spec(name, assembly.type(t)));
        }
        return out;
    }

    private static ValueSpec spec(String name, TensorType type) {
        return new ValueSpec(
                name,
                type.dataType(),
                type.shape().toLongArray(),
                null,
                type.quantization().orElse(null));
    }
}
