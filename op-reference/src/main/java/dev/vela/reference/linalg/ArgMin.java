package dev.vela.reference.linalg;

/** ONNX ArgMin: the position of the smallest element along an axis (see {@link ArgExtreme}). */
public final class ArgMin extends ArgExtreme {

    /** Creates the factory. */
    public ArgMin() {
        super("ArgMin", false);
    }
}
