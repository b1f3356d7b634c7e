package dev.vela.runtime.bench.compare;

import dev.vela.spi.VelaException;

/** A reference engine failed to load, to accept the model, or to run it. */
public class EngineException extends VelaException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     * @param cause the engine's own error, or null
     */
    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
