package dev.vela.reference.nn;

/** ONNX GlobalMaxPool (opsets 1, 22) in float32: the maximum over all spatial positions of each channel; NaN propagates. */
public final class GlobalMaxPool extends GlobalPool {

    /** Creates the factory. */
    public GlobalMaxPool() {
        super("GlobalMaxPool");
    }

    @Override
    double reduce(double[] in, int[] offsets, int count) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            double v = in[offsets[i]];
            if (Double.isNaN(v)) {
                return v;
            }
            max = Math.max(max, v);
        }
        return count == 0 ? Double.NaN : max;
    }
}
