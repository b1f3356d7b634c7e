package dev.vela.runtime.tflite;

/** TFLite's {@code ActivationFunctionType}: the activation an operator applies to its result. */
public enum FusedActivation {
    NONE,
    RELU,
    RELU_N1_TO_1,
    RELU6,
    TANH,
    SIGN_BIT;

    private static final FusedActivation[] BY_CODE = values();

    static FusedActivation ofCode(int code, FlatTable where) {
        if (code < 0 || code >= BY_CODE.length) {
            throw where.context().error(where.position(), where.what() + " has unknown fused activation code " + code);
        }
        return BY_CODE[code];
    }
}
