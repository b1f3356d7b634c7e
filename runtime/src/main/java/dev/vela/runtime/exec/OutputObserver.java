package dev.vela.runtime.exec;

import dev.vela.spi.Tensor;

/** What the executor calls after each node, for every output it wrote (see {@code Session.withValueObserver}). */
@FunctionalInterface
public interface OutputObserver {

    /**
     * @param node the node's profile name
     * @param op its operator
     * @param provider the provider that ran it
     * @param value the output's name
     * @param tensor a read-only view of the output, valid during the call
     */
    void written(String node, String op, String provider, String value, Tensor tensor);
}
