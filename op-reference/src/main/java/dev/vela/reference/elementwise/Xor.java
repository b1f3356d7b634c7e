package dev.vela.reference.elementwise;

/** ONNX Xor: logical exclusive or of two bool tensors, with broadcasting. */
public final class Xor extends LogicalElementwise {

    /** Creates the factory. */
    public Xor() {
        super("Xor");
    }

    @Override
    boolean apply(boolean a, boolean b) {
        return a != b;
    }
}
