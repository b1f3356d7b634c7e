package dev.vela.runtime.audio;

import dev.vela.spi.VelaException;

/** A pipeline description is missing a key or has a malformed value; the message names the file and the key. */
public class PipelineSpecException extends VelaException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the file */
    public PipelineSpecException(String message) {
        super(message);
    }
}
