package dev.vela.reference.quantized;

import dev.vela.reference.support.Elements;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

/**
 * Relu and Clip on quantized tensors as TFLite Micro's quantized RELU / RELU6 / RELU_N1_TO_1:
 * requantize with {@code s_in / s_out} (the identity when the parameters agree) and clamp to
 * {@code zp_out + roundf(bound / s_out)} within the type's range. Clip's bounds come from inputs 1
 * and 2 (constants, float or quantized with input 0's parameters) or the {@code min}/{@code max}
 * attributes (opset < 11).
 */
final class QuantizedClamp extends QuantizedUnary {

    private final boolean clip;

    QuantizedClamp(String op) {
        super(op, QuantizedTensors.ACTIVATION_TYPES);
        this.clip = op.equals("Clip");
    }

    /** Clip's bounds decide the clamp range, which the lookup table bakes in at prepare time. */
    @Override
    public java.util.Set<Integer> valueInputs(Node node) {
        return clip ? java.util.Set.of(1, 2) : java.util.Set.of();
    }

    @Override
    int maxInputs() {
        return clip ? 3 : 1;
    }

    @Override
    IntUnaryOperator function(Node node, TensorType in, TensorType out) {
        Quantization qi = in.quantization().orElseThrow();
        Quantization qo = out.quantization().orElseThrow();
        float lowBound = 0f;
        float highBound = Float.POSITIVE_INFINITY;
        if (clip) {
            lowBound = bound(node, 1, "min", Float.NEGATIVE_INFINITY, qi);
            highBound = bound(node, 2, "max", Float.POSITIVE_INFINITY, qi);
        }
        DataType t = out.dataType();
        int lo = QuantizedTensors.min(t);
        int hi = QuantizedTensors.max(t);
        int zpOut = (int) qo.zeroPoint();
        int actMin = lowBound == Float.NEGATIVE_INFINITY
                ? lo
                : Math.max(lo, zpOut + (int) FixedPoint.round(lowBound / qo.scale()));
        int actMax = highBound == Float.POSITIVE_INFINITY
                ? hi
                : Math.min(hi, zpOut + (int) FixedPoint.round(highBound / qo.scale()));
        // TFLM CalculateReluOpData: the ratio is a float division widened to double
        FixedPoint.Multiplier m = FixedPoint.quantizeMultiplier((double) (qi.scale() / qo.scale()));
        int zpIn = (int) qi.zeroPoint();
        return v -> {
            int r = zpOut + FixedPoint.multiplyByQuantizedMultiplier(v - zpIn, m.multiplier(), m.shift());
            return Math.min(actMax, Math.max(actMin, r));
        };
    }

    private static float bound(Node node, int index, String attribute, float none, Quantization qi) {
        if (node.inputCount() > index && node.hasInput(index)) {
            Optional<Tensor> v = node.inputValue(index);
            if (v.isEmpty()) {
                throw new InvalidNodeException(
                        node, "quantized Clip needs a constant " + attribute + " (input " + index + ")");
            }
            Tensor t = v.get();
            if (t.elementCount() != 1) {
                throw new InvalidNodeException(node, attribute + " (input " + index + ") must be a scalar");
            }
            if (t.dataType().isFloatingPoint()) {
                return (float) Elements.doubles(t)[0];
            }
            // a quantized bound in input 0's parameters (QDQ-style graphs)
            Quantization q = t.type().quantization().orElse(qi);
            return (float) ((t.getLong(0) - q.zeroPoint()) * (double) q.scale());
        }
        return node.attributes().getFloat(attribute, none);
    }
}
