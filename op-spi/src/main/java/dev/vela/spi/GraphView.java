package dev.vela.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only view of a model's graph as a {@link Delegate} sees it: its nodes in execution order,
 * the declared type (data type, shape, quantization) of each value where the model declares it
 * fully, and the constants. Nothing in the view can change the graph.
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public interface GraphView {

    /** @return the nodes in execution order; {@link ViewNode#index()} is the position in this list */
    List<ViewNode> nodes();

    /**
     * @param value a value name
     * @return its declared type with every dimension known, empty when the model leaves any of it open
     */
    Optional<TensorType> valueType(String value);

    /**
     * @param value a value name
     * @return its read-only constant value, empty when the value is computed at run time
     */
    Optional<Tensor> constant(String value);

    /**
     * @param value a value name
     * @return whether the value is a graph output (the caller reads it)
     */
    boolean isGraphOutput(String value);

    /**
     * A node of this view as a per-node {@link KernelFactory} sees it, so a delegate can prepare kernels (its own or
     * another provider's) for the nodes of a subgraph it compiles: operator, attributes and constants from this view;
     * input types from {@code knownTypes} first (e.g. the types the delegate's earlier kernels produce for values
     * whose declared shape is open), then the constant's or the declared type; output types as declared.
     *
     * @param node a node of this view
     * @param knownTypes types by value name that take precedence over the declared ones; may be empty
     * @return the node view; asking for the type of an input with no known type throws {@link InvalidNodeException}
     * @since 1.1
     */
    default Node asNode(ViewNode node, Map<String, TensorType> knownTypes) {
        return new ViewNodeAsNode(node, this, Map.copyOf(knownTypes));
    }

    /**
     * @param node a node of this view
     * @return {@link #asNode(ViewNode, Map)} with only the declared types
     * @since 1.1
     */
    default Node asNode(ViewNode node) {
        return asNode(node, Map.of());
    }
}
