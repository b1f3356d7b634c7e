package dev.vela.runtime.quantize;

import dev.vela.spi.DataType;
import dev.vela.spi.Quantization;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;

/**
 * The arithmetic of the TFLite int8 scheme: asymmetric activation parameters from a real range, symmetric
 * per-channel weights in [-127, 127] and int32 bias with scale {@code s_in * s_w[c]} and zero point 0.
 * Rounding is half away from zero, as TFLite's quantizer rounds.
 */
public final class QuantizationMath {

    /** The smallest int8 value. */
    public static final int QMIN = -128;
    /** The largest int8 value. */
    public static final int QMAX = 127;
    /** Symmetric weights use [-127, 127] so that negation cannot overflow. */
    public static final int WEIGHT_MAX = 127;

    private QuantizationMath() {}

    /**
     * Asymmetric int8 parameters for the real range [min, max]: the range is first widened to contain 0 (so that 0
     * is exactly representable, as zero padding needs), then {@code scale = (max - min) / 255} and the zero point
     * {@code round(-128 - min / scale)} clamped to [-128, 127]. An empty range (all zeros) gets scale 1/255 rather
     * than 0, which no kernel accepts.
     *
     * @param min the smallest real value seen
     * @param max the largest real value seen
     * @return the per-tensor parameters
     */
    public static Quantization asymmetric(double min, double max) {
        if (!(min <= max) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("range [" + min + ", " + max + "] is not a finite range");
        }
        double lo = Math.min(min, 0);
        double hi = Math.max(max, 0);
        if (hi - lo < 1e-9) {
            hi = lo + 1;
        }
        float scale = (float) ((hi - lo) / (QMAX - QMIN));
        long zeroPoint = Math.round(QMIN - lo / scale);
        zeroPoint = Math.max(QMIN, Math.min(QMAX, zeroPoint));
        return Quantization.perTensor(scale, zeroPoint);
    }

    /**
     * @param real the real value
     * @param scale the scale
     * @param zeroPoint the zero point
     * @param lo the smallest integer allowed
     * @param hi the largest integer allowed
     * @return {@code clamp(round(real / scale) + zeroPoint)}, rounding halves away from zero
     */
    public static long quantize(double real, double scale, long zeroPoint, long lo, long hi) {
        long q = roundHalfAway(real / scale) + zeroPoint;
        return Math.max(lo, Math.min(hi, q));
    }

    static long roundHalfAway(double v) {
        return v >= 0 ? (long) Math.floor(v + 0.5) : -(long) Math.floor(-v + 0.5);
    }

    /**
     * Symmetric per-channel int8 weights along {@code axis} (the output channels: axis 0 for OHWI/OIHW Conv weights,
     * depthwise [C*m, kH, kW, 1] and Gemm transB=1 [out, in]): {@code scale[c] = max|w_c| / 127} (1 for an all-zero
     * channel), zero point 0.
     *
     * @param weights the float weights
     * @param axis the channel axis
     * @return int8 weights quantized per axis
     */
    public static Tensor symmetricPerChannel(Tensor weights, int axis) {
        int channels = weights.shape().dim(axis);
        int inner = 1;
        for (int d = axis + 1; d < weights.shape().rank(); d++) {
            inner *= weights.shape().dim(d);
        }
        int n = weights.elementCount();
        float[] maxAbs = new float[channels];
        for (int i = 0; i < n; i++) {
            int c = i / inner % channels;
            maxAbs[c] = Math.max(maxAbs[c], (float) Math.abs(weights.getDouble(i)));
        }
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) {
            scales[c] = maxAbs[c] > 0 ? maxAbs[c] / WEIGHT_MAX : 1f;
        }
        Tensor q = Tensor.allocate(TensorType.quantized(
                DataType.INT8, weights.shape(), Quantization.perAxis(axis, scales, new long[channels])));
        for (int i = 0; i < n; i++) {
            int c = i / inner % channels;
            q.setLong(i, quantize(weights.getDouble(i), scales[c], 0, -WEIGHT_MAX, WEIGHT_MAX));
        }
        return q;
    }

    /**
     * int32 bias for a layer with input scale {@code inputScale} and weight scales per output channel:
     * {@code q[c] = round(b[c] / (inputScale * weightScales[c]))}, zero point 0, saturated to int32.
     *
     * @param bias the float bias, one value per output channel
     * @param inputScale the scale of the layer's input
     * @param weightScales the scales of its weights, per output channel
     * @return the int32 bias quantized per axis 0
     */
    public static Tensor bias(Tensor bias, float inputScale, float[] weightScales) {
        int channels = weightScales.length;
        if (bias.elementCount() != channels) {
            throw new IllegalArgumentException(
                    "bias has " + bias.elementCount() + " values for " + channels + " output channels");
        }
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) {
            scales[c] = inputScale * weightScales[c];
        }
        Tensor q = Tensor.allocate(TensorType.quantized(
                DataType.INT32, bias.shape(), Quantization.perAxis(0, scales, new long[channels])));
        for (int c = 0; c < channels; c++) {
            q.setLong(c, quantize(bias.getDouble(c), scales[c], 0, Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        return q;
    }

    /**
     * Real values of a quantized tensor, {@code (q - zp) * scale}, per tensor or per axis.
     *
     * @param q the quantized tensor
     * @return float32 real values
     */
    public static Tensor dequantize(Tensor q) {
        Quantization p = q.type()
                .quantization()
                .orElseThrow(() -> new IllegalArgumentException("tensor " + q.type() + " has no quantization"));
        int inner = 1;
        if (p.isPerAxis()) {
            for (int d = p.axis() + 1; d < q.shape().rank(); d++) {
                inner *= q.shape().dim(d);
            }
        }
        Tensor out = Tensor.allocate(TensorType.of(DataType.FLOAT32, q.shape()));
        for (int i = 0; i < q.elementCount(); i++) {
            int c = p.isPerAxis() ? i / inner % p.count() : 0;
            out.setDouble(i, (float) ((q.getLong(i) - p.zeroPoint(c)) * (double) p.scale(c)));
        }
        return out;
    }
}
