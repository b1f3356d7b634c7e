package dev.vela.reference.quantized;

import dev.vela.spi.DataType;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.TensorType;
import java.util.EnumSet;
import java.util.function.IntUnaryOperator;

/**
 * LeakyRelu on int8 / int16 as TFLite's {@code QuantizeLeakyRelu}: non-negative offset inputs scale
 * by {@code s_in / s_out}, negative ones by {@code s_in * alpha / s_out} (both products in float,
 * as TFLM), each with its own fixed-point multiplier; a negative alpha multiplies by |alpha| and
 * negates.
 */
final class QuantizedLeakyRelu extends QuantizedUnary {

    QuantizedLeakyRelu() {
        super("LeakyRelu", EnumSet.of(DataType.INT8, DataType.INT16));
    }

    @Override
    IntUnaryOperator function(Node node, TensorType in, TensorType out) {
        Quantization qi = in.quantization().orElseThrow();
        Quantization qo = out.quantization().orElseThrow();
        float alpha = node.attributes().getFloat("alpha", 0.01f);
        FixedPoint.Multiplier alphaM = FixedPoint.quantizeMultiplier((double) (qi.scale() * alpha / qo.scale()));
        FixedPoint.Multiplier identity = FixedPoint.quantizeMultiplier((double) (qi.scale() / qo.scale()));
        boolean negativeAlpha = alphaM.multiplier() < 0;
        int alphaMultiplier = negativeAlpha ? -alphaM.multiplier() : alphaM.multiplier();
        int zpIn = (int) qi.zeroPoint();
        int zpOut = (int) qo.zeroPoint();
        DataType t = out.dataType();
        return v -> {
            int x = v - zpIn;
            int r = zpOut;
            if (x >= 0) {
                r += FixedPoint.multiplyByQuantizedMultiplier(x, identity.multiplier(), identity.shift());
            } else {
                int s = FixedPoint.multiplyByQuantizedMultiplier(x, alphaMultiplier, alphaM.shift());
                r += negativeAlpha ? -s : s;
            }
            return saturate(r, t);
        };
    }
}
