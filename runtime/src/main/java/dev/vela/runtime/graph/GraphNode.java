package dev.vela.runtime.graph;

import dev.vela.spi.Attributes;
import dev.vela.spi.OpId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One operator application in a graph. Input and output names refer to graph values; an empty name marks an
 * omitted optional input or output, as in ONNX.
 *
 * @param name unique, never empty (importers generate {@code <op>_<index>} when the model has none)
 * @param op the operator
 * @param opsetVersion the opset version of the operator's domain
 * @param attributes the attributes
 * @param inputs input value names ("" for omitted optional inputs)
 * @param outputs output value names ("" for omitted optional outputs)
 * @param declaredOutputs the graph's declared type of each output (same size as {@code outputs}), or empty when the
 *     node was built without them; {@link Graph} fills them in from its value declarations
 */
public record GraphNode(
        String name,
        OpId op,
        int opsetVersion,
        Attributes attributes,
        List<String> inputs,
        List<String> outputs,
        List<ValueSpec> declaredOutputs) {

    /** Copies the lists and checks for nulls. */
    public GraphNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(attributes, "attributes");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        declaredOutputs = List.copyOf(declaredOutputs);
        if (!declaredOutputs.isEmpty() && declaredOutputs.size() != outputs.size()) {
            throw new IllegalArgumentException("node '" + name + "' declares " + declaredOutputs.size()
                    + " output types for " + outputs.size() + " outputs");
        }
    }

    /** A node without declared output types. */
    public GraphNode(
            String name, OpId op, int opsetVersion, Attributes attributes, List<String> inputs, List<String> outputs) {
        this(name, op, opsetVersion, attributes, inputs, outputs, List.of());
    }

    /** @return how the node is named in messages, e.g. {@code node 'conv1' (Conv)} */
    public String describe() {
        return "node '" + name + "' (" + op + ")";
    }

    /** @return the declared type of output {@code index}, empty when the graph does not declare it */
    public Optional<ValueSpec> declaredOutput(int index) {
        return index >= 0 && index < declaredOutputs.size()
                ? Optional.of(declaredOutputs.get(index))
                : Optional.empty();
    }

    /** @return this node with the declared types of its outputs looked up by name (unknown where undeclared) */
    GraphNode withDeclaredOutputs(Map<String, ValueSpec> declared) {
        List<ValueSpec> specs = new ArrayList<>(outputs.size());
        boolean any = false;
        for (String out : outputs) {
            ValueSpec spec = declared.get(out);
            any |= spec != null;
            specs.add(spec != null ? spec : ValueSpec.unknown(out.isEmpty() ? "?" : out));
        }
        return any ? new GraphNode(name, op, opsetVersion, attributes, inputs, outputs, specs) : this;
    }
}
