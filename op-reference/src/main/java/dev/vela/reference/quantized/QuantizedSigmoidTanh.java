package dev.vela.reference.quantized;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.TensorType;
import java.util.EnumSet;
import java.util.function.IntUnaryOperator;

/**
 * Sigmoid (TFLite LOGISTIC) and Tanh on int8 and int16 as TFLite Micro's reference kernels.
 * int8: the input is rescaled to Q4.27 with a frexp multiplier, inputs beyond the saturation
 * radius map to the extremes, the rest go through gemmlowp's fixed-point logistic / tanh; the
 * output parameters are fixed (Sigmoid: scale 1/256, zero point -128; Tanh: 1/128, 0). int16:
 * zero points 0, output scale 2^-15, a 256-entry sigmoid table with linear interpolation.
 */
final class QuantizedSigmoidTanh extends QuantizedUnary {

    /** TFLite's {@code sigmoid_table_uint16}: sigmoid(x) * 65536 for x = 0, 1/32, ..., clamped. */
    private static final int[] SIGMOID_TABLE = {
        32768, 33451, 34133, 34813, 35493, 36169, 36843, 37513, 38180, 38841, 39498, 40149, 40794, 41432, 42064,
        42688, 43304, 43912, 44511, 45102, 45683, 46255, 46817, 47369, 47911, 48443, 48964, 49475, 49975, 50464,
        50942, 51409, 51865, 52311, 52745, 53169, 53581, 53983, 54374, 54755, 55125, 55485, 55834, 56174, 56503,
        56823, 57133, 57433, 57724, 58007, 58280, 58544, 58800, 59048, 59288, 59519, 59743, 59959, 60168, 60370,
        60565, 60753, 60935, 61110, 61279, 61441, 61599, 61750, 61896, 62036, 62172, 62302, 62428, 62549, 62666,
        62778, 62886, 62990, 63090, 63186, 63279, 63368, 63454, 63536, 63615, 63691, 63765, 63835, 63903, 63968,
        64030, 64090, 64148, 64204, 64257, 64308, 64357, 64405, 64450, 64494, 64536, 64576, 64614, 64652, 64687,
        64721, 64754, 64786, 64816, 64845, 64873, 64900, 64926, 64950, 64974, 64997, 65019, 65039, 65060, 65079,
        65097, 65115, 65132, 65149, 65164, 65179, 65194, 65208, 65221, 65234, 65246, 65258, 65269, 65280, 65291,
        65301, 65310, 65319, 65328, 65337, 65345, 65352, 65360, 65367, 65374, 65381, 65387, 65393, 65399, 65404,
        65410, 65415, 65420, 65425, 65429, 65433, 65438, 65442, 65445, 65449, 65453, 65456, 65459, 65462, 65465,
        65468, 65471, 65474, 65476, 65479, 65481, 65483, 65485, 65488, 65489, 65491, 65493, 65495, 65497, 65498,
        65500, 65501, 65503, 65504, 65505, 65507, 65508, 65509, 65510, 65511, 65512, 65513, 65514, 65515, 65516,
        65517, 65517, 65518, 65519, 65520, 65520, 65521, 65522, 65522, 65523, 65523, 65524, 65524, 65525, 65525,
        65526, 65526, 65526, 65527, 65527, 65528, 65528, 65528, 65529, 65529, 65529, 65529, 65530, 65530, 65530,
        65530, 65531, 65531, 65531, 65531, 65531, 65532, 65532, 65532, 65532, 65532, 65532, 65533, 65533, 65533,
        65533, 65533, 65533, 65533, 65533, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534,
        65535
    };

    private final boolean tanh;

    QuantizedSigmoidTanh(String op) {
        super(op, EnumSet.of(DataType.INT8, DataType.INT16));
        this.tanh = op.equals("Tanh");
    }

    @Override
    TensorType outputType(Node node, TensorType in) {
        if (QuantizedTensors.hasDeclaredOutput(node)) {
            return QuantizedTensors.output(node, in.dataType(), in.shape());
        }
        // TFLite fixes the output parameters of these ops
        float scale = in.dataType() == DataType.INT16 ? 1f / 32768f : (tanh ? 1f / 128f : 1f / 256f);
        long zp = in.dataType() == DataType.INT16 || tanh ? 0 : -128;
        return TensorType.quantized(in.dataType(), in.shape(), Quantization.perTensor(scale, zp));
    }

    @Override
    IntUnaryOperator function(Node node, TensorType in, TensorType out) {
        Quantization qi = in.quantization().orElseThrow();
        Quantization qo = out.quantization().orElseThrow();
        return in.dataType() == DataType.INT8 ? int8(node, qi, qo) : int16(node, qi, qo);
    }

