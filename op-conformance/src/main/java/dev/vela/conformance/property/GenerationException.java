package dev.vela.conformance.property;

/** A generator could not produce a value (a filter rejected too many in a row). */
public final class GenerationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong
     */
    public GenerationException(String message) {
        super(message);
    }
}
