package dev.vela.reference.tensor;

import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.InvalidNodeException;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.Tensor;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * ONNX OneHot: for each index, a run of {@code depth} elements along the new axis {@code axis}
 * (default -1, the last) that are all {@code values[0]} except {@code values[1]} at the index.
 * Indices may be of any numeric type (floating ones truncated) and negative (counting from
 * {@code depth}); out-of-range ones give an all-off run. {@code depth} is a value input.
 */
public final class OneHot extends ReferenceKernelFactory {

    /** Creates the factory. */
    public OneHot() {
        super("OneHot", DataTypes.ALL);
    }

    @Override
    public Set<Integer> valueInputs(Node node) {
        return Set.of(1);
    }

    @Override
    public Kernel prepare(Node node) {
        NodeChecks.inputCount(node, 3, 3);
        TensorType indices = NodeChecks.dataType(node, 0, DataTypes.NUMBERS);
        Tensor depthValue = NodeChecks.constant(node, 1);
        if (depthValue.elementCount() != 1) {
            throw new InvalidNodeException(node, "depth must hold one value, got " + depthValue.type());
        }
        double rawDepth = depthValue.getDouble(0);
        if (!(rawDepth >= 1) || rawDepth > Integer.MAX_VALUE) {
            throw new InvalidNodeException(node, "depth must be positive, got " + rawDepth);
        }
        int depth = (int) rawDepth;
        TensorType values = node.inputType(2);
        if (values.elementCount() != 2 || values.shape().rank() != 1) {
            throw new InvalidNodeException(node, "values must be [off, on], got " + values);
        }
        int rank = indices.shape().rank();
        int axis = NodeChecks.axis(node, node.attributes().getLong("axis", -1), rank + 1);
        int[] inDims = indices.shape().dims();
        int[] outDims = new int[rank + 1];
        System.arraycopy(inDims, 0, outDims, 0, axis);
        outDims[axis] = depth;
        System.arraycopy(inDims, axis, outDims, axis + 1, rank - axis);
        int inner = 1;
        for (int d = axis; d < rank; d++) {
            inner *= inDims[d];
        }
        int innerSize = inner;
        return FunctionKernel.of(
                QuantizedAxes.moved(node, values, Shape.of(outDims), -1), inv -> invoke(inv, depth, innerSize));
    }

    private static void invoke(Invocation inv, int depth, int inner) {
        Tensor indices = inv.input(0);
        long[] idx =
                indices.dataType().isFloatingPoint() ? truncated(Elements.doubles(indices)) : Elements.longs(indices);
        Tensor values = inv.input(2);
        int size = values.dataType().byteSize();
        ByteBuffer v = values.bytes();
        byte[] off = new byte[size];
        byte[] on = new byte[size];
        v.get(0, off);
        v.get(size, on);
        Tensor out = inv.output(0);
        ByteBuffer b = out.bytes();
        int n = out.elementCount();
        for (int i = 0; i < n; i++) {
            b.put(i * size, off);
        }
        for (int i = 0; i < idx.length; i++) {
            long k = idx[i] < 0 ? idx[i] + depth : idx[i];
            if (k >= 0 && k < depth) {
                int o = i / inner;
                int in = i % inner;
                b.put(((o * depth + (int) k) * inner + in) * size, on);
            }
        }
    }

    private static long[] truncated(double[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (long) values[i];
        }
        return out;
    }
}
