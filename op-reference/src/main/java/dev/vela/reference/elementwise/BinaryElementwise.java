package dev.vela.reference.elementwise;

import dev.vela.reference.support.Broadcast;
import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.Invocation;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import dev.vela.spi.VelaException;
import java.util.Set;
import java.util.function.DoubleBinaryOperator;
import java.util.function.LongBinaryOperator;

/**
 * Two inputs of one element type, broadcast together (ONNX multidirectional broadcasting), one
 * output of the same type (before opset 7, the {@code broadcast}/{@code axis} attributes of
 * {@link LegacyBroadcast}). Floating types compute in double and round once to the element type;
 * integer types compute in long and wrap to the element width. An {@link ArithmeticException}
 * from the integer operation (division by zero) is reported naming the node.
 */
abstract class BinaryElementwise extends ReferenceKernelFactory {

    private final Set<DataType> types;

    BinaryElementwise(String op, Set<DataType> types) {
        super(op, types);
        this.types = types;
    }

    /**
     * @param node the node, for its attributes
     * @return the operation on floating-point values
     */
    abstract DoubleBinaryOperator floatOperation(Node node);

    /**
     * @param node the node, for its attributes
     * @param type the integer element type; operands arrive as {@link dev.vela.spi.Tensor#getLong(int)}
     *     gives them (unsigned types zero-extended, uint64 as raw bits)
     * @return the operation; its result is wrapped to the element width
     */
    abstract LongBinaryOperator integerOperation(Node node, DataType type);

    @Override
    public Kernel prepare(Node node) {
        Unquantized.require(node);
        NodeChecks.inputCount(node, 2, 2);
        TensorType a = NodeChecks.dataType(node, 0, types);
        NodeChecks.sameDataType(node, 0, 1);
        Shape bShape =
                LegacyBroadcast.secondOperand(node, a.shape(), node.inputType(1).shape());
        Shape outShape = Broadcast.shape(node, a.shape(), bShape);
        int[] aIndex = Broadcast.sourceIndices(a.shape(), outShape);
        int[] bIndex = Broadcast.sourceIndices(bShape, outShape);
        DataType type = a.dataType();
        TensorType out = TensorType.of(type, outShape);
        if (type.isFloatingPoint()) {
            DoubleBinaryOperator f = floatOperation(node);
            return FunctionKernel.of(out, inv -> invokeFloating(inv, aIndex, bIndex, f));
        }
        LongBinaryOperator f = integerOperation(node, type);
        String name = node.describe();
        return FunctionKernel.of(out, inv -> invokeInteger(inv, aIndex, bIndex, f, name));
    }

    private static void invokeFloating(Invocation inv, int[] aIndex, int[] bIndex, DoubleBinaryOperator f) {
        double[] x = Elements.doubles(inv.input(0));
        double[] y = Elements.doubles(inv.input(1));
        double[] z = new double[aIndex.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = f.applyAsDouble(x[aIndex[i]], y[bIndex[i]]);
        }
        FloatingWriter.put(inv.output(0), z);
    }

    private static void invokeInteger(Invocation inv, int[] aIndex, int[] bIndex, LongBinaryOperator f, String node) {
        long[] x = Elements.longs(inv.input(0));
        long[] y = Elements.longs(inv.input(1));
        long[] z = new long[aIndex.length];
        try {
            for (int i = 0; i < z.length; i++) {
                z[i] = f.applyAsLong(x[aIndex[i]], y[bIndex[i]]);
            }
        } catch (ArithmeticException e) {
            throw new VelaException(node + ": " + e.getMessage(), e);
        }
        Elements.putLongs(inv.output(0), z);
    }
}
