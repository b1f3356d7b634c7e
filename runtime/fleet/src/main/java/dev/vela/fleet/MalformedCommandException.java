package dev.vela.fleet;

import dev.vela.spi.VelaException;

/** A command message that cannot be understood; the agent answers it with the reason and changes nothing. */
public final class MalformedCommandException extends VelaException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the message */
    public MalformedCommandException(String message) {
        super(message);
    }
}
