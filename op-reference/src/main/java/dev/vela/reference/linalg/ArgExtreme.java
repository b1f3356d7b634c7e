package dev.vela.reference.linalg;

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
import java.util.Arrays;
import java.util.Set;

/**
 * ONNX ArgMax and ArgMin: the int64 position of the largest / smallest element along {@code axis}
 * (default 0, negative counts from the end), that axis kept as 1 when {@code keepdims} (default 1)
 * or dropped. Ties go to the first position, or the last with {@code select_last_index} (opset 12).
 * NaN is handled as numpy does (see {@link Extremes}). An empty axis has no answer and is refused.
 */
abstract class ArgExtreme extends ReferenceKernelFactory {

    private static final Set<DataType> TYPES = DataTypes.union(DataTypes.FLOATS, DataTypes.INTEGERS);

    private final boolean max;

    ArgExtreme(String op, boolean max) {
        super(op, TYPES);
        this.max = max;
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 1, 1);
        TensorType in = NodeChecks.dataType(node, 0, TYPES);
        Shape shape = in.shape();
        int axis = NodeChecks.axis(node, node.attributes().getLong("axis", 0), shape.rank());
        boolean keepDims = node.attributes().getLong("keepdims", 1) != 0;
        boolean last = node.attributes().getLong("select_last_index", 0) != 0;
        if (shape.dim(axis) == 0) {
            throw new InvalidNodeException(
                    node, "axis " + axis + " of " + shape + " is empty: it has no " + op().name() + " position");
        }
        Shape outShape = keepDims ? shape.withDim(axis, 1) : dropAxis(shape, axis);
        AxisSplit split = AxisSplit.along(shape, axis);
        boolean floating = in.dataType().isFloatingPoint();
        return FunctionKernel.of(TensorType.of(DataType.INT64, outShape), inv -> invoke(inv, split, floating, last));
    }

    private void invoke(Invocation inv, AxisSplit split, boolean floating, boolean last) {
        long[] result = new long[split.lanes()];
        double[] xd = floating ? Elements.doubles(inv.input(0)) : null;
        long[] xl = floating ? null : DataTypes.orderedLongs(inv.input(0));
        for (int lane = 0; lane < result.length; lane++) {
            int start = split.laneStart(lane);
            result[lane] = floating
                    ? Extremes.argBest(xd, start, split.n(), split.inner(), max, last)
                    : Extremes.argBest(xl, start, split.n(), split.inner(), max, last);
        }
        // Lanes are numbered outer-major, inner-minor: exactly the output's row-major order.
        Elements.putLongs(inv.output(0), result);
    }

    private static Shape dropAxis(Shape shape, int axis) {
        int[] d = shape.dims();
        int[] out = Arrays.copyOf(d, d.length - 1);
        System.arraycopy(d, axis + 1, out, axis, d.length - axis - 1);
        return Shape.of(out);
    }
}
