package dev.vela.runtime.tflite;

import dev.vela.runtime.error.UnsupportedFeatureException;

/**
 * A well-formed TFLite file uses something this runtime does not handle: a custom operator, an
 * unknown builtin, control flow across subgraphs, or buffers stored outside the flatbuffer (models
 * over 2 GB). The message names the file and the operator, tensor or buffer concerned.
 */
public class TfliteUnsupportedException extends UnsupportedFeatureException {

    private static final long serialVersionUID = 1L;

    /** @param message what is unsupported and where */
    public TfliteUnsupportedException(String message) {
        super(message);
    }
}
