package dev.vela.reference.linalg;

/**
 * ONNX Softmax: {@code exp(x - max) / sum(exp(x - max))} over each lane (see {@link SoftmaxFamily}
 * for the opset-dependent lanes). Subtracting the lane maximum keeps large inputs finite.
 */
public final class Softmax extends SoftmaxFamily {

    /** Creates the factory. */
    public Softmax() {
        super("Softmax");
    }

    @Override
    void lane(double[] x, double[] y, int start, int n, int stride) {
        double max = laneMax(x, start, n, stride);
        double sum = laneExpSum(x, start, n, stride, max);
        for (int i = 0; i < n; i++) {
            int at = start + i * stride;
            y[at] = Math.exp(x[at] - max) / sum;
        }
    }
}
