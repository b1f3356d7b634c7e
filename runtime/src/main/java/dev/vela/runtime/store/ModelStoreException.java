package dev.vela.runtime.store;

import dev.vela.spi.VelaException;

/**
 * A model-store command that was refused or failed, with a message a device operator can act on (it names the model,
 * version, app or file). Nothing the store serves has changed when this is thrown.
 */
public class ModelStoreException extends VelaException {

    private static final long serialVersionUID = 1L;

    /** @param message what was refused and why */
    public ModelStoreException(String message) {
        super(message);
    }

    /**
     * @param message what was refused and why
     * @param cause the underlying failure
     */
    public ModelStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
