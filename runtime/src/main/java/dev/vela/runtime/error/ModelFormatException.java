package dev.vela.runtime.error;

import dev.vela.spi.VelaException;

/** A model file is malformed or truncated; the message names the file and, where known, the byte offset. */
public class ModelFormatException extends VelaException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the file */
    public ModelFormatException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the file
     * @param cause the underlying error
     */
    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
