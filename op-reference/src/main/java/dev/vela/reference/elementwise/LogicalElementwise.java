package dev.vela.reference.elementwise;

import dev.vela.reference.support.Broadcast;
import dev.vela.reference.support.FunctionKernel;
import dev.vela.reference.support.NodeChecks;
import dev.vela.reference.support.ReferenceKernelFactory;
import dev.vela.spi.Kernel;
import dev.vela.spi.Node;
import dev.vela.spi.Shape;
import dev.vela.spi.TensorType;
import java.nio.ByteBuffer;

/** Two bool inputs, broadcast together, combined element by element into a bool output (And, Or, Xor). */
abstract class LogicalElementwise extends ReferenceKernelFactory {

    LogicalElementwise(String op) {
        super(op, ElementTypes.BOOL);
    }

    /** The logical operation. */
    abstract boolean apply(boolean a, boolean b);

    @Override
    public Kernel prepare(Node node) {
        Unquantized.require(node);
        NodeChecks.inputCount(node, 2, 2);
        TensorType a = NodeChecks.dataType(node, 0, ElementTypes.BOOL);
        TensorType b = NodeChecks.dataType(node, 1, ElementTypes.BOOL);
        Shape bShape = LegacyBroadcast.secondOperand(node, a.shape(), b.shape());
        Shape outShape = Broadcast.shape(node, a.shape(), bShape);
        int[] aIndex = Broadcast.sourceIndices(a.shape(), outShape);
        int[] bIndex = Broadcast.sourceIndices(bShape, outShape);
        return FunctionKernel.of(TensorType.of(a.dataType(), outShape), inv -> {
            ByteBuffer x = inv.input(0).bytes();
            ByteBuffer y = inv.input(1).bytes();
            ByteBuffer z = inv.output(0).bytes();
            for (int i = 0; i < aIndex.length; i++) {
                z.put(i, apply(x.get(aIndex[i]) != 0, y.get(bIndex[i]) != 0) ? (byte) 1 : 0);
            }
        });
    }
}
