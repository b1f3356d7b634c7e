package dev.vela.reference.quantized;

import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.reference.support.SoftmaxBeta;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.TensorType;
import java.util.EnumSet;
import java.util.Set;

/**
 * Softmax over the last axis of an int8 or uint8 tensor, bit-exact with TFLite's quantized
 * reference {@code Softmax} (gemmlowp fixed point: input differences from the row maximum scaled
 * by {@code beta * s_in} into Q5.26, exp_on_negative_values, a Q12.19 sum, its reciprocal).
 * Outputs: int8 (scale 1/256, zero point -128), int16 from int8 (scale 1/65536, zero point
 * -32768) or uint8 (scale 1/256, zero point 0). int16 input (zero point 0) to int16 output (scale
 * 2^-15, zero point 0) follows TFLite's {@code SoftmaxInt16} with its exp and 1/(1+x) tables.
 */
public final class QuantizedSoftmax extends ReferenceKernelFactory {

    private static final Set<DataType> TYPES = EnumSet.of(DataType.INT8, DataType.UINT8, DataType.INT16);
    private static final int SCALED_DIFF_INTEGER_BITS = 5;
    private static final int ACCUMULATION_INTEGER_BITS = 12;

    /** Creates the factory. */
    public QuantizedSoftmax() {
        super("Softmax", TYPES);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 1, 1);
        TensorType in = QuantizedTensors.activation(node, 0, TYPES);
        Quantization qi = QuantizedTensors.perTensor(node, 0);
        int rank = in.shape().rank();
        if (rank == 0) {
            throw new InvalidNodeException(node, "softmax needs rank >= 1");
        }
        int axis = NodeChecks.axis(node, node.attributes().getLong("axis", -1), rank);
        if (axis != rank - 1) {
            throw new InvalidNodeException(node, "quantized Softmax supports the last axis only, got axis " + axis);
        }
        if (in.dataType() == DataType.INT16) {
            return prepareInt16(node, in, qi);
        }
        TensorType out;
        if (QuantizedTensors.hasDeclaredOutput(node)) {
            out = QuantizedTensors.output(node, in.dataType(), in.shape());
        } else {
            long zp = in.dataType() == DataType.INT8 ? -128 : 0;
            out = TensorType.quantized(in.dataType(), in.shape(), Quantization.perTensor(1f / 256f, zp));
        }
        Quantization qo = out.quantization().orElseThrow();
        DataType ot = out.dataType();
        boolean ok = switch (ot) {
            case INT8 -> in.dataType() == DataType.INT8 && qo.zeroPoint() == -128 && qo.scale() == 1f / 256f;
            case INT16 ->
                in.dataType() == DataType.INT8
                        && qo.zeroPoint() == -32768
                        && Math.abs(qo.scale() - 1f / 65536f) <= 0.001f / 65536f;
            case UINT8 -> in.dataType() == DataType.UINT8 && qo.zeroPoint() == 0 && qo.scale() == 1f / 256f;
            default -> false;
        };
        if (!ok) {
            throw new InvalidNodeException(
                    node,
                    "softmax output " + out + " is not supported for input "
                            + in.dataType().label()
                            + " (TFLite: int8 1/256 zp -128, int16 1/65536 zp -32768, uint8 1/256 zp 0)");
        }
        float beta = SoftmaxBeta.of(node);
        double maxReal = (double) ((1L << 31) - 1);
        double real = Math.min((double) beta * (double) qi.scale() * (1 << (31 - SCALED_DIFF_INTEGER_BITS)), maxReal);
        FixedPoint.Multiplier m = FixedPoint.quantizeMultiplier(real);
        if (m.shift() < 0) {
            throw new InvalidNodeException(
                    node,
                    "beta * input scale " + real + " is too small (TFLite requires a "
                            + "multiplier greater than one)");
        }
        int diffMin = -(int) Math.floor(((1 << SCALED_DIFF_INTEGER_BITS) - 1)
                * (double) (1L << (31 - SCALED_DIFF_INTEGER_BITS))
                / (double) (1L << m.shift()));
        int depth = in.shape().dim(rank - 1);
        int outBits = ot == DataType.INT16 ? 16 : 8;
        int outMin = QuantizedTensors.min(ot);
        int outMax = QuantizedTensors.max(ot);
        return FunctionKernel.of(out, inv -> invoke(inv, depth, m, diffMin, outBits, outMin, outMax));
    }

    private static Kernel prepareInt16(Node node, TensorType in, Quantization qi) {
        TensorType out = QuantizedTensors.hasDeclaredOutput(node)
                ? QuantizedTensors.output(node, DataType.INT16, in.shape())
                : TensorType.quantized(DataType.INT16, in.shape(), Quantization.perTensor(1f / 32768f, 0));
        Quantization qo = out.quantization().orElseThrow();
        if (qi.zeroPoint() != 0
                || out.dataType() != DataType.INT16
                || qo.zeroPoint() != 0
                || Math.abs(qo.scale() - 1f / 32768f) > 0.001f / 32768f) {
            throw new InvalidNodeException(
                    node,
                    "int16 softmax needs input zero point 0 and output int16 with scale "
                            + "2^-15 and zero point 0, got " + in + " -> " + out);
        }
        float beta = SoftmaxBeta.of(node);
        FixedPoint.Multiplier m = FixedPoint.quantizeMultiplier((double) qi.scale() * (double) beta / (10.0 / 65535.0));
        int range = 32767 - (-32768);
        short[] expLut = Int16Lut.populate(10.0f / range, 32767, 2.0f / range, 0, Math::exp);
        short[] reciprocalLut =
                Int16Lut.populate(1.0f / range, -32768, 2.0f / range, 0, v -> 1.0f / (1.0f + (float) v));
        int depth = in.shape().dim(in.shape().rank() - 1);
        return FunctionKernel.of(out, inv -> invokeInt16(inv, depth, m, expLut, reciprocalLut));
    }

    private static void invokeInt16(
            Invocation inv, int depth, FixedPoint.Multiplier m, short[] expLut, short[] reciprocalLut) {
        int[] x = IntArrays.read(inv.input(0));
        int[] y = new int[x.length];
        int rows = depth == 0 ? 0 : x.length / depth;
        for (int r = 0; r < rows; r++) {
            int base = r * depth;
            int max = Short.MIN_VALUE;
            for (int c = 0; c < depth; c++) {
                max = Math.max(max, x[base + c]);
            }
            int sum = 0;
            for (int c = 0; c < depth; c++) {
                int scaled = FixedPoint.multiplyByQuantizedMultiplier(x[base + c] - max, m.multiplier(), m.shift());
                int sym = Math.max(-32768, Math.min(32767, scaled + 32767));
                y[base + c] = Int16Lut.lookup(sym, expLut);
                sum += y[base + c];
            }
            int headroomPlusOne = Integer.numberOfLeadingZeros(sum);
            int shiftedSum = (int) ((((long) sum << (headroomPlusOne - 1)) + (1 << 13)) >> 14);
            int sym = Math.max(-32768, Math.min(32767, shiftedSum - ((1 << 15) + (1 << 16))));
            int reciprocal = Int16Lut.lookup(sym, reciprocalLut);
            int rightShift = 31 - headroomPlusOne;
            long round = 1L << (rightShift - 1);
            for (int c = 0; c < depth; c++) {
                int result = (int) (((long) y[base + c] * reciprocal + round) >> rightShift);
                y[base + c] = Math.min(Math.max(result, 0), 32767);
            }
        }
        IntArrays.write(inv.output(0), y);
    }

    private static void invoke(
            Invocation inv, int depth, FixedPoint.Multiplier m, int diffMin, int outBits, int outMin, int outMax) {
        int[] x = IntArrays.read(inv.input(0));
        int[] y = new int[x.length];
        int rows = depth == 0 ? 0 : x.length / depth;
        for (int r = 0; r < rows; r++) {
            int base = r * depth;
            int max = Integer.MIN_VALUE;
            for (int c = 0; c < depth; c++) {
                max = Math.max(max, x[base + c]);
            }
            int sum = 0;
            for (int c = 0; c < depth; c++) {
                int diff = x[base + c] - max;
                if (diff >= diffMin) {
                    int scaled =
                            FixedPoint.multiplyByQuantizedMultiplierGreaterThanOne(diff, m.multiplier(), m.shift());
                    sum += FixedPoint.rescale(
                            FixedPoint.expOnNegativeValues(scaled, SCALED_DIFF_INTEGER_BITS),
                            0,
                            ACCUMULATION_INTEGER_BITS);
                }
            }
            int[] reciprocal = FixedPoint.reciprocal(sum, ACCUMULATION_INTEGER_BITS);
            int exponent = reciprocal[1] + 31 - outBits;
            for (int c = 0; c < depth; c++) {
                int diff = x[base + c] - max;
                if (diff >= diffMin) {
                    int scaled =
                            FixedPoint.multiplyByQuantizedMultiplierGreaterThanOne(diff, m.multiplier(), m.shift());
                    int exp = FixedPoint.expOnNegativeValues(scaled, SCALED_DIFF_INTEGER_BITS);
                    int unsat = FixedPoint.roundingDivideByPOT(
                            FixedPoint.saturatingRoundingDoublingHighMul(reciprocal[0], exp), exponent);
                    y[base + c] = Math.max(outMin, Math.min(outMax, unsat + outMin));
                } else {
                    y[base + c] = outMin;
                }
            }
        }
        IntArrays.write(inv.output(0), y);
    }
}
