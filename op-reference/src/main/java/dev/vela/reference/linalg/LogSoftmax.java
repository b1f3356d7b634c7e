package dev.vela.reference.linalg;

/**
 * ONNX LogSoftmax: {@code x - max - log(sum(exp(x - max)))} over each lane (see {@link
 * SoftmaxFamily} for the opset-dependent lanes); never takes the log of a rounded softmax.
 */
public final class LogSoftmax extends SoftmaxFamily {

    /** Creates the factory. */
    public LogSoftmax() {
        super("LogSoftmax");
    }

    @Override
    void lane(double[] x, double[] y, int start, int n, int stride) {
        double max = laneMax(x, start, n, stride);
        double logSum = Math.log(laneExpSum(x, start, n, stride, max));
        for (int i = 0; i < n; i++) {
            int at = start + i * stride;
            y[at] = x[at] - max - logSum;
        }
    }
}
