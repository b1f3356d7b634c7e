package dev.vela.reference.elementwise;

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
import java.util.Set;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * One or more inputs of one element type, all broadcast together, folded left to right with a
 * binary operation into one output of that type (ONNX Sum, Max, Min, Mean). Floating types fold in
 * double and round once at the end; integer types fold in long.
 */
abstract class VariadicElementwise extends ReferenceKernelFactory {

    private final Set<DataType> types;

    VariadicElementwise(String op, Set<DataType> types) {
        super(op, types);
        this.types = types;
    }

    /** The fold on floating-point values. */
    abstract DoubleBinaryOperator floatOperation();

    /** The fold on integer values of {@code type} (as {@link dev.vela.spi.Tensor#getLong(int)} gives them). */
    abstract LongBinaryOperator integerOperation(DataType type);

    /** What to do with the floating-point fold of {@code count} inputs; Mean divides by it. */
    double finish(double folded, int count) {
        return folded;
    }

    @Override
    public Kernel prepare(Node node) {
        Unquantized.require(node);
        NodeChecks.inputCount(node, 1, Integer.MAX_VALUE);
        int count = node.inputCount();
        Shape[] shapes = new Shape[count];
        for (int i = 0; i < count; i++) {
            if (!node.hasInput(i)) {
                throw new InvalidNodeException(
                        node, "input " + i + " is missing; every input of " + node.op() + " is required");
            }
            NodeChecks.dataType(node, i, types);
            NodeChecks.sameDataType(node, 0, i);
            shapes[i] = node.inputType(i).shape();
        }
        Shape outShape = Broadcast.shape(node, shapes);
        int[][] index = new int[count][];
        for (int i = 0; i < count; i++) {
            index[i] = Broadcast.sourceIndices(shapes[i], outShape);
        }
        DataType type = node.inputType(0).dataType();
        TensorType out = TensorType.of(type, outShape);
        if (type.isFloatingPoint()) {
            DoubleBinaryOperator f = floatOperation();
            return FunctionKernel.of(out, inv -> invokeFloating(inv, index, f));
        }
        LongBinaryOperator f = integerOperation(type);
        return FunctionKernel.of(out, inv -> invokeInteger(inv, index, f));
    }

    private void invokeFloating(Invocation inv, int[][] index, DoubleBinaryOperator f) {
        int n = index[0].length;
        double[] acc = new double[n];
        double[] first = Elements.doubles(inv.input(0));
        for (int i = 0; i < n; i++) {
            acc[i] = first[index[0][i]];
        }
        for (int k = 1; k < index.length; k++) {
            double[] x = Elements.doubles(inv.input(k));
            int[] idx = index[k];
            for (int i = 0; i < n; i++) {
                acc[i] = f.applyAsDouble(acc[i], x[idx[i]]);
            }
        }
        for (int i = 0; i < n; i++) {
            acc[i] = finish(acc[i], index.length);
        }
        FloatingWriter.put(inv.output(0), acc);
    }

    private static void invokeInteger(Invocation inv, int[][] index, LongBinaryOperator f) {
        int n = index[0].length;
        long[] acc = new long[n];
        long[] first = Elements.longs(inv.input(0));
        for (int i = 0; i < n; i++) {
            acc[i] = first[index[0][i]];
        }
        for (int k = 1; k < index.length; k++) {
            long[] x = Elements.longs(inv.input(k));
            int[] idx = index[k];
            for (int i = 0; i < n; i++) {
                acc[i] = f.applyAsLong(acc[i], x[idx[i]]);
            }
        }
        Elements.putLongs(inv.output(0), acc);
    }
}
