package dev.vela.reference.linalg;

/**
 * ONNX Hardmax: 1 at the first maximum of each lane, 0 elsewhere (see {@link SoftmaxFamily} for
 * the opset-dependent lanes). Like numpy's argmax, a NaN counts as the maximum (the first one wins).
 */
public final class Hardmax extends SoftmaxFamily {

    /** Creates the factory. */
    public Hardmax() {
        super("Hardmax");
    }

    @Override
    void lane(double[] x, double[] y, int start, int n, int stride) {
        if (n == 0) {
            return;
        }
        int best = Extremes.argBest(x, start, n, stride, true, false);
        for (int i = 0; i < n; i++) {
            y[start + i * stride] = i == best ? 1 : 0;
        }
    }
}
