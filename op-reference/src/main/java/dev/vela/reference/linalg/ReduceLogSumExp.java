package dev.vela.reference.linalg;

import java.util.Arrays;

/**
 * ONNX ReduceLogSumExp: {@code log(sum(exp(x)))} over the reduced axes, computed as {@code max +
 * log(sum(exp(x - max)))} so large inputs do not overflow. An empty reduction or one over only
 * -inf gives -inf; one holding +inf gives +inf; NaN stays NaN.
 */
public final class ReduceLogSumExp extends Reduction {

    /** Creates the factory. */
    public ReduceLogSumExp() {
        super("ReduceLogSumExp", AXES_INPUT_SINCE, DataTypes.FLOATS);
    }

    @Override
    double initial() {
        return 0;
    }

    @Override
    double accumulate(double acc, double x) {
        return acc + x;
    }

    @Override
    double[] reduce(double[] x, ReductionPlan plan) {
        int[] to = plan.outIndex();
        double[] max = new double[plan.outCount()];
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < x.length; i++) {
            max[to[i]] = Math.max(max[to[i]], x[i]);
        }
        double[] sum = new double[max.length];
        for (int i = 0; i < x.length; i++) {
            double m = max[to[i]];
            // With an infinite maximum the shift is meaningless; the result is that infinity.
            if (!Double.isInfinite(m)) {
                sum[to[i]] += Math.exp(x[i] - m);
            }
        }
        for (int o = 0; o < sum.length; o++) {
            sum[o] = Double.isInfinite(max[o]) ? max[o] : max[o] + Math.log(sum[o]);
        }
        return sum;
    }
}
