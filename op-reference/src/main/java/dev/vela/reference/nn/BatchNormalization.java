package dev.vela.reference.nn;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.reference.support.SpatialDims;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * ONNX BatchNormalization (opsets 6-15) in float32, input [N, C, ...] (NCHW, rank 2 allowed) or
 * [N, ..., C] (NHWC). Inference: {@code y = scale * (x - mean) / sqrt(var + epsilon) + B}.
 *
 * <p>With {@code training_mode} = 1 (opset 14+) the statistics are those of the batch (mean and
 * population variance over every axis but the channel), and the optional outputs 2 and 3 are
 * the running statistics {@code input * momentum + batch * (1 - momentum)}, as ONNX's reference.
 * Outputs beyond the first are refused in inference mode (older opsets' training outputs).
 */
public final class BatchNormalization extends ReferenceKernelFactory {

    /** Creates the factory. */
    public BatchNormalization() {
        super("BatchNormalization", EnumSet.of(DataType.FLOAT32), Layout.NCHW, Layout.NHWC);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 5, 5);
        TensorType xType = NodeChecks.dataType(node, 0, Set.of(DataType.FLOAT32));
        NodeChecks.sameDataType(node, 0, 1, 2, 3, 4);
        SpatialDims x = SpatialDims.of(node, xType.shape(), Layout.of(node), 0);
        Shape perChannel = Shape.of(x.channels);
        for (int i = 1; i < 5; i++) {
            if (!node.inputType(i).shape().equals(perChannel)) {
                throw new InvalidNodeException(
                        node,
                        "input " + i + " has shape " + node.inputType(i).shape() + ", expected " + perChannel
                                + " (one value per channel)");
            }
        }
        float epsilon = node.attributes().getFloat("epsilon", 1e-5f);
        float momentum = node.attributes().getFloat("momentum", 0.9f);
        boolean training = node.attributes().getInt("training_mode", 0) != 0;
        if (!training && node.outputCount() > 1) {
            throw new InvalidNodeException(
                    node,
                    "outputs beyond the first exist only in training mode "
                            + "(training_mode = 1, opset 14+); this node has " + node.outputCount());
        }
        if (node.outputCount() > 3) {
            throw new InvalidNodeException(node, "has " + node.outputCount() + " outputs, at most 3 are defined");
        }
        List<TensorType> types = new ArrayList<>();
        types.add(xType);
        for (int i = 1; i < node.outputCount(); i++) {
            types.add(TensorType.of(DataType.FLOAT32, perChannel));
        }
        return FunctionKernel.of(types, inv -> run(inv, x, epsilon, momentum, training));
    }

    private static void run(Invocation inv, SpatialDims x, float epsilon, float momentum, boolean training) {
        double[] in = Elements.doubles(inv.input(0));
        double[] scale = Elements.doubles(inv.input(1));
        double[] bias = Elements.doubles(inv.input(2));
        double[] mean = Elements.doubles(inv.input(3));
        double[] var = Elements.doubles(inv.input(4));
        double[] useMean = mean;
        double[] useVar = var;
        if (training) {
            useMean = new double[x.channels];
            useVar = new double[x.channels];
            ChannelStatistics.meanAndVariance(in, x, useMean, useVar);
        }
        double[] out = new double[in.length];
        int spatial = x.spatialSize();
        for (int n = 0; n < x.batch; n++) {
            for (int c = 0; c < x.channels; c++) {
                double k = scale[c] / Math.sqrt(useVar[c] + epsilon);
                int base = x.base(n, c);
                for (int s = 0; s < spatial; s++) {
                    int off = base + ChannelStatistics.offset(x, s);
                    out[off] = (in[off] - useMean[c]) * k + bias[c];
                }
            }
        }
        Elements.putDoubles(inv.output(0), out);
        if (inv.outputCount() > 1) {
            double[] running = new double[x.channels];
            for (int c = 0; c < x.channels; c++) {
                running[c] = mean[c] * momentum + useMean[c] * (1 - momentum);
            }
            Elements.putDoubles(inv.output(1), running);
        }
        if (inv.outputCount() > 2) {
            double[] running = new double[x.channels];
            for (int c = 0; c < x.channels; c++) {
                running[c] = var[c] * momentum + useVar[c] * (1 - momentum);
            }
            Elements.putDoubles(inv.output(2), running);
        }
    }
}
