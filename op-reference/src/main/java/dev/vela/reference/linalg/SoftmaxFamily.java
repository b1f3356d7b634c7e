package dev.vela.reference.linalg;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;

/**
 * Softmax, LogSoftmax and Hardmax share their view of the input: before opset 13 the input is
 * coerced to 2-D at {@code axis} (default 1) and each row of that matrix is one lane; from opset 13
 * each lane runs along the single dimension {@code axis} (default -1). Subclasses compute one lane
 * in double; the result is rounded once to the element type.
 */
abstract class SoftmaxFamily extends ReferenceKernelFactory {

    /** The opset from which the operator works along one axis instead of the 2-D coercion. */
    static final int SINGLE_AXIS_SINCE = 13;

    SoftmaxFamily(String op) {
        super(op, DataTypes.FLOATS);
    }

    /**
     * Computes one lane.
     *
     * @param x the input elements
     * @param y where the results go
     * @param start flat index of the lane's first element
     * @param n the lane length
     * @param stride the distance between lane elements
     */
    abstract void lane(double[] x, double[] y, int start, int n, int stride);

    /**
     * @param node the node being prepared
     * @return the factor the input is multiplied by before the lanes are computed (TFLite Softmax's beta); 1 here
     */
    double inputScale(Node node) {
        return 1;
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 1, 1);
        TensorType in = NodeChecks.dataType(node, 0, DataTypes.FLOATS);
        int rank = in.shape().rank();
        boolean singleAxis = node.opsetVersion() >= SINGLE_AXIS_SINCE;
        long axisAttr = node.attributes().getLong("axis", singleAxis ? -1 : 1);
        int axis = NodeChecks.axis(node, axisAttr, rank);
        AxisSplit split = singleAxis ? AxisSplit.along(in.shape(), axis) : AxisSplit.coerced(in.shape(), axis);
        double scale = inputScale(node);
        return FunctionKernel.of(in, inv -> {
            double[] x = Elements.doubles(inv.input(0));
            if (scale != 1) {
                for (int i = 0; i < x.length; i++) {
                    x[i] *= scale;
                }
            }
            double[] y = new double[x.length];
            for (int l = 0; l < split.lanes(); l++) {
                lane(x, y, split.laneStart(l), split.n(), split.inner());
            }
            Elements.putDoubles(inv.output(0), y);
        });
    }

    /** @return the largest lane element; NaN if any is NaN (so the whole lane becomes NaN, as in numpy) */
    static double laneMax(double[] x, int start, int n, int stride) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[start + i * stride]);
        }
        return max;
    }

    /** @return the sum of {@code exp(x - max)} over the lane */
    static double laneExpSum(double[] x, int start, int n, int stride, double max) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(x[start + i * stride] - max);
        }
        return sum;
    }
}
