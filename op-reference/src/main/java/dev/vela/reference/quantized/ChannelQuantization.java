package dev.vela.reference.quantized;

import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Node;
import dev.vela.spi.Quantization;
import dev.vela.spi.TensorType;

/**
 * Per-output-channel parameters of a weight tensor (per-tensor parameters broadcast to every
 * channel, as TFLite's {@code PopulateConvolutionQuantizationParams} does) and the bias check.
 *
 * @param scales one scale per output channel
 * @param zeroPoints one zero point per output channel
 */
record ChannelQuantization(float[] scales, int[] zeroPoints) {

    /** Relative tolerance between a bias scale and s_x * s_w: float rounding of the product is ~6e-8. */
    static final double BIAS_SCALE_TOLERANCE = 1e-4;

    /**
     * @param node the node
     * @param index the weight input
     * @param channels output channels
     * @param axis the axis per-axis parameters must be on
     * @return the parameters per channel
     */
    static ChannelQuantization ofWeights(Node node, int index, int channels, int axis) {
        TensorType t = node.inputType(index);
        Quantization q = t.quantization()
                .orElseThrow(() -> new InvalidNodeException(
                        node, "weights (input " + index + ", " + t + ") have no quantization parameters"));
        float[] scales = new float[channels];
        int[] zps = new int[channels];
        if (q.isPerAxis() && q.count() > 1) {
            if (q.axis() != axis) {
                throw new InvalidNodeException(
                        node,
                        "weights (input " + index + ") are quantized per axis on axis " + q.axis() + ", expected axis "
                                + axis + " (output channels)");
            }
            if (q.count() != channels) {
                throw new InvalidNodeException(
                        node,
                        "weights (input " + index + ") have " + q.count() + " scales for " + channels
                                + " output channels");
            }
            for (int i = 0; i < channels; i++) {
                scales[i] = q.scale(i);
                zps[i] = (int) q.zeroPoint(i);
            }
        } else {
            java.util.Arrays.fill(scales, q.scale());
            java.util.Arrays.fill(zps, (int) q.zeroPoint());
        }
        for (int zp : zps) {
            QuantizedTensors.checkZeroPoint(node, "weight", zp, t.dataType());
        }
        return new ChannelQuantization(scales, zps);
    }

    /** Requires symmetric weights (all zero points 0), as TFLite's int8 and 16x8 kernels do. */
    void requireSymmetric(Node node, int index) {
        for (int zp : zeroPoints) {
            if (zp != 0) {
                throw new InvalidNodeException(
                        node, "weights (input " + index + ") must be symmetric (zero point 0), got " + zp);
            }
        }
    }

    /**
     * If the bias carries quantization parameters, requires its scale per channel to equal
     * {@code inputScale * weightScale[m]} within {@link #BIAS_SCALE_TOLERANCE} and its zero point
     * to be 0.
     */
    void checkBias(Node node, int index, float inputScale) {
        TensorType b = node.inputType(index);
        if (b.shape().elementCount() != scales.length) {
            throw new InvalidNodeException(
                    node,
                    "bias (input " + index + ") " + b.shape() + " must hold one value per " + "output channel ("
                            + scales.length + ")");
        }
        if (b.quantization().isEmpty()) {
            return;
        }
        Quantization q = b.quantization().get();
        for (int m = 0; m < scales.length; m++) {
            double expected = (double) inputScale * scales[m];
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
    }
}
