package dev.vela.runtime.error;

import dev.vela.spi.VelaException;

/** The inputs handed to {@link dev.vela.runtime.Session#run} do not match the model: missing, unknown, wrong dtype or shape. */
public class InvalidInputException extends VelaException {

    private static final long serialVersionUID = 1L;

    /** @param message which input and what is wrong */
    public InvalidInputException(String message) {
        super(message);
    }
}
