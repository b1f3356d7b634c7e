package dev.vela.spi;

import java.util.List;
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
}
