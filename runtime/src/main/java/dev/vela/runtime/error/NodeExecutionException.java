package dev.vela.runtime.error;

import dev.vela.spi.VelaException;

/**
 * Preparing or invoking the kernel of a node failed. The message names the node; the cause is the kernel's
 * exception (a {@link VelaException} when the kernel rejected the node clearly, anything else when it crashed).
 */
public class NodeExecutionException extends VelaException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message which node failed and how
     * @param cause the kernel's exception
     */
    public NodeExecutionException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param message which node failed and how */
    public NodeExecutionException(String message) {
        super(message);
    }
}
