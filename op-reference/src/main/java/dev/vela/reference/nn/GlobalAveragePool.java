package dev.vela.reference.nn;

/** ONNX GlobalAveragePool (opsets 1, 22) in float32: the mean over all spatial positions of each channel. */
public final class GlobalAveragePool extends GlobalPool {

    /** Creates the factory. */
    public GlobalAveragePool() {
        super("GlobalAveragePool");
    }

    @Override
    double reduce(double[] in, int[] offsets, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += in[offsets[i]];
        }
        return count == 0 ? Double.NaN : sum / count;
    }
}
