package dev.vela.reference.quantized;

import java.util.function.DoubleUnaryOperator;

/**
 * TFLite's 513-entry int16 lookup tables ({@code LUTPopulateInt16<float>} and the int16
 * {@code LUTLookup}): 512 segments over the input range, each entry corrected by half the
 * interpolation error at the segment midpoint, then linear interpolation on the low 7 bits.
 * Table generation evaluates the function in float as TFLite does; the transcendental function
 * itself comes from Java's libm, which may differ from the C library's in the last float bit.
 */
final class Int16Lut {

    private static final int STEPS = 512;

    private Int16Lut() {}

    /**
     * @param inputScale input scale
     * @param inputZeroPoint input zero point
     * @param outputScale output scale
     * @param outputZeroPoint output zero point
     * @param f the function, evaluated in float
     * @return the table
     */
    static short[] populate(
            float inputScale, int inputZeroPoint, float outputScale, int outputZeroPoint, DoubleUnaryOperator f) {
        float inputMin = inputScale * (-32768 - inputZeroPoint);
        float inputMax = inputScale * (32767 - inputZeroPoint);
        float outputMin = outputScale * (-32768 - outputZeroPoint);
        float outputMax = outputScale * (32767 - outputZeroPoint);
        float step = (inputMax - inputMin) / STEPS;
        float halfStep = step / 2;
        float scalingInv = 65536f / (outputMax - outputMin);
        short[] lut = new short[STEPS + 1];
        for (int i = 0; i < STEPS; i++) {
            float val = apply(f, inputMin + i * step);
            float valMid = apply(f, inputMin + i * step + halfStep);
            float valNext = apply(f, inputMin + (i + 1) * step);
            float sample = FixedPoint.round(val * scalingInv);
            float interp = FixedPoint.round((valNext * scalingInv + FixedPoint.round(val * scalingInv)) / 2);
            float mid = FixedPoint.round(valMid * scalingInv);
            float bias = FixedPoint.round((interp - mid) / 2);
            lut[i] = (short) Math.min(Math.max(sample - bias, -32768f), 32767f);
        }
        lut[STEPS] = (short) Math.min(Math.max(FixedPoint.round(apply(f, inputMax) * scalingInv), -32768f), 32767f);
        return lut;
    }

    private static float apply(DoubleUnaryOperator f, float x) {
        return (float) f.applyAsDouble(x);
    }

    /** TFLite's int16 {@code LUTLookup}: segment from the high 9 bits, interpolation on the low 7. */
    static int lookup(int value, short[] lut) {
        int index = 256 + (value >> 7);
        int offset = value & 0x7f;
        int base = lut[index];
        short slope = (short) (lut[index + 1] - lut[index]);
        int delta = (slope * offset + 64) >> 7;
        return (short) (base + delta);
    }
}
