package dev.vela.reference.quantized;

import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.TensorType;
import java.util.EnumSet;
import java.util.function.IntUnaryOperator;

/**
 * HardSwish on int8 / uint8 as TFLite's quantized reference {@code HardSwish}: 16-bit fixed point
 * with the input on a "hires" scale {@code s_in / 128}, a "reluish" factor
 * {@code (relu6(x + 3) / 6)} on scale 3/32768 and a final rounding shift.
 */
final class QuantizedHardSwish extends QuantizedUnary {

    QuantizedHardSwish() {
        super("HardSwish", EnumSet.of(DataType.INT8, DataType.UINT8));
    }

    @Override
    IntUnaryOperator function(Node node, TensorType in, TensorType out) {
        Quantization qi = in.quantization().orElseThrow();
        Quantization qo = out.quantization().orElseThrow();
        float hiresInputScale = (1.0f / 128.0f) * qi.scale();
        float reluishScale = 3.0f / 32768.0f;
        FixedPoint.Multiplier outM = FixedPoint.quantizeMultiplier((double) (hiresInputScale / qo.scale()));
        FixedPoint.Multiplier reluM = FixedPoint.quantizeMultiplier((double) (hiresInputScale / reluishScale));
        if (outM.shift() > 0) {
            throw new InvalidNodeException(
                    node,
                    "output scale " + qo.scale() + " is too small for input scale " + qi.scale()
                            + " (TFLite requires s_in / (128 s_out) < 1)");
        }
        short outMult16 = downScaleToInt16(outM.multiplier());
        short reluMult16 = downScaleToInt16(reluM.multiplier());
        int outExp = outM.shift();
        int reluExp = reluM.shift();
        int zpIn = (int) qi.zeroPoint();
        int zpOut = (int) qo.zeroPoint();
        DataType t = out.dataType();
        return v -> {
            short x = (short) (v - zpIn);
            short hires = (short) (x * (1 << 7));
            short preshiftOutput = srdhm16(hires, outMult16);
            short reluish = hires;
            if (reluExp > 0) {
                reluish = saturatingLeftShift16(reluish, reluExp - 1);
            }
            reluish = srdhm16(reluish, reluMult16);
            if (reluExp > 0) {
                reluish = saturatingLeftShift16(reluish, 1);
            }
            if (reluExp < 0) {
                reluish = (short) FixedPoint.roundingDivideByPOT(reluish, -reluExp);
            }
            reluish = (short) ((reluish + (1 << 15)) >> 1);
            short preshift = saturatingDoublingHighMul16(reluish, preshiftOutput);
            short result = (short) FixedPoint.roundingDivideByPOT(preshift, -outExp);
            result = (short) (result + zpOut);
            return saturate(result, t);
        };
    }

    /** TFLite {@code DownScaleInt32ToInt16Multiplier}: rounds a Q0.31 multiplier to Q0.15. */
    static short downScaleToInt16(int multiplier) {
        int roundingOffset = 1 << 15;
        if (multiplier >= Integer.MAX_VALUE - roundingOffset) {
            return Short.MAX_VALUE;
        }
        return (short) ((multiplier + roundingOffset) >> 16);
    }

    /** gemmlowp {@code SaturatingRoundingDoublingHighMul} on int16. */
    static short srdhm16(short a, short b) {
        if (a == b && a == Short.MIN_VALUE) {
            return Short.MAX_VALUE;
        }
        int ab = a * b;
        int nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
        return (short) ((ab + nudge) / (1 << 15));
    }

    /** TFLite's hard-swish {@code SaturatingDoublingHighMul}: like SQDMULH, truncating toward zero. */
    static short saturatingDoublingHighMul16(short a, short b) {
        if (a == b && a == Short.MIN_VALUE) {
            return Short.MAX_VALUE;
        }
        return (short) ((a * b) / (1 << 15));
    }

    static short saturatingLeftShift16(short value, int amount) {
        long r = (long) value * (1L << amount);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
    }
}