    private IntUnaryOperator int8(Node node, Quantization qi, Quantization qo) {
        float expectedScale = tanh ? 1f / 128f : 1f / 256f;
        long expectedZp = tanh ? 0 : -128;
        if (qo.scale() != expectedScale || qo.zeroPoint() != expectedZp) {
            throw new InvalidNodeException(
                    node,
                    "int8 " + (tanh ? "Tanh" : "Sigmoid") + " output must have scale " + expectedScale
                            + " and zero point " + expectedZp + ", got " + qo);
        }
        final int inputIntegerBits = 4;
        double real = (double) qi.scale() * (double) (1 << (31 - inputIntegerBits));
        int leftShift = FixedPoint.frexpExponent(real);
        double q = real / Math.scalb(1.0, leftShift);
        int multiplier = (int) (long) FixedPoint.round(q * (1L << 31));
        double maxInputRescaled = 1.0
                * ((1 << inputIntegerBits) - 1)
                * (double) (1L << (31 - inputIntegerBits))
                / (double) (1L << leftShift);
        int radius = (int) Math.floor(maxInputRescaled);
        int zpIn = (int) qi.zeroPoint();
        return v -> {
            int x = v - zpIn;
            if (x <= -radius) {
                return -128;
            }
            if (x >= radius) {
                return 127;
            }
            int inQ4 = FixedPoint.multiplyByQuantizedMultiplier(x, multiplier, leftShift);
            if (tanh) {
                int r = FixedPoint.roundingDivideByPOT(FixedPoint.tanh(inQ4, inputIntegerBits), 31 - 7);
                return Math.max(-128, Math.min(127, r));
            }
            int r = FixedPoint.roundingDivideByPOT(FixedPoint.logistic(inQ4, inputIntegerBits), 31 - 8);
            return Math.max(-128, Math.min(127, r - 128));
        };
    }

    private IntUnaryOperator int16(Node node, Quantization qi, Quantization qo) {
        if (qi.zeroPoint() != 0 || qo.zeroPoint() != 0) {
            throw new InvalidNodeException(node, "int16 " + (tanh ? "Tanh" : "Sigmoid") + " needs zero points 0");
        }
        Integer outLog2 = checkedLog2(qo.scale());
        if (outLog2 == null || outLog2 != -15) {
            throw new InvalidNodeException(node, "int16 output scale must be 2^-15, got " + qo.scale());
        }
        final int inputIntegerBits = 3;
        float inLog2 = (float) Math.log(qi.scale()) * (float) (1.0 / Math.log(2.0));
        float inLog2Rounded = FixedPoint.round(inLog2);
        boolean pot = Math.abs(inLog2 - inLog2Rounded) < 1e-3f;
        int leftShift = (15 - inputIntegerBits) + (int) inLog2Rounded;
        pot &= tanh ? (leftShift == 0 || leftShift == 1) : leftShift == 0;
        int multiplier;
        if (pot) {
            multiplier = 0;
        } else {
            double m = (double) qi.scale() * 4096.0 * 3.0;
            leftShift = 0;
            while (m <= 32767.0 / 2.0 && leftShift <= 30) {
                leftShift++;
                m = m * 2.0;
            }
            multiplier = (int) m;
        }
        int mult = multiplier;
        int shift = leftShift;
        return tanh ? v -> tanhInt16(v, mult, shift) : v -> logisticInt16(v, mult, shift);
    }

    /**
     * TFLite {@code reference_integer_ops::Logistic} for int16: rescale by (multiplier, right
     * shift), where multiplier 0 means the power-of-two case 3 << shift, then interpolate the
     * sigmoid table.
     */
    static int logisticInt16(int v, int multiplier, int shift) {
        if (multiplier == 0) {
            multiplier = 3 << shift;
            shift = 0;
        }
        int round = shift > 0 ? 1 << (shift - 1) : 0;
        int x = (v * multiplier + round) >> shift;
        int abs = Math.abs(x);
        int uh = abs >>> 9;
        long result;
        if (uh >= 255) {
            result = 0x7FFFL << 10;
        } else {
            long ua = SIGMOID_TABLE[uh];
            long ub = SIGMOID_TABLE[uh + 1];
            long ut = abs & 0x1ff;
            result = (ua << 9) + ut * (ub - ua);
        }
        result = x >= 0 ? result + (1 << 9) : (1L << (16 + 9)) - result + (1 << 9) - 1;
        result >>>= 10;
        return (short) result;
    }

    /** TFLite {@code reference_integer_ops::Tanh} for int16, same conventions as {@link #logisticInt16}. */
    static int tanhInt16(int v, int multiplier, int shift) {
        if (multiplier == 0) {
            multiplier = 3 << shift;
            shift = 0;
        }
        int round = shift > 0 ? 1 << (shift - 1) : 0;
        int x = (v * multiplier + round) >> shift;
        int abs = Math.abs(x);
        int uh = abs >>> 8;
        int result;
        if (uh >= 255) {
            result = 0xFFFF << 8;
        } else {
            int ua = SIGMOID_TABLE[uh];
            int ub = SIGMOID_TABLE[uh + 1];
            int ut = abs & 0xFF;
            result = (ua << 8) + ut * (ub - ua);
        }
        result = x >= 0 ? result - (1 << (14 + 9)) + (1 << (9 - 2)) : -result + (1 << (14 + 9)) + (1 << (9 - 2)) - 1;
        result >>= (9 - 1);
        return (short) result;
    }

    /** TFLite {@code CheckedLog2}: the rounded log2 if x is within 1e-3 of a power of two, else null. */
    private static Integer checkedLog2(float x) {
        float log2 = (float) Math.log(x) * (float) (1.0 / Math.log(2.0));
        float rounded = FixedPoint.round(log2);
        return Math.abs(log2 - rounded) < 1e-3f ? (int) rounded : null;
    }
}
