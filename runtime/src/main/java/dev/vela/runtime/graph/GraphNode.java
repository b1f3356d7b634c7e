package dev.vela.runtime.graph;

import dev.vela.spi.Attributes;
import dev.vela.spi.OpId;
import java.util.List;
import java.util.Objects;

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
 */
public record GraphNode(String name, OpId op, int opsetVersion, Attributes attributes, List<String> inputs,
        List<String> outputs) {

    /** Copies the lists and checks for nulls. */
    public GraphNode {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(attributes, "attributes");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** @return how the node is named in messages, e.g. {@code node 'conv1' (Conv)} */
    public String describe() {
        return "node '" + name + "' (" + op + ")";
    }
}
