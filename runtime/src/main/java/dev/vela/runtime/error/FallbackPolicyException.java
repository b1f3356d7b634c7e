package dev.vela.runtime.error;

import dev.vela.spi.VelaException;

/** A run placed more of the model on the fallback than the session's limit allows; the message names the nodes. */
public class FallbackPolicyException extends VelaException {

    private static final long serialVersionUID = 1L;

    /** @param message the share that fell back, the limit and the nodes */
    public FallbackPolicyException(String message) {
        super(message);
    }
}
