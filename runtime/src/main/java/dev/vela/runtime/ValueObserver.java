package dev.vela.runtime;

import dev.vela.spi.Tensor;

/**
 * Sees every value a node writes during {@link Session#run}, right after the node ran: what debugging tools need
 * ({@code vela run --dump}, {@code vela diff}) to find where two runs part. Costs nothing when no observer is set.
 *
 * <p>The tensor is a read-only view of session memory that later nodes reuse: copy it to keep it
 * ({@code Tensor.allocate(t.type()).copyFrom(t)}). The observer runs on the session's thread and must not call back
 * into the session.
 */
@FunctionalInterface
public interface ValueObserver {

    /**
     * One value written by one node.
     *
     * @param node the node's name (or its description when unnamed)
     * @param op the node's operator, e.g. {@code Conv}
     * @param provider the id of the provider whose kernel ran the node
     * @param value the name of the value (a node output)
     * @param tensor a read-only view, valid only during the call
     */
    record Written(String node, String op, String provider, String value, Tensor tensor) {}

    /**
     * Called once per node output after the node ran, in execution order.
     *
     * @param written the value and the node that wrote it
     */
    void written(Written written);
}
