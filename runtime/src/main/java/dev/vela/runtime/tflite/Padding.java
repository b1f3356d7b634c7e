package dev.vela.runtime.tflite;

/** TFLite's {@code Padding} enum: SAME pads so that output = ceil(input / stride), VALID does not pad. */
public enum Padding {
    SAME,
    VALID;

    static Padding ofCode(int code, FlatTable where) {
        if (code == 0) {
            return SAME;
        }
        if (code == 1) {
            return VALID;
        }
        throw where.context().error(where.position(), where.what() + " has unknown padding code " + code);
    }
}
