package dev.vela.runtime.tflite;

/**
 * One entry of the model's operator codes.
 *
 * @param builtinCode the builtin operator code, resolved from the deprecated byte field and the
 *     int field as TFLite does (the larger of the two)
 * @param customCode the custom operator's name when builtinCode is CUSTOM, else null
 * @param version the operator version (default 1)
 */
public record TfliteOperatorCode(int builtinCode, String customCode, int version) {

    /** Whether this is a custom operator. */
    public boolean isCustom() {
        return builtinCode == BuiltinOperators.CUSTOM;
    }

    /** {@code CUSTOM:<name>} for custom operators, else the builtin name. */
    public String name() {
        return isCustom() ? "CUSTOM:" + customCode : BuiltinOperators.name(builtinCode);
    }
}
