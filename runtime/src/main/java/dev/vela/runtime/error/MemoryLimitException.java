package dev.vela.runtime.error;

import dev.vela.spi.VelaException;

/**
 * A run needs memory it cannot have: a tensor or the planned arena above the 2^31-1 bytes one buffer can hold, or more
 * direct memory than the JVM may reserve ({@code -XX:MaxDirectMemorySize}, by default the heap's maximum). The message
 * names the node and tensor (or the input) and the bytes asked for. The session stays usable.
 */
public class MemoryLimitException extends VelaException {

    private static final long serialVersionUID = 1L;

    /** @param message what needed how much memory */
    public MemoryLimitException(String message) {
        super(message);
    }
}
