package dev.vela.runtime.profile;

import dev.vela.runtime.graph.GraphNode;
import dev.vela.spi.TensorType;
import java.util.Collections;
import java.util.List;

/**
 * The tensor types one node saw in the last run that reached it.
 *
 * @param node the graph node
 * @param inputs its input types, null for omitted optional inputs
 * @param outputs its output types
 */
public record NodeTypes(GraphNode node, List<TensorType> inputs, List<TensorType> outputs) {

    /** Copies the lists (inputs may hold nulls). */
    public NodeTypes {
        inputs = Collections.unmodifiableList(new java.util.ArrayList<>(inputs));
        outputs = List.copyOf(outputs);
    }
}
