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
    static ConvQuantization of(
            DataType type,
            Quantization input,
            Quantization outputDraw,
            boolean perChannel,
            float weightScale,
            float outputFactor,
            int m,
            int k,
            long seed) {
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
     * Effective multipliers {@code s_x * s_w / s_y} at the boundaries of requantization: 0.5 and 0.375 (exact in
     * binary: products of odd accumulators land on rounding ties, where rounding half up and TFLite's half away
     * from zero differ), 0.3 (one right shift after the fixed-point multiply: TFLite's two roundings differ from
     * one rounding near a tie in about a quarter of the values), 0.7 (no shift), 1 (the left-shift boundary) and
     * 1.5 (a left shift).
     */
    static final double[] EDGE_MULTIPLIERS = {0.5, 0.375, 0.3, 0.7, 1.0, 1.5};

    /**
     * Parameters whose effective multiplier is one of {@link #EDGE_MULTIPLIERS} (exactly, when the scales are
     * powers of two; near it otherwise), per-tensor weights. Used with small data ({@link #smallData}) so that the
     * products stay in the output range instead of saturating.
     *
     * @param type activation type
     * @param input input parameters
     * @param outputDraw unused: the output zero point is mid-range
     * @param weightScale the weight scale
     * @param edge index into {@link #EDGE_MULTIPLIERS}
     * @param seed picks the uint8 weight zero point
     * @return the parameters
     */
    static ConvQuantization edge(
            DataType type, Quantization input, Quantization outputDraw, float weightScale, int edge, long seed) {
        long wz = 0;
        if (type == DataType.UINT8) {
            long pick = Math.floorMod(seed, 4);
            wz = pick == 0 ? 0 : pick == 1 ? 255 : 128 + Math.floorMod(seed >> 3, 40) - 20;
        }
        Quantization w = Quantization.perTensor(weightScale, wz);
        float outScale = (float) ((double) input.scale() * weightScale / EDGE_MULTIPLIERS[edge]);
        // the output zero point mid-range: ties of both signs stay inside the range, where the rounding shows
        Quantization y = Quantization.perTensor(outScale, type == DataType.UINT8 ? 128 : 0);
        return new ConvQuantization(input, w, y);
    }

    /**
     * @param q parameters of a tensor
     * @param type its element type
     * @return {lo, hi}: within 4 of the zero point, inside the type's range
     */
    static long[] smallData(Quantization q, DataType type) {
        long zp = q.zeroPoint();
        return new long[] {Math.max(QuantGens.min(type), zp - 4), Math.min(QuantGens.max(type), zp + 4)};
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
