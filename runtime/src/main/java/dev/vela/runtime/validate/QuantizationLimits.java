package dev.vela.runtime.validate;

import dev.vela.runtime.error.InvalidModelException;
import dev.vela.spi.DataType;
import dev.vela.spi.Quantization;

/**
 * Quantization parameters against the scheme {@code real = scale * (q - zero_point)} (TFLite's quantization spec, ONNX
 * QuantizeLinear): each scale finite and positive (0 divides by zero when quantizing, NaN and infinity poison every
 * value), each zero point a value of the quantized type itself (a uint8 zero point of 300 cannot be stored).
 */
public final class QuantizationLimits {

    private QuantizationLimits() {}

    /**
     * @param source the file, for the message
     * @param what the tensor, e.g. {@code tensor 'conv/w' (tensor 3)}
     * @param type the quantized element type
     * @param scales its scales
     * @param zeroPoints its zero points
     * @throws InvalidModelException when a scale or zero point is out of range
     */
    public static void check(String source, String what, DataType type, float[] scales, long[] zeroPoints) {
        for (int i = 0; i < scales.length; i++) {
            float s = scales[i];
            if (!Float.isFinite(s) || s <= 0) {
                throw new InvalidModelException(source + ": " + what + " has quantization scale " + s
                        + (scales.length > 1 ? " (channel " + i + ")" : "") + ": scales must be finite and positive");
            }
        }
        if (type == null || !type.isInteger()) {
            return;
        }
        for (int i = 0; i < zeroPoints.length; i++) {
            long zp = zeroPoints[i];
            if (zp < min(type) || zp > max(type)) {
                throw new InvalidModelException(source + ": " + what + " has zero point " + zp
                        + (zeroPoints.length > 1 ? " (channel " + i + ")" : "") + " outside the range of "
                        + type.label() + " [" + min(type) + ", " + max(type) + "]");
            }
        }
    }

    /**
     * @param source the file, for the message
     * @param what the tensor
     * @param type its element type
     * @param q its quantization
     */
    public static void check(String source, String what, DataType type, Quantization q) {
        check(source, what, type, q.scales(), q.zeroPoints());
    }

    /**
     * @param source the file, for the message
     * @param what the tensor holding the scale (an input of QuantizeLinear and the like)
     * @param value the scale value
     * @throws InvalidModelException when it is not finite and positive
     */
    public static void checkScale(String source, String what, double value) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new InvalidModelException(source + ": " + what + " holds quantization scale " + value
                    + ": scales must be finite and positive");
        }
    }

    static long min(DataType type) {
        return switch (type) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            case INT64 -> Long.MIN_VALUE;
            default -> 0;
        };
    }

    static long max(DataType type) {
        return switch (type) {
            case INT8 -> Byte.MAX_VALUE;
            case UINT8 -> 255;
            case INT16 -> Short.MAX_VALUE;
            case UINT16 -> 65535;
            case INT32 -> Integer.MAX_VALUE;
            case UINT32 -> 0xFFFF_FFFFL;
            case BOOL -> 1;
            default -> Long.MAX_VALUE;
        };
    }
}
