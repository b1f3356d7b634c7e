package dev.vela.reference.elementwise;

import dev.vela.reference.support.Broadcast;
import dev.vela.reference.support.Elements;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.DataType;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.util.Set;

/**
 * Two inputs of one element type, broadcast together, compared element by element into a bool
 * output. Floating values compare as IEEE 754 does (every comparison involving NaN is false, so
 * NaN equals nothing, itself included); integers compare by value (uint64 unsigned); bool as 0
 * and 1.
 */
abstract class ComparisonElementwise extends ReferenceKernelFactory {

    private final Set<DataType> types;

    ComparisonElementwise(String op, Set<DataType> types) {
        super(op, types);
        this.types = types;
    }

    /** The comparison of floating-point values. */
    abstract boolean test(double a, double b);

    /** The comparison of integers by their order: {@code sign} is the sign of {@code a - b}. */
    abstract boolean testOrder(int sign);

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
        TensorType out = TensorType.of(DataType.BOOL, outShape);
        if (type.isFloatingPoint()) {
            return FunctionKernel.of(out, inv -> {
                double[] x = Elements.doubles(inv.input(0));
                double[] y = Elements.doubles(inv.input(1));
                byte[] z = new byte[aIndex.length];
                for (int i = 0; i < z.length; i++) {
                    z[i] = test(x[aIndex[i]], y[bIndex[i]]) ? (byte) 1 : 0;
                }
                inv.output(0).bytes().put(z);
            });
        }
        return FunctionKernel.of(out, inv -> {
            long[] x = Elements.longs(inv.input(0));
            long[] y = Elements.longs(inv.input(1));
            byte[] z = new byte[aIndex.length];
            for (int i = 0; i < z.length; i++) {
                z[i] = testOrder(ElementTypes.compare(x[aIndex[i]], y[bIndex[i]], type)) ? (byte) 1 : 0;
            }
            inv.output(0).bytes().put(z);
        });
    }
}
