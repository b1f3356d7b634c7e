package dev.vela.reference.tensor;

import dev.vela.spi.DataType;
import dev.vela.spi.HalfFloats;

/** Rounds a double to the precision of a floating element type, so multi-step sums match per-type arithmetic. */
final class Rounding {

    private Rounding() {}

    /**
     * @param type a floating-point element type
     * @param v the value
     * @return {@code v} rounded to {@code type}, as a double
     */
    static double toType(DataType type, double v) {
        return switch (type) {
            case FLOAT32 -> (float) v;
            case FLOAT16 -> HalfFloats.float16ToFloat(HalfFloats.floatToFloat16((float) v));
            case BFLOAT16 -> HalfFloats.bfloat16ToFloat(HalfFloats.floatToBfloat16((float) v));
            default -> v;
        };
    }
}
