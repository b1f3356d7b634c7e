package dev.vela.runtime.bench.accuracy;

import dev.vela.spi.VelaException;

/** A labelled set that cannot be used; the message names the file, the line or the sample. */
public final class LabelledSetException extends VelaException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the file and line or sample */
    public LabelledSetException(String message) {
        super(message);
    }
}
