package dev.vela.conformance.cases.ops;

import dev.vela.spi.DataType;
import dev.vela.spi.Quantization;

/**
 * The quantization of a quantized Conv (or fully-connected) case: per-tensor input and output,
 * weights per-tensor or per output channel (axis 0), and the bias scale TFLite requires
 * (input scale times each weight scale, zero point 0).
 *
 * @param input input parameters
 * @param weights weight parameters
 * @param output declared output parameters
 */
record ConvQuantization(Quantization input, Quantization weights, Quantization output) {

    /**
     * @param type activation type
     * @param input input parameters
     * @param outputDraw output parameters whose zero point is kept (the scale is derived)
     * @param perChannel one weight scale per output channel (int8 / int16 activations only)
     * @param weightScale the base weight scale
     * @param outputFactor output scale relative to one that spans the accumulator's typical range
     *        (below 1 saturates)
     * @param m output channels
     * @param k terms per output (input channels per group times taps)
     * @param seed varies the per-channel scales and the uint8 weight zero point
     * @return the parameters
     */
    static ConvQuantization of(DataType type, Quantization input, Quantization outputDraw, boolean perChannel,
            float weightScale, float outputFactor, int m, int k, long seed) {
        Quantization w;
        if (type == DataType.UINT8) {
            long pick = Math.floorMod(seed, 4);
            long zp = pick == 0 ? 0 : pick == 1 ? 255 : 128 + Math.floorMod(seed >> 3, 40) - 20;
            w = Quantization.perTensor(weightScale, zp);
        } else if (perChannel) {
            float[] scales = new float[m];
            for (int i = 0; i < m; i++) {
                scales[i] = weightScale * (0.25f + Math.floorMod(seed >> (2 * i % 60), 8) / 4f);
            }
            w = Quantization.perAxis(0, scales, new long[m]);
        } else {
            w = Quantization.perTensor(weightScale, 0);
        }
        double span = type == DataType.INT16 ? 1 : 4;
        float outScale = (float) (input.scale() * weightScale * 32 * Math.sqrt(k) * outputFactor * span);
        Quantization y = Quantization.perTensor(outScale, type == DataType.INT16 ? 0 : outputDraw.zeroPoint());
        return new ConvQuantization(input, w, y);
    }

    /**
     * @param m output channels
     * @return the bias parameters: scale input * weight per channel, zero point 0
     */
    Quantization bias(int m) {
        if (!weights.isPerAxis()) {
            return Quantization.perTensor((float) ((double) input.scale() * weights.scale()), 0);
        }
        float[] s = new float[m];
        for (int i = 0; i < m; i++) {
            s[i] = (float) ((double) input.scale() * weights.scale(i));
        }
        return Quantization.perAxis(0, s, new long[m]);
    }

    /**
     * @param axis the output-channel axis of the weights (1 for ONNX ConvTranspose's [I, O, kH, kW])
     * @return these parameters with per-channel weight scales on that axis
     */
    ConvQuantization weightsOnAxis(int axis) {
        if (!weights.isPerAxis() || weights.axis() == axis) {
            return this;
        }
        return new ConvQuantization(input, Quantization.perAxis(axis, weights.scales(), weights.zeroPoints()), output);
    }
}
