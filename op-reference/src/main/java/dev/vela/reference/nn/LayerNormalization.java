package dev.vela.reference.nn;

import dev.vela.reference.support.Broadcast;
import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * ONNX LayerNormalization (opset 17) in float32: X is viewed as rows (the dimensions before
 * {@code axis}, default -1) by columns (the rest); each row is normalised by its mean and
 * population variance, {@code Y = (X - mean) / sqrt(var + epsilon) * Scale + B}, with Scale and
 * the optional B broadcast to X. Optional outputs Mean and InvStdDev have X's shape with the
 * normalised dimensions set to 1. Not layout-dependent. Statistics are computed in double, which
 * meets or exceeds every {@code stash_type}.
 */
public final class LayerNormalization extends ReferenceKernelFactory {

    /** Creates the factory. */
    public LayerNormalization() {
        super("LayerNormalization", EnumSet.of(DataType.FLOAT32));
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 2, 3);
        TensorType xType = NodeChecks.dataType(node, 0, Set.of(DataType.FLOAT32));
        NodeChecks.sameDataType(node, 0, 1, 2);
        Shape xs = xType.shape();
        if (xs.rank() == 0) {
            throw new InvalidNodeException(node, "input 0 must have rank >= 1");
        }
        int axis = NodeChecks.axis(node, node.attributes().getLong("axis", -1), xs.rank());
        if (node.outputCount() > 3) {
            throw new InvalidNodeException(node, "has " + node.outputCount() + " outputs, at most 3 are defined");
        }
        int[] scaleIndex = broadcastTo(node, 1, xs);
        int[] biasIndex = node.hasInput(2) ? broadcastTo(node, 2, xs) : null;
        int rows = 1;
        int[] statDims = xs.dims();
        for (int i = 0; i < xs.rank(); i++) {
            if (i < axis) {
                rows *= xs.dim(i);
            } else {
                statDims[i] = 1;
            }
        }
        int cols = rows == 0 ? 0 : xs.elementCount() / rows;
        List<TensorType> types = new ArrayList<>();
        types.add(xType);
        for (int i = 1; i < node.outputCount(); i++) {
            types.add(TensorType.of(DataType.FLOAT32, Shape.of(statDims)));
        }
        float epsilon = node.attributes().getFloat("epsilon", 1e-5f);
        int r = rows;
        int c = cols;
        return FunctionKernel.of(types, inv -> run(inv, r, c, epsilon, scaleIndex, biasIndex));
    }

    private static int[] broadcastTo(Node node, int input, Shape xs) {
        Shape s = node.inputType(input).shape();
        if (!Broadcast.shape(node, s, xs).equals(xs)) {
            throw new InvalidNodeException(
                    node, "input " + input + " of shape " + s + " does not broadcast to X " + xs);
        }
        return Broadcast.sourceIndices(s, xs);
    }

    private static void run(Invocation inv, int rows, int cols, float epsilon, int[] scaleIndex, int[] biasIndex) {
        double[] x = Elements.doubles(inv.input(0));
        double[] scale = Elements.doubles(inv.input(1));
        double[] bias = biasIndex == null ? null : Elements.doubles(inv.input(2));
        double[] y = new double[x.length];
        double[] means = new double[rows];
        double[] invStd = new double[rows];
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            double sum = 0;
            for (int i = 0; i < cols; i++) {
                sum += x[base + i];
            }
            double mean = sum / cols;
            double sq = 0;
            for (int i = 0; i < cols; i++) {
                double d = x[base + i] - mean;
                sq += d * d;
            }
            double invStdDev = 1 / Math.sqrt(sq / cols + epsilon);
            for (int i = 0; i < cols; i++) {
                int k = base + i;
                y[k] = (x[k] - mean) * invStdDev * scale[scaleIndex[k]] + (bias == null ? 0 : bias[biasIndex[k]]);
            }
            means[r] = mean;
            invStd[r] = invStdDev;
        }
        Elements.putDoubles(inv.output(0), y);
        if (inv.outputCount() > 1) {
            Elements.putDoubles(inv.output(1), means);
        }
        if (inv.outputCount() > 2) {
            Elements.putDoubles(inv.output(2), invStd);
        }
    }
}
