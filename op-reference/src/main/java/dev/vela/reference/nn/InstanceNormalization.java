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
import java.util.EnumSet;
import java.util.Set;

/**
 * ONNX InstanceNormalization (opsets 6, 22) in float32: each (batch, channel) slice is normalised
 * by its own mean and population variance over the spatial positions,
 * {@code y = scale[c] * (x - mean) / sqrt(var + epsilon) + B[c]}. Both layouts.
 */
public final class InstanceNormalization extends ReferenceKernelFactory {

    /** Creates the factory. */
    public InstanceNormalization() {
        super("InstanceNormalization", EnumSet.of(DataType.FLOAT32), Layout.NCHW, Layout.NHWC);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 3, 3);
        TensorType xType = NodeChecks.dataType(node, 0, Set.of(DataType.FLOAT32));
        NodeChecks.sameDataType(node, 0, 1, 2);
        SpatialDims x = SpatialDims.of(node, xType.shape(), Layout.of(node), 1);
        for (int i = 1; i < 3; i++) {
            if (!node.inputType(i).shape().equals(Shape.of(x.channels))) {
                throw new InvalidNodeException(
                        node,
                        "input " + i + " has shape " + node.inputType(i).shape() + ", expected [" + x.channels + "]");
            }
        }
        float epsilon = node.attributes().getFloat("epsilon", 1e-5f);
        return FunctionKernel.of(xType, inv -> run(inv, x, epsilon));
    }

    private static void run(Invocation inv, SpatialDims x, float epsilon) {
        double[] in = Elements.doubles(inv.input(0));
        double[] scale = Elements.doubles(inv.input(1));
        double[] bias = Elements.doubles(inv.input(2));
        double[] out = new double[in.length];
        int spatial = x.spatialSize();
        for (int n = 0; n < x.batch; n++) {
            for (int c = 0; c < x.channels; c++) {
                int base = x.base(n, c);
                double sum = 0;
                for (int s = 0; s < spatial; s++) {
                    sum += in[base + ChannelStatistics.offset(x, s)];
                }
                double mean = sum / spatial;
                double sq = 0;
                for (int s = 0; s < spatial; s++) {
                    double d = in[base + ChannelStatistics.offset(x, s)] - mean;
                    sq += d * d;
                }
                double k = scale[c] / Math.sqrt(sq / spatial + epsilon);
                for (int s = 0; s < spatial; s++) {
                    int off = base + ChannelStatistics.offset(x, s);
                    out[off] = (in[off] - mean) * k + bias[c];
                }
            }
        }
        Elements.putDoubles(inv.output(0), out);
    }
}
