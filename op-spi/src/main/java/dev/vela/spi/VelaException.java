package dev.vela.spi;

/**
 * Base of the SDK's exceptions. Messages name what is wrong (node, tensor, attribute, file) and
 * why.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public class VelaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong */
    public VelaException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong
     * @param cause the underlying failure
     */
    public VelaException(String message, Throwable cause) {
        super(message, cause);
    }
}
