package dev.vela.reference.linalg;

import dev.vela.reference.support.SoftmaxBeta;
import dev.vela.spi.Node;

/**
 * ONNX Softmax: {@code exp(x - max) / sum(exp(x - max))} over each lane (see {@link SoftmaxFamily}
 * for the opset-dependent lanes). Subtracting the lane maximum keeps large inputs finite. TFLite's
 * {@code beta} (attribute {@code beta}, default 1) multiplies the input first; it must be finite and positive.
 */
public final class Softmax extends SoftmaxFamily {

    /** Creates the factory. */
    public Softmax() {
        super("Softmax");
    }

    @Override
    double inputScale(Node node) {
        return SoftmaxBeta.of(node);
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
