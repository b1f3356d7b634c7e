package dev.vela.runtime.graph;

import dev.vela.spi.VelaException;

/** The graph is not well formed: a missing or doubly produced tensor, a cycle, a bad output. */
public class InvalidGraphException extends VelaException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the node and tensor */
    public InvalidGraphException(String message) {
        super(message);
    }
}
