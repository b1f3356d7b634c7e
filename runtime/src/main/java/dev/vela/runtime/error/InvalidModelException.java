package dev.vela.runtime.error;

/**
 * A model file that decodes but breaks a rule its format's specification (or the runtime's 32-bit tensor limits)
 * sets: a negative dimension, a tensor of more than 2^31-1 elements or bytes, a quantization scale that is not finite
 * and positive, a zero point outside its type, an opset or IR version out of range, no graph outputs, a duplicate name,
 * an unknown operator code, a window attribute out of range. The message names the file and the node or tensor.
 */
public class InvalidModelException extends ModelFormatException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the file and the node or tensor */
    public InvalidModelException(String message) {
        super(message);
    }
}
