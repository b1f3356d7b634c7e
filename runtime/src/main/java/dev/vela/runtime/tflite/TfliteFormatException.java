package dev.vela.runtime.tflite;

import dev.vela.runtime.error.ModelFormatException;

/**
 * A TFLite file is malformed, truncated or inconsistent. The message names the file and, where the
 * problem sits at a known place, the byte offset.
 */
public class TfliteFormatException extends ModelFormatException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the file */
    public TfliteFormatException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the file
     * @param cause the underlying error
     */
    public TfliteFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
