package dev.vela.reference.nn;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.reference.support.SpatialDims;
import dev.vela.spi.DataType;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Layout;
import dev.vela.spi.Node;
import dev.vela.spi.TensorType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * GlobalAveragePool and GlobalMaxPool: one value per (batch, channel) over all spatial positions;
 * the output keeps the rank with every spatial extent 1. Both layouts.
 */
abstract class GlobalPool extends ReferenceKernelFactory {

    GlobalPool(String op) {
        super(op, EnumSet.of(DataType.FLOAT32), Layout.NCHW, Layout.NHWC);
    }

    /** Combines the {@code count} values {@code in[offsets[i]]}. */
    abstract double reduce(double[] in, int[] offsets, int count);

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 1, 1);
        TensorType xType = NodeChecks.dataType(node, 0, Set.of(DataType.FLOAT32));
        Layout layout = Layout.of(node);
        SpatialDims x = SpatialDims.of(node, xType.shape(), layout, 1);
        int[] ones = new int[x.spatialRank];
        Arrays.fill(ones, 1);
        SpatialDims out = SpatialDims.of(layout, x.batch, x.channels, ones);
        return FunctionKernel.of(TensorType.of(xType.dataType(), out.shape()), inv -> run(inv, x, out));
    }

    private void run(Invocation inv, SpatialDims x, SpatialDims y) {
        double[] in = Elements.doubles(inv.input(0));
        double[] out = new double[y.batch * y.batchStride];
        int[] offsets = new int[x.spatialSize()];
        for (int n = 0; n < x.batch; n++) {
            for (int c = 0; c < x.channels; c++) {
                int base = x.base(n, c);
                int k = 0;
                for (int d = 0; d < x.spatial[0]; d++) {
                    for (int h = 0; h < x.spatial[1]; h++) {
                        for (int w = 0; w < x.spatial[2]; w++) {
                            offsets[k++] =
                                    base + d * x.spatialStrides[0] + h * x.spatialStrides[1] + w * x.spatialStrides[2];
                        }
                    }
                }
                out[y.base(n, c)] = reduce(in, offsets, k);
            }
        }
        Elements.putDoubles(inv.output(0), out);
    }
}
