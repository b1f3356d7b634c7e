package dev.vela.reference.elementwise;

import dev.vela.reference.support.Broadcast;
import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.Set;

/**
 * ONNX PRelu: {@code x < 0 ? slope * x : x}. The slope broadcasts unidirectionally to X (the
 * output has X's shape); floating types and, since opset 16, 32/64-bit integers.
 */
public final class PRelu extends ReferenceKernelFactory {

    private static final Set<DataType> TYPES = ElementTypes.union(
            ElementTypes.FLOATS, ElementTypes.of(DataType.INT32, DataType.INT64, DataType.UINT32, DataType.UINT64));

    /** Creates the factory. */
    public PRelu() {
        super("PRelu", TYPES);
    }

    /**
     * Before opset 7 a one-dimensional slope of C elements applies per channel (axis 1), as the
     * Caffe2 and early PyTorch exporters relied on; from opset 7 it broadcasts unidirectionally.
     */
    private static Shape channelwiseBeforeOpset7(Node node, Shape x, Shape slope) {
        if (node.opsetVersion() >= 7
                || slope.rank() != 1
                || x.rank() < 2
                || slope.dim(0) != x.dim(1)
                || slope.dim(0) == x.dim(-1)) {
            return slope;
        }
        int[] dims = new int[x.rank() - 1];
        java.util.Arrays.fill(dims, 1);
        dims[0] = slope.dim(0);
        return Shape.of(dims);
    }

    @Override
    public Kernel prepare(Node node) {
        Unquantized.require(node);
        NodeChecks.inputCount(node, 2, 2);
        TensorType x = NodeChecks.dataType(node, 0, TYPES);
        NodeChecks.sameDataType(node, 0, 1);
        Shape slopeShape =
                channelwiseBeforeOpset7(node, x.shape(), node.inputType(1).shape());
        if (!Broadcast.shape(node, x.shape(), slopeShape).equals(x.shape())) {
            throw new InvalidNodeException(
                    node, "slope shape " + slopeShape + " does not broadcast to X's shape " + x.shape());
        }
        int[] slopeIndex = Broadcast.sourceIndices(slopeShape, x.shape());
        TensorType out = TensorType.of(x.dataType(), x.shape());
        if (x.dataType().isFloatingPoint()) {
            return FunctionKernel.of(out, inv -> {
                double[] v = Elements.doubles(inv.input(0));
                double[] slope = Elements.doubles(inv.input(1));
                for (int i = 0; i < v.length; i++) {
                    if (v[i] < 0) {
                        v[i] *= slope[slopeIndex[i]];
                    }
                }
                FloatingWriter.put(inv.output(0), v);
            });
        }
        boolean signed = x.dataType().isSigned();
        return FunctionKernel.of(out, inv -> {
            long[] v = Elements.longs(inv.input(0));
            long[] slope = Elements.longs(inv.input(1));
            for (int i = 0; signed && i < v.length; i++) {
                if (v[i] < 0) {
                    v[i] *= slope[slopeIndex[i]];
                }
            }
            Elements.putLongs(inv.output(0), v);
        });
    }
}
