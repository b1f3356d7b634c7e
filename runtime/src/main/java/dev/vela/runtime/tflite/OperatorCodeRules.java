package dev.vela.runtime.tflite;

/**
 * Resolves an {@code OperatorCode}'s builtin code as TFLite does ({@code max(builtin_code, deprecated_builtin_code)}:
 * old files set only the byte, new ones set the int and keep the byte at the code or, above 126, at
 * {@code PLACEHOLDER_FOR_GREATER_OP_CODES}), refusing what that rule would silently turn into a real operator: a
 * negative code (a negative int or byte made {@code max} pick the other field, e.g. ADD), a byte that contradicts the
 * int, or the placeholder itself, which names no operator. Non-negative codes this runtime does not know stay
 * readable (a newer converter's model) and are refused by name when an operator uses them.
 */
final class OperatorCodeRules {

    private OperatorCodeRules() {}

    /**
     * @param source the file, for the message
     * @param index the operator code's index in {@code operator_codes}
     * @param builtin the int field {@code builtin_code}
     * @param deprecated the byte field {@code deprecated_builtin_code}
     * @return the builtin code
     * @throws TfliteFormatException when the pair is invalid
     */
    static int resolve(String source, int index, int builtin, int deprecated) {
        String where = source + ": operator code " + index + " ";
        if (builtin < 0 || deprecated < 0) {
            throw new TfliteFormatException(where + "has a negative builtin code (builtin_code " + builtin
                    + ", deprecated_builtin_code " + deprecated + ")");
        }
        int placeholder = BuiltinOperators.PLACEHOLDER_FOR_GREATER_OP_CODES;
        if (builtin > 0) {
            boolean consistent = builtin < placeholder
                    ? deprecated == 0 || deprecated == builtin
                    : deprecated == 0 || deprecated == placeholder;
            if (!consistent) {
                throw new TfliteFormatException(where + "has builtin_code " + builtin + " ("
                        + BuiltinOperators.name(builtin) + ") but deprecated_builtin_code " + deprecated + " ("
                        + BuiltinOperators.name(deprecated) + "); the byte must equal the code, or be "
                        + placeholder + " for codes above " + (placeholder - 1));
            }
        }
        int code = Math.max(builtin, deprecated);
        if (code == placeholder) {
            throw new TfliteFormatException(where + "is PLACEHOLDER_FOR_GREATER_OP_CODES (" + placeholder
                    + ") without a builtin_code above it: it names no operator");
        }
        return code;
    }
}
