package dev.vela.runtime.bench.compare;

/** The reference engine's classes or native library are not available; the message says how to add them. */
public final class EngineUnavailableException extends EngineException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is missing and how to enable it
     * @param cause the loading error, or null
     */
    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
