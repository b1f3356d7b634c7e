package dev.vela.samples.nativenpu;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;

/**
 * Symmetric int8 weight scales per output channel (per-tensor parameters broadcast), and the bias
 * checks TFLite's Prepare makes.
 *
 * @since 0.1
 */
final class WeightQuantization {

    /** Relative tolerance between a bias scale and s_x * s_w (float rounding of the product). */
    private static final double BIAS_SCALE_TOLERANCE = 1e-4;

    private WeightQuantization() {}

    /**
     * @param node the node
     * @param index the weight input
     * @param channels output channels
     * @param axis the axis per-axis parameters must be on
     * @return one scale per output channel
     */
    static float[] scales(Node node, int index, int channels, int axis) {
        TensorType t = node.inputType(index);
        Quantization q = t.quantization()
                .orElseThrow(() -> new InvalidNodeException(
                        node, "weights (input " + index + ", " + t + ") have no quantization parameters"));
        float[] scales = new float[channels];
        if (q.isPerAxis() && q.count() > 1) {
            if (q.axis() != axis) {
                throw new InvalidNodeException(
                        node,
                        "weights (input " + index + ") are quantized on axis " + q.axis() + ", expected axis " + axis
                                + " (output channels)");
            }
            if (q.count() != channels) {
                throw new InvalidNodeException(
                        node,
                        "weights (input " + index + ") have " + q.count() + " scales for " + channels
                                + " output channels");
            }
        }
        for (int i = 0; i < channels; i++) {
            int j = q.count() > 1 ? i : 0;
            if (q.zeroPoint(j) != 0) {
                throw new InvalidNodeException(
                        node, "weights (input " + index + ") must be symmetric (zero point 0), got " + q.zeroPoint(j));
            }
            scales[i] = q.scale(j);
        }
        return scales;
    }

    /**
     * @return the int32 bias values (one per channel) of constant input {@code index}, after checking
     *         its quantization (scale s_x * s_w per channel, zero point 0) when it has any
     */
    static int[] bias(Node node, int index, float inputScale, float[] weightScales) {
        Tensor b = Int8Types.constant(node, index, dev.vela.spi.DataType.INT32, "bias");
        int channels = weightScales.length;
        if (b.elementCount() != channels) {
            throw new InvalidNodeException(
                    node,
                    "bias (input " + index + ") " + b.shape() + " must hold one value per " + "output channel ("
                            + channels + ")");
        }
        b.type().quantization().ifPresent(q -> {
            for (int m = 0; m < channels; m++) {
                double expected = (double) inputScale * weightScales[m];
                double actual = q.count() == 1 ? q.scale() : q.scale(m);
                long zp = q.count() == 1 ? q.zeroPoint() : q.zeroPoint(m);
                if (Math.abs(actual - expected) > BIAS_SCALE_TOLERANCE * expected) {
                    throw new InvalidNodeException(
                            node,
                            "bias (input " + index + ") scale " + actual + " for channel " + m
                                    + " differs from input scale * weight scale = " + expected);
                }
                if (zp != 0) {
                    throw new InvalidNodeException(node, "bias (input " + index + ") zero point must be 0, got " + zp);
                }
            }
        });
        int[] values = new int[channels];
        b.ints().get(values);
        return values;
    }
}
