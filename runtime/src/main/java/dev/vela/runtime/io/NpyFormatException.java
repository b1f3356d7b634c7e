package dev.vela.runtime.io;

import dev.vela.spi.VelaException;

/** A .npy file is malformed or uses a layout Vela does not read (big-endian, Fortran order, unknown dtype). */
public class NpyFormatException extends VelaException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the file */
    public NpyFormatException(String message) {
        super(message);
    }
}
