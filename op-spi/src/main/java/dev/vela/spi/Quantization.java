package dev.vela.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * Affine quantization parameters in the TFLite scheme: {@code real = scale * (q - zeroPoint)}
 * (docs/architecture.md D3). Either one scale and zero point for the whole tensor, or one per slice
 * along a quantized axis (per-channel weights). Immutable.
 *
 * @since 0.1
 */
@API(status = API.Status.STABLE, since = "1.0")
public final class Quantization {

    private final float[] scales;
    private final long[] zeroPoints;
    private final int axis;

    private Quantization(float[] scales, long[] zeroPoints, int axis) {
        if (scales.length == 0 || scales.length != zeroPoints.length) {
            throw new IllegalArgumentException("quantization needs as many zero points as scales (and at least one): "
                    + scales.length + " scales, " + zeroPoints.length + " zero points");
        }
        for (float s : scales) {
            if (!(s > 0) || Float.isInfinite(s)) {
                throw new IllegalArgumentException("quantization scale must be positive and finite, got " + s);
            }
        }
        this.scales = scales;
        this.zeroPoints = zeroPoints;
        this.axis = axis;
    }

    /**
     * @param scale positive, finite
     * @param zeroPoint the integer that represents real 0
     * @return per-tensor parameters
     */
    public static Quantization perTensor(float scale, long zeroPoint) {
        return new Quantization(new float[] {scale}, new long[] {zeroPoint}, -1);
    }

    /**
     * @param axis the quantized axis (non-negative)
     * @param scales one per slice along the axis
     * @param zeroPoints one per slice along the axis
     * @return per-axis parameters
     */
    public static Quantization perAxis(int axis, float[] scales, long[] zeroPoints) {
        if (axis < 0) {
            throw new IllegalArgumentException("quantized axis must be non-negative, got " + axis);
        }
        return new Quantization(scales.clone(), zeroPoints.clone(), axis);
    }

    /** @return whether there is one scale per slice along {@link #axis()} */
    public boolean isPerAxis() {
        return axis >= 0;
    }

    /** @return the quantized axis, or -1 for per-tensor parameters */
    public int axis() {
        return axis;
    }

    /** @return how many (scale, zero point) pairs there are */
    public int count() {
        return scales.length;
    }

    /** @return the per-tensor scale (or the first one) */
    public float scale() {
        return scales[0];
    }

    /** @return the per-tensor zero point (or the first one) */
    public long zeroPoint() {
        return zeroPoints[0];
    }

    /**
     * @param i the slice index along the axis
     * @return its scale
     */
    public float scale(int i) {
        return scales[i];
    }

    /**
     * @param i the slice index along the axis
     * @return its zero point
     */
    public long zeroPoint(int i) {
        return zeroPoints[i];
    }

    /** @return a copy of all scales */
    public float[] scales() {
        return scales.clone();
    }

    /** @return a copy of all zero points */
    public long[] zeroPoints() {
        return zeroPoints.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quantization q
                && q.axis == axis
                && Arrays.equals(q.scales, scales)
                && Arrays.equals(q.zeroPoints, zeroPoints);
    }

    @Override
    public int hashCode() {
        return Objects.hash(axis, Arrays.hashCode(scales), Arrays.hashCode(zeroPoints));
    }

    @Override
    public String toString() {
        if (!isPerAxis()) {
            return "q(scale=" + scales[0] + ", zp=" + zeroPoints[0] + ")";
        }
        return "q(axis=" + axis + ", scales=" + Arrays.toString(scales) + ", zps=" + Arrays.toString(zeroPoints) + ")";
    }
}
