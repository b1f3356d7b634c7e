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
import dev.vela.spi.TensorType;
import java.util.EnumSet;
import java.util.Set;

/**
 * ONNX LRN (opsets 1, 13) in float32: local response normalisation across channels,
 * {@code y = x / (bias + alpha / size * sum(x[c']^2))^beta} over channels
 * {@code c' in [c - floor((size-1)/2), c + ceil((size-1)/2)]} that exist. Defaults alpha 1e-4,
 * beta 0.75, bias 1; {@code size} is required. Both layouts.
 */
public final class LRN extends ReferenceKernelFactory {

    /** Creates the factory. */
    public LRN() {
        super("LRN", EnumSet.of(DataType.FLOAT32), Layout.NCHW, Layout.NHWC);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 1, 1);
        TensorType xType = NodeChecks.dataType(node, 0, Set.of(DataType.FLOAT32));
        SpatialDims x = SpatialDims.of(node, xType.shape(), Layout.of(node), 0);
        int size = node.attributes().getInt("size");
        if (size <= 0) {
            throw new InvalidNodeException(node, "attribute 'size' must be positive, got " + size);
        }
        double alpha = node.attributes().getFloat("alpha", 1e-4f);
        double beta = node.attributes().getFloat("beta", 0.75f);
        double bias = node.attributes().getFloat("bias", 1f);
        int before = (size - 1) / 2;
        int after = size - 1 - before;
        return FunctionKernel.of(xType, inv -> run(inv, x, before, after, alpha / size, beta, bias));
    }

    private static void run(
            Invocation inv, SpatialDims x, int before, int after, double alphaOverSize, double beta, double bias) {
        double[] in = Elements.doubles(inv.input(0));
        double[] out = new double[in.length];
        int spatial = x.spatialSize();
        for (int n = 0; n < x.batch; n++) {
            for (int s = 0; s < spatial; s++) {
                int pos = ChannelStatistics.offset(x, s);
                for (int c = 0; c < x.channels; c++) {
                    double sum = 0;
                    int last = Math.min(x.channels - 1, c + after);
                    for (int k = Math.max(0, c - before); k <= last; k++) {
                        double v = in[x.base(n, k) + pos];
                        sum += v * v;
                    }
                    int off = x.base(n, c) + pos;
                    out[off] = in[off] / Math.pow(bias + alphaOverSize * sum, beta);
                }
            }
        }
        Elements.putDoubles(inv.output(0), out);
    }
}
