package dev.vela.conformance.check;

/** A kernel broke the contract a check verifies; the message says how, in terms a vendor can act on. */
public final class CheckFailure extends AssertionError {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what the kernel did wrong
     */
    public CheckFailure(String message) {
        super(message);
    }

    /**
     * @param message what the kernel did wrong
     * @param cause the exception the kernel threw
     */
    public CheckFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
