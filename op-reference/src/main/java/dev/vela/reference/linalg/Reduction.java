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
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.util.Arrays;
import java.util.Set;

/**
 * The ONNX Reduce* operators. The axes come from the {@code axes} attribute before opset
 * {@code axesInputSince} (13 for ReduceSum, 18 for the others) and from the optional second input
 * from then on; that input decides the output shape, so it is a {@linkplain #valueInputs value
 * input}. Negative axes count from the end. No axes means all axes, unless {@code
 * noop_with_empty_axes} (which exists from that same opset) is set: then nothing is reduced and each
 * output element is the operator applied to its single input element (ReduceSumSquare squares,
 * ReduceL1 takes the absolute value, ...), as ONNX's reference does.
 *
 * <p>Floating types accumulate in double, one accumulator per output element, and round once.
 * Integer types (where a subclass claims them) accumulate in long and wrap to the element width.
 */
abstract class Reduction extends ReferenceKernelFactory {

    /** The opset from which ReduceSum takes its axes as an input. */
    static final int AXES_INPUT_SINCE_SUM = 13;

    /** The opset from which every other Reduce* operator takes its axes as an input. */
    static final int AXES_INPUT_SINCE = 18;

    private final int axesInputSince;
    private final Set<DataType> types;

    /**
     * @param op the operator
     * @param axesInputSince the opset from which axes are an input and noop_with_empty_axes exists
     * @param types the claimed element types
     */
    Reduction(String op, int axesInputSince, Set<DataType> types) {
        super(op, types);
        this.axesInputSince = axesInputSince;
        this.types = types;
    }

    /** @return the accumulator's starting value (the result of an empty reduction) */
    abstract double initial();

    /** @return the accumulator after taking in {@code x} */
    abstract double accumulate(double acc, double x);

    /**
     * @param acc the accumulated value
     * @param count how many elements went in
     * @return the output value
     */
    double finish(double acc, int count) {
        return acc;
    }

    /**
     * Integer reductions; only called for the integer types the subclass claims.
     *
     * @param type the element type
     * @return the accumulator's starting value
     */
    long initialLong(DataType type) {
        throw new UnsupportedOperationException(op() + " has no integer form");
    }

    /**
     * @param acc the accumulator
     * @param x the next element (unsigned types zero-extended)
     * @param type the element type
     * @return the accumulator after taking in {@code x}
     */
    long accumulateLong(long acc, long x, DataType type) {
        throw new UnsupportedOperationException(op() + " has no integer form");
    }

    /**
     * Reduces floating-point elements; subclasses that need more than one pass override it.
     *
     * @param x the input elements
     * @param plan where each element goes
     * @return the output elements
     */
    double[] reduce(double[] x, ReductionPlan plan) {
        double[] acc = new double[plan.outCount()];
        Arrays.fill(acc, initial());
        int[] to = plan.outIndex();
        for (int i = 0; i < x.length; i++) {
            acc[to[i]] = accumulate(acc[to[i]], x[i]);
        }
        for (int o = 0; o < acc.length; o++) {
            acc[o] = finish(acc[o], plan.groupSize());
        }
        return acc;
    }

    @Override
    public Set<Integer> valueInputs(Node node) {
        return axesFromInput(node) && node.hasInput(1) ? Set.of(1) : Set.of();
    }

    private boolean axesFromInput(Node node) {
        return node.opsetVersion() >= axesInputSince;
    }

    @Override
    public Kernel prepare(Node node) {
        boolean fromInput = axesFromInput(node);
        NodeChecks.inputCount(node, 1, fromInput ? 2 : 1);
        TensorType in = NodeChecks.dataType(node, 0, types);
        boolean keepDims = node.attributes().getLong("keepdims", 1) != 0;
        ReductionPlan plan = ReductionPlan.of(in.shape(), reducedAxes(node, in.shape(), fromInput), keepDims);
        TensorType out = TensorType.of(in.dataType(), plan.outShape());
        if (in.dataType().isFloatingPoint()) {
            return FunctionKernel.of(
                    out, inv -> Elements.putDoubles(inv.output(0), reduce(Elements.doubles(inv.input(0)), plan)));
        }
        DataType type = in.dataType();
        return FunctionKernel.of(out, inv -> invokeLong(inv, plan, type));
    }

    private void invokeLong(Invocation inv, ReductionPlan plan, DataType type) {
        long[] x = Elements.longs(inv.input(0));
        long[] acc = new long[plan.outCount()];
        Arrays.fill(acc, initialLong(type));
        int[] to = plan.outIndex();
        for (int i = 0; i < x.length; i++) {
            acc[to[i]] = accumulateLong(acc[to[i]], x[i], type);
        }
        Elements.putLongs(inv.output(0), acc);
    }

    private boolean[] reducedAxes(Node node, Shape in, boolean fromInput) {
        long[] axes;
        boolean noop = false;
        if (fromInput) {
            if (node.attributes().has("axes")) {
                throw new InvalidNodeException(
                        node, "from opset " + axesInputSince + " axes are the second input, not an attribute");
            }
            noop = node.attributes().getLong("noop_with_empty_axes", 0) != 0;
            axes = node.hasInput(1) ? axesInput(node) : new long[0];
        } else {
            axes = node.attributes().getLongs("axes", new long[0]);
        }
        boolean[] reduced = new boolean[in.rank()];
        if (axes.length == 0) {
            Arrays.fill(reduced, !noop);
            return reduced;
        }
        for (long a : axes) {
            int axis = NodeChecks.axis(node, a, in.rank());
            if (reduced[axis]) {
                throw new InvalidNodeException(node, "axis " + a + " is given twice in axes " + Arrays.toString(axes));
            }
            reduced[axis] = true;
        }
        return reduced;
    }

    private static long[] axesInput(Node node) {
        Tensor t = NodeChecks.constant(node, 1);
        if (t.dataType() != DataType.INT64 || t.shape().rank() > 1) {
            throw new InvalidNodeException(node, "axes input must be a 1-D int64 tensor, got " + t.type());
        }
        return t.toLongArray();
    }
}
