package dev.vela.runtime.pack;

import dev.vela.runtime.error.ModelFormatException;

/** A {@code .vela} file that cannot be read: corrupt, truncated, not a package, or written by a newer format. */
public final class PackageFormatException extends ModelFormatException {

    private static final long serialVersionUID = 1L;

    /** @param message names the file and, where it applies, the byte offset */
    public PackageFormatException(String message) {
        super(message);
    }
}
