package dev.vela.reference.elementwise;

/** ONNX Or: logical or of two bool tensors, with broadcasting. */
public final class Or extends LogicalElementwise {

    /** Creates the factory. */
    public Or() {
        super("Or");
    }

    @Override
    boolean apply(boolean a, boolean b) {
        return a || b;
    }
}
