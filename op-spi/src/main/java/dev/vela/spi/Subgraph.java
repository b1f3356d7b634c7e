package dev.vela.spi;

import java.util.List;

/**
 * A partition the runtime accepted from a {@link Delegate}'s proposal, to be compiled by {@link
 * Delegate#compile(Subgraph)}. It is convex (no path leaves it and comes back), and its boundary is
 * fixed: the compiled kernel's input {@code i} is the value {@link #inputs()}{@code .get(i)} of
 * type {@link #inputTypes()}{@code .get(i)}, its output {@code k} is {@link #outputs()}{@code
 * .get(k)}. The runtime owns those boundary tensors; every other value of the subgraph is the
 * delegate's own (it may keep it in its own memory or never materialise it). Constants the nodes
 * read are not boundary inputs: they come from {@link GraphView#constant(String)}.
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public interface Subgraph extends GraphView {

    /** @return a name for messages, e.g. {@code acme-npu#0} */
    String name();

    /** @return the boundary inputs: non-constant values the nodes read that are produced outside the subgraph */
    List<String> inputs();

    /** @return the actual type of each boundary input, in the order of {@link #inputs()} */
    List<TensorType> inputTypes();

    /** @return the boundary outputs: values produced inside that are read outside or are graph outputs */
    List<String> outputs();
}
