package dev.vela.samples.javacpu.elementwise;

/** Element-wise activations over a range, each a plain loop. */
enum UnaryOp {
    /** max(x, 0); NaN stays NaN, -0 becomes 0 (as the reference's max). Math.max vectorises, a compare-and-select does not. */
    RELU {
        @Override
        void run(float[] x, int from, int to) {
            for (int i = from; i < to; i++) {
                x[i] = Math.max(x[i], 0f);
            }
        }
    },
    /** 1 / (1 + e^-x), evaluated in double on the side where the exponential cannot overflow. */
    SIGMOID {
        @Override
        void run(float[] x, int from, int to) {
            for (int i = from; i < to; i++) {
                double v = x[i];
                x[i] = (float) (v >= 0 ? 1.0 / (1.0 + Math.exp(-v)) : Math.exp(v) / (1.0 + Math.exp(v)));
            }
        }
    },
    /** Hyperbolic tangent. */
    TANH {
        @Override
        void run(float[] x, int from, int to) {
            for (int i = from; i < to; i++) {
                x[i] = (float) Math.tanh(x[i]);
            }
        }
    };

    /**
     * Replaces {@code x[from, to)} by the activation of each.
     *
     * @param x values
     * @param from first index
     * @param to one past the last
     */
    abstract void run(float[] x, int from, int to);
}
