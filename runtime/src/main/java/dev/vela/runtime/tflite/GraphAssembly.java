package dev.vela.runtime.tflite;

import dev.vela.runtime.exec.Allocation;
import dev.vela.runtime.graph.GraphNode;
import dev.vela.spi.Attributes;
import dev.vela.spi.OpId;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects what the importer emits for one subgraph: value names for TFLite tensors (unique, the
 * tensor's own name where it has one), initializers for the constants nodes actually use, new
 * constants and helper values the mapping introduces, nodes, and the full type of every value.
 */
final class GraphAssembly {

    /** Opset version of default-domain operators the importer emits. */
    static final int ONNX_OPSET = 21;

    private final TfliteModel model;
    private final TfliteSubgraph graph;
    private final String[] names;
    private final TensorType[] types;
    private final Set<String> used = new HashSet<>();
    private final Map<String, Tensor> initializers = new LinkedHashMap<>();
    private final Map<String, TensorType> valueTypes = new LinkedHashMap<>();
    private final List<GraphNode> nodes = new ArrayList<>();

    GraphAssembly(TfliteModel model, TfliteSubgraph graph) {
        this.model = model;
        this.graph = graph;
        int n = graph.tensors().size();
        this.names = new String[n];
        this.types = new TensorType[n];
        for (int i = 0; i < n; i++) {
            TfliteTensor t = graph.tensor(i);
            names[i] = unique(t.name().isEmpty() ? "tensor_" + i : t.name());
        }
    }

    String source() {
        return model.source();
    }

    TfliteModel model() {
        return model;
    }

    TfliteTensor tensor(int index) {
        return graph.tensor(index);
    }

    /** The SPI type of a tensor (computed once). */
    TensorType type(int index) {
        if (types[index] == null) {
            types[index] = TfliteTypes.tensorType(model.source(), graph.tensor(index));
        }
        return types[index];
    }

    /**
     * The value name of tensor {@code index} as a node input, "" for an omitted one; a constant
     * becomes an initializer viewing the model's bytes, and a variable tensor (operator state
     * such as LSTM's) an initializer holding its reset value.
     */
    String input(int index) {
        if (index < 0) {
            return "";
        }
        String name = names[index];
        if (!initializers.containsKey(name)) {
            TfliteTensor t = graph.tensor(index);
            if (t.sparse()) {
                throw new dev.vela.runtime.error.UnsupportedFeatureException(model.source() + ": tensor " + t.describe()
                        + " is stored sparse, which the importer does not densify");
            }
            if (model.isConstant(t)) {
                initializers.put(name, Tensor.wrap(type(index), model.data(t)).asReadOnly());
            } else if (t.isVariable()) {
                initializers.put(name, resetState(index));
            }
        }
        valueTypes.putIfAbsent(name, type(index));
        return name;
    }

    /** The value name of tensor {@code index} as a node output. */
    String output(int index) {
        valueTypes.putIfAbsent(names[index], type(index));
        return names[index];
    }

    /** The value name without registering anything (graph inputs and outputs). */
    String name(int index) {
        return names[index];
    }

    /** Whether tensor {@code index} holds constant data. */
    boolean isConstant(int index) {
        return index >= 0 && model.isConstant(graph.tensor(index));
    }

    /** The constant bytes of tensor {@code index} (a fresh little-endian view). */
    ByteBuffer data(int index) {
        return model.data(graph.tensor(index));
    }

    /** Adds a constant the mapping creates; returns its unique value name. */
    String constant(String hint, Tensor value) {
        String name = unique(hint);
        initializers.put(name, value.asReadOnly());
        valueTypes.put(name, value.type());
        return name;
    }

    /** A new intermediate value of a known type; returns its unique name. */
    String temporary(String hint, TensorType type) {
        String name = unique(hint);
        valueTypes.put(name, type);
        return name;
    }

    void node(String name, OpId op, int opset, Attributes attributes, List<String> inputs, List<String> outputs) {
        String unique = unique(name);
        nodes.add(new GraphNode(
                unique,
                op,
                opset,
                attributes.withOwner("node '" + unique + "' (" + op + ")"),
                trimTrailingOmitted(inputs),
                outputs));
    }

    /** The value name of every TFLite tensor, by index. */
    List<String> tensorValues() {
        return List.of(names);
    }

    Map<String, Tensor> initializers() {
        return initializers;
    }

    Map<String, TensorType> valueTypes() {
        return valueTypes;
    }

    List<GraphNode> nodes() {
        return nodes;
    }

    /**
     * TFLite resets variable tensors to zero, except int8 ones, which it fills with their zero
     * point (so that they hold real 0).
     */
    private Tensor resetState(int index) {
        TensorType type = type(index);
        Tensor state = Allocation.tensor(
                type,
                () -> model.source() + ": variable tensor "
                        + graph.tensor(index).describe() + " " + type);
        if (type.dataType() == dev.vela.spi.DataType.INT8 && type.isQuantized()) {
            long zp = type.quantization().orElseThrow().zeroPoint(0);
            ByteBuffer bytes = state.bytes();
            for (int i = 0; i < bytes.capacity(); i++) {
                bytes.put(i, (byte) zp);
            }
        }
        return state;
    }

    private String unique(String base) {
        String name = base;
        for (int k = 1; !used.add(name); k++) {
            name = base + "_" + k;
        }
        return name;
    }

    private static List<String> trimTrailingOmitted(List<String> inputs) {
        int n = inputs.size();
        while (n > 0 && inputs.get(n - 1).isEmpty()) {
            n--;
        }
        return new ArrayList<>(inputs.subList(0, n));
    }
}
