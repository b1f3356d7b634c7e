package dev.vela.reference.linalg;

/** ONNX ArgMax: the position of the largest element along an axis (see {@link ArgExtreme}). */
public final class ArgMax extends ArgExtreme {

    /** Creates the factory. */
    public ArgMax() {
        super("ArgMax", true);
    }
}
