package dev.vela.samples.nativefp32;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.Arrays;

/**
 * The int8 weights of a dynamic-range ("hybrid") Conv, TFLite's CONV_2D with float activations: constant symmetric
 * int8 weights quantized per tensor or per output channel (axis 0). The kernel keeps the int8 values (as floats, so
 * the GEMM sums them exactly) and the scales; what the reference's hybrid Conv refuses is refused here too.
 */
final class HybridWeights {

    private HybridWeights() {}

    /**
     * @param node a Conv with int8 weights (input 1)
     * @param m output channels
     * @return one scale per output channel
     * @throws InvalidNodeException when the weights are not constant, not quantized, not symmetric or not per tensor
     *     or per output channel
     */
    static float[] scales(Node node, int m) {
        TensorType t = node.inputType(1);
        if (node.inputValue(1).isEmpty()) {
            throw new InvalidNodeException(
                    node, "int8 weights must be constant: this kernel packs them at prepare time");
        }
        Quantization q = t.quantization()
                .orElseThrow(() -> new InvalidNodeException(
                        node, "int8 weights (input 1, " + t + ") have no quantization parameters"));
        float[] scales = new float[m];
        if (q.isPerAxis() && q.count() > 1) {
            if (q.axis() != 0 || q.count() != m) {
                throw new InvalidNodeException(
                        node,
                        "int8 weights are quantized on axis " + q.axis() + " with " + q.count()
                                + " scales; expected one per output channel on axis 0");
            }
            for (int i = 0; i < m; i++) {
                scales[i] = q.scale(i);
                requireZero(node, q.zeroPoint(i));
            }
        } else {
            Arrays.fill(scales, q.scale());
            requireZero(node, q.zeroPoint());
        }
        return scales;
    }

    /**
     * TFLite's hybrid CONV_2D is group 1 and ignores dilation; such nodes are refused rather than computed
     * differently from their attributes (as the reference does).
     */
    static void requireGeometry(Node node, int group) {
        if (group != 1) {
            throw new InvalidNodeException(node, "hybrid (int8-weight) Conv supports group 1 only, got group " + group);
        }
        for (int d : node.attributes().getInts("dilations", new int[] {1, 1})) {
            if (d != 1) {
                throw new InvalidNodeException(node, "hybrid (int8-weight) Conv supports dilation 1 only");
            }
        }
    }

    /** @return the int8 values as floats, in the tensor's order */
    static float[] values(Tensor weights) {
        float[] v = new float[weights.elementCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = weights.getLong(i);
        }
        return v;
    }

    /** @return whether the per-channel scales differ (TFLite then takes its per-channel path) */
    static boolean differ(float[] scales) {
        for (float s : scales) {
            if (s != scales[0]) {
                return true;
            }
        }
        return false;
    }

    private static void requireZero(Node node, long zeroPoint) {
        if (zeroPoint != 0) {
            throw new InvalidNodeException(
                    node, "int8 weights must be symmetric (zero point 0), got zero point " + zeroPoint);
        }
    }
}
