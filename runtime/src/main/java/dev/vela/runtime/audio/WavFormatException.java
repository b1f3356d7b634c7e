package dev.vela.runtime.audio;

import dev.vela.spi.VelaException;

/** A WAV file is malformed or not the PCM layout asked for; the message names the file. */
public class WavFormatException extends VelaException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the file */
    public WavFormatException(String message) {
        super(message);
    }
}
