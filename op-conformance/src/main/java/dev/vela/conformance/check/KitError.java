package dev.vela.conformance.check;

/**
 * The kit itself is wrong (a generator produced a case the reference refuses, or an invalid node
 * the reference accepts): the check reports ERROR, not a vendor failure.
 */
public final class KitError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong
     * @param cause the underlying exception, or null
     */
    public KitError(String message, Throwable cause) {
        super(message, cause);
    }
}
