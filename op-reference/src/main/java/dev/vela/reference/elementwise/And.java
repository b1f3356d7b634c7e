package dev.vela.reference.elementwise;

/** ONNX And: logical and of two bool tensors, with broadcasting. */
public final class And extends LogicalElementwise {

    /** Creates the factory. */
    public And() {
        super("And");
    }

    @Override
    boolean apply(boolean a, boolean b) {
        return a && b;
    }
}
