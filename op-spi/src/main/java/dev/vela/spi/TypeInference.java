package dev.vela.spi;

import java.util.List;

/**
 * The shape and type inference of an {@link OperatorDefinition}: the output types of a node that
 * satisfies the definition's schema. Kernels of the operator must infer exactly these types (the
 * conformance kit checks it), so the runtime and tools can plan a graph without preparing kernels.
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
@FunctionalInterface
public interface TypeInference {

    /**
     * @param node a node whose arity, attributes and element types the schema already admitted
     * @return the type of each output, {@link Node#outputCount()} of them
     * @throws InvalidNodeException naming the node if its shapes or attribute values do not fit
     */
    List<TensorType> infer(Node node);
}
