package dev.vela.spi;

import java.util.List;

/**
 * One node of a {@link GraphView}: what a {@link Delegate} sees when it decides which nodes to take.
 * Values are named; an empty name marks an omitted optional input or an unused output.
 *
 * @since 1.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "1.1")
public interface ViewNode {

    /** @return the node's position in the view's {@link GraphView#nodes()} (execution order) */
    int index();

    /** @return the node's name, unique in the graph (the runtime names unnamed nodes) */
    String name();

    /** @return the operator */
    OpId op();

    /** @return the opset version the model declares for the operator's domain */
    int opsetVersion();

    /** @return the attributes */
    Attributes attributes();

    /** @return the names of the values it reads, by input position; empty for an omitted optional input */
    List<String> inputs();

    /** @return the names of the values it writes, by output position; empty for an unused output */
    List<String> outputs();
}
