package dev.vela.reference.tensor;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.Arrays;
import java.util.Set;

/**
 * ONNX Slice: {@code starts}, {@code ends}, optional {@code axes} and {@code steps} select a
 * strided window per axis, clamped to the input as ONNX specifies (negative values count from the
 * end, out-of-range ones are clamped, negative steps walk backwards). They are value inputs from
 * opset 10 and attributes before (without steps).
 */
public final class Slice extends ReferenceKernelFactory {

    /** Creates the factory. */
    public Slice() {
        super("Slice", DataTypes.ALL);
    }

    @Override
    public Set<Integer> valueInputs(Node node) {
        if (node.opsetVersion() < 10) {
            return Set.of();
        }
        Set<Integer> inputs = new java.util.HashSet<>(Set.of(1, 2));
        for (int i = 3; i <= 4; i++) {
            if (node.hasInput(i)) {
                inputs.add(i);
            }
        }
        return inputs;
    }

    @Override
    public Kernel prepare(Node node) {
        long[] starts;
        long[] ends;
        long[] axes;
        long[] steps;
        if (node.opsetVersion() >= 10) {
            NodeChecks.inputCount(node, 3, 5);
            starts = IntegerValues.constant(node, 1);
            ends = IntegerValues.constant(node, 2);
            axes = node.hasInput(3) ? IntegerValues.constant(node, 3) : null;
            steps = node.hasInput(4) ? IntegerValues.constant(node, 4) : null;
        } else {
            NodeChecks.inputCount(node, 1, 1);
            starts = node.attributes().getLongs("starts");
            ends = node.attributes().getLongs("ends");
            axes = node.attributes().getLongs("axes", null);
            steps = null;
        }
        TensorType in = node.inputType(0);
        int rank = in.shape().rank();
        int n = starts.length;
        if (ends.length != n || axes != null && axes.length != n || steps != null && steps.length != n) {
            throw new InvalidNodeException(
                    node,
                    "starts, ends, axes and steps must have equal lengths, got starts "
                            + Arrays.toString(starts) + ", ends " + Arrays.toString(ends) + ", axes "
                            + Arrays.toString(axes)
                            + ", steps " + Arrays.toString(steps));
        }
        int[] inDims = in.shape().dims();
        int[] inStrides = in.shape().strides();
        int[] outDims = inDims.clone();
        int[] stride = inStrides.clone();
        boolean[] seen = new boolean[rank];
        int quantizedAxis =
                in.quantization().map(q -> q.isPerAxis() ? q.axis() : -1).orElse(-1);
        boolean quantizedAxisKept = true;
        int first = 0;
        for (int i = 0; i < n; i++) {
            int axis = axes == null ? i : NodeChecks.axis(node, axes[i], rank);
            if (axes == null && i >= rank) {
                throw new InvalidNodeException(
                        node, "starts has " + n + " entries but the input " + in.shape() + " has rank " + rank);
            }
            if (seen[axis]) {
                throw new InvalidNodeException(node, "axis " + axis + " is sliced twice");
            }
            seen[axis] = true;
            long step = steps == null ? 1 : steps[i];
            if (step == 0) {
                throw new InvalidNodeException(node, "step 0 on axis " + axis);
            }
            long dim = inDims[axis];
            long start = starts[i] < 0 ? starts[i] + dim : starts[i];
            long end = ends[i] < 0 ? ends[i] + dim : ends[i];
            long count;
            if (step > 0) {
                start = clamp(start, 0, dim);
                end = clamp(end, 0, dim);
                count = end > start ? (end - start + step - 1) / step : 0;
            } else {
                start = clamp(start, 0, dim - 1);
                end = clamp(end, -1, dim - 1);
                // An empty axis has no valid start for a backward walk: nothing to select.
                count = start > end && dim > 0 ? (start - end + (-step) - 1) / (-step) : 0;
            }
            outDims[axis] = (int) count;
            if (axis == quantizedAxis && (step != 1 || start != 0 || count != dim)) {
                quantizedAxisKept = false;
            }
            // Taken modulo 2^32 on purpose: a huge step with count 1 is added and subtracted again, so
            // the wrap cancels; with count > 1 the product fits because every visited index does.
            stride[axis] = (int) (step * inStrides[axis]);
            if (count > 0) {
                first += (int) start * inStrides[axis];
            }
        }
        Shape outShape = Shape.of(outDims);
        int[] source = outShape.isEmpty() ? new int[0] : StridedIndex.walk(outDims, stride, first);
        return FunctionKernel.of(
                QuantizedAxes.moved(node, in, outShape, quantizedAxisKept ? quantizedAxis : -1),
                inv -> Elements.gather(inv.input(0), inv.output(0), source));
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
