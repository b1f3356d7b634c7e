package dev.vela.runtime.error;

import dev.vela.spi.VelaException;

/** No kernel exists for a node's operator (or for the data type it is used with); the message names node and op. */
public class UnsupportedOperatorException extends VelaException {

    private static final long serialVersionUID = 1L;

    /** @param message which node and operator */
    public UnsupportedOperatorException(String message) {
        super(message);
    }
}
